import { checkKnownOptions, configFailure } from "./internal/config-failure";

/**
 * The Inngest platform limits jobkit checks configuration against.
 *
 * @example Limits of a self-hosted Inngest
 * ```ts
 * import { defineEventFunction, type InngestLimits } from "@jobkit/functions";
 *
 * const day = 24 * 60 * 60 * 1000;
 * const selfHosted: Partial<InngestLimits> = { maxBatchSize: 500, maxSleepMs: 2 * 365 * day };
 *
 * export const importRows = defineEventFunction({
 *   id: "import-rows",
 *   on: "import/row",
 *   batchEvents: { maxSize: 500, timeout: "10s" },
 *   limits: selfHosted,
 *   handler: async ({ events }) => events.length,
 * });
 * ```
 */
export interface InngestLimits {
  /** Steps one run may have. */
  readonly maxStepsPerRun: number;
  /** Events one `send` may carry. */
  readonly maxEventsPerSend: number;
  /** Bytes of JSON one step may return. */
  readonly maxStepOutputBytes: number;
  /** Bytes of state one run may hold: events, step results and output. */
  readonly maxRunStateBytes: number;
  /** Bytes of one event payload. */
  readonly maxEventBytes: number;
  /** Bytes of one request to Inngest's event API (the documented 512 KiB default; raisable on request). */
  readonly maxSendRequestBytes: number;
  /** Events one batch may hold (`batchEvents.maxSize`). */
  readonly maxBatchSize: number;
  /** Longest `batchEvents.timeout`, in milliseconds. */
  readonly maxBatchTimeoutMs: number;
  /** Longest sleep, and longest `timeouts.*` and `cancelOn[].timeout`, in milliseconds. */
  readonly maxSleepMs: number;
  /** Most retries a function may have (`retries.attempts`). */
  readonly maxRetries: number;
  /** Shortest delay Inngest schedules a retry after, in milliseconds. */
  readonly minRetryDelayMs: number;
  /** Longest delay Inngest schedules a retry after, in milliseconds; longer ones are cut to it. */
  readonly maxRetryDelayMs: number;
  /** Entries `concurrency` may have. */
  readonly maxConcurrencyEntries: number;
  /** Entries `cancelOn` may have. */
  readonly maxCancellations: number;
  /** Triggers one function may have. */
  readonly maxTriggers: number;
  /** Shortest `throttle`, `rateLimit` and `debounce` period, in milliseconds. */
  readonly minPeriodMs: number;
  /** Longest `debounce.period` and `debounce.timeout`, in milliseconds. */
  readonly maxDebouncePeriodMs: number;
  /** Longest `throttle.period`, in milliseconds. */
  readonly maxThrottlePeriodMs: number;
  /** Longest `rateLimit.period`, in milliseconds. */
  readonly maxRateLimitPeriodMs: number;
  /** Largest absolute value of a numeric `priority` (seconds a run may jump ahead or fall behind). */
  readonly maxPriority: number;
  /** Longest function id, prefix included. */
  readonly maxFunctionIdLength: number;
}

const second = 1000;
const day = 24 * 60 * 60 * second;

/**
 * Inngest Cloud's limits, as documented on its usage-limits page; override them with the `limits` option
 * of a definition (or of `register`) when you run a self-hosted Inngest with other settings.
 *
 * @example Show the batch limit
 * ```ts
 * import { inngestLimits } from "@jobkit/functions";
 *
 * console.log(inngestLimits.maxBatchSize); // 100
 * ```
 */
export const inngestLimits: InngestLimits = Object.freeze({
  maxStepsPerRun: 1000,
  maxEventsPerSend: 5000,
  maxStepOutputBytes: 4 * 1024 * 1024,
  maxRunStateBytes: 32 * 1024 * 1024,
  maxEventBytes: 256 * 1024,
  maxSendRequestBytes: 512 * 1024,
  maxBatchSize: 100,
  maxBatchTimeoutMs: 60 * second,
  maxSleepMs: 365 * day,
  maxRetries: 20,
  minRetryDelayMs: second,
  maxRetryDelayMs: day,
  maxConcurrencyEntries: 2,
  maxCancellations: 5,
  maxTriggers: 10,
  minPeriodMs: second,
  maxDebouncePeriodMs: 7 * day,
  maxThrottlePeriodMs: 7 * day,
  maxRateLimitPeriodMs: day,
  maxPriority: 600,
  maxFunctionIdLength: 128,
});

/**
 * Returns {@link inngestLimits} with the given overrides, frozen; rejects unknown names (with a "did you
 * mean") and anything but positive finite numbers.
 *
 * @example Resolve the `limits` option of a ready-made
 * ```ts
 * import { resolveLimits } from "@jobkit/functions/internal";
 *
 * const limits = resolveLimits({ maxBatchSize: 500 });
 * console.log(limits.maxBatchSize, limits.maxStepsPerRun); // 500 1000
 * ```
 */
export function resolveLimits(overrides: Partial<InngestLimits> = {}, functionId?: string): InngestLimits {
  const fail = configFailure(functionId);
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    fail("limits", overrides, "an object of Inngest limit overrides", { example: "{ maxBatchSize: 500 }" });
  }
  checkKnownOptions(functionId, overrides, Object.keys(inngestLimits), "limits");
  for (const [name, value] of Object.entries(overrides)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      fail(`limits.${name}`, value, "a positive number", {
        example: String(inngestLimits[name as keyof InngestLimits]),
      });
    }
  }
  return Object.freeze({ ...inngestLimits, ...overrides });
}
