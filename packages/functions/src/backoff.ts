import { describeValue } from "./describe-value";
import { type Duration, parseDuration } from "./duration";
import { type ConfigFailure, configFailure } from "./internal/config-failure";
import { JobError } from "./job-error";
import { inngestLimits } from "./limits";

/**
 * How the delay between retries grows: the same, by `minTimeout` each time, or doubling.
 */
export type BackoffKind = "constant" | "linear" | "exponential";

/**
 * Decides per failure: `true` retries with the policy's delay, `false` stops retrying (the run fails with
 * a `NonRetriableError` whose `cause` is the error), `{ delay }` retries after that delay.
 *
 * @param attempt - The attempt that failed, from 1: the first failure is attempt 1.
 */
export type RetryDecider = (
  error: unknown,
  attempt: number,
) => boolean | { readonly delay: Duration | number };

/**
 * A backoff schedule as written in a definition's `retries` or passed to {@link retrySchedule}.
 */
export interface BackoffOptions {
  readonly backoff: BackoffKind;
  /** First delay (constant: every delay; linear: the step). Defaults to `"1s"`. */
  readonly minTimeout?: Duration | number;
  /** Longest delay. Defaults to `"1h"`; Inngest caps retry delays at 1 day. */
  readonly maxTimeout?: Duration | number;
  /**
   * Randomises each delay upwards by up to this fraction of it (`true` = 0.5), capped at `maxTimeout`
   * and never below `minTimeout`, so that many failing runs do not retry in lockstep.
   */
  readonly jitter?: boolean | number;
}

/**
 * The `retries` option of a definition.
 *
 * @example One retry policy for several jobs
 * ```ts
 * import { defineEventFunction, type RetryOptions } from "@jobkit/functions";
 *
 * const patient: RetryOptions = {
 *   attempts: 10,
 *   backoff: "exponential",
 *   minTimeout: "30s",
 *   maxTimeout: "6h",
 * };
 *
 * export const syncCrm = defineEventFunction({
 *   id: "sync-crm",
 *   on: "crm/sync",
 *   retries: patient,
 *   handler: async () => {},
 * });
 * export const syncErp = defineEventFunction({
 *   id: "sync-erp",
 *   on: "erp/sync",
 *   retries: patient,
 *   handler: async () => {},
 * });
 * ```
 */
export interface RetryOptions extends Partial<BackoffOptions> {
  /** How many times a failed run or step is retried, 0-20 (Inngest's `retries`). Defaults to 3. */
  readonly attempts?: number;
  /** Per-failure decision; see {@link RetryDecider}. */
  readonly retry?: RetryDecider;
}

/**
 * A definition's checked retry policy (`definition.config.retries`): attempts, backoff and delays in
 * milliseconds. `backoff: undefined` leaves the delays to Inngest's own schedule.
 */
export interface RetryPolicy {
  /** Retries after the first failure; Inngest's `retries`. Total tries = `attempts + 1`. */
  readonly attempts: number;
  readonly backoff: BackoffKind | undefined;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
  /** Fraction 0-1 of each delay that may be added at random (up to `maxTimeoutMs`); 0 = no jitter. */
  readonly jitter: number;
  readonly retry: RetryDecider | undefined;
}

/**
 * Inngest's default retry count, used when a definition gives none.
 */
export const defaultRetryAttempts = 3;
const defaultMinTimeoutMs = 1000;
const defaultMaxTimeoutMs = 60 * 60 * 1000;
const backoffKinds: readonly BackoffKind[] = ["constant", "linear", "exponential"];

/**
 * Checks and normalises a `retries` option into a {@link RetryPolicy}; throws `JobError` when it is
 * invalid.
 */
export function checkRetries(
  functionId: string | undefined,
  retries: number | RetryOptions | undefined,
  limits = inngestLimits,
): RetryPolicy {
  const fail: ConfigFailure = configFailure(functionId);
  const options: RetryOptions =
    typeof retries === "number" ? { attempts: retries } : retries === undefined ? {} : retries;
  if (typeof options !== "object" || options === null) {
    fail(
      "retries",
      retries,
      "a number of retries or { attempts, backoff, minTimeout, maxTimeout, jitter, retry }",
      { example: '{ attempts: 5, backoff: "exponential" }' },
    );
  }
  const path = typeof retries === "number" ? "retries" : "retries.attempts";
  const attempts = options.attempts ?? defaultRetryAttempts;
  if (!Number.isInteger(attempts) || attempts < 0 || attempts > limits.maxRetries) {
    fail(path, attempts, `a whole number of retries from 0 to ${limits.maxRetries}`, { example: "5" });
  }
  if (options.backoff !== undefined && !backoffKinds.includes(options.backoff)) {
    fail("retries.backoff", options.backoff, `one of ${backoffKinds.map((kind) => `"${kind}"`).join(", ")}`, {
      example: '"exponential"',
    });
  }
  if (options.backoff === undefined) {
    for (const key of ["minTimeout", "maxTimeout", "jitter"] as const) {
      if (options[key] !== undefined) {
        fail(
          `retries.${key}`,
          options[key],
          `a "backoff" policy next to "${key}"; without one Inngest's own schedule applies`,
          { example: '{ backoff: "exponential", minTimeout: "1s" }' },
        );
      }
    }
  }
  const bounds = { minMs: limits.minRetryDelayMs, maxMs: limits.maxRetryDelayMs };
  const minTimeoutMs =
    options.minTimeout === undefined
      ? defaultMinTimeoutMs
      : parseDuration(options.minTimeout, { functionId, path: "retries.minTimeout", ...bounds });
  const maxTimeoutMs =
    options.maxTimeout === undefined
      ? Math.max(defaultMaxTimeoutMs, minTimeoutMs)
      : parseDuration(options.maxTimeout, { functionId, path: "retries.maxTimeout", ...bounds });
  if (maxTimeoutMs < minTimeoutMs) {
    fail(
      "retries.maxTimeout",
      options.maxTimeout,
      `at least retries.minTimeout (${describeValue(options.minTimeout)})`,
    );
  }
  const jitter =
    options.jitter === true
      ? 0.5
      : options.jitter === undefined || options.jitter === false
        ? 0
        : options.jitter;
  if (typeof jitter !== "number" || !(jitter >= 0 && jitter <= 1)) {
    fail("retries.jitter", options.jitter, "true, false or a fraction from 0 to 1", { example: "0.2" });
  }
  if (options.retry !== undefined && typeof options.retry !== "function") {
    fail("retries.retry", options.retry, "a function (error, attempt) => boolean | { delay }", {
      example: "(error) => !(error instanceof ValidationError)",
    });
  }
  return Object.freeze({
    attempts,
    backoff: options.backoff,
    minTimeoutMs,
    maxTimeoutMs,
    jitter,
    retry: options.retry,
  });
}

/**
 * The delay before the retry that follows failed attempt `attempt` (from 1), in milliseconds, for a checked
 * policy with a `backoff` (a policy without one leaves delays to Inngest and is never asked).
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const { backoff, minTimeoutMs, maxTimeoutMs, jitter } = policy;
  const base =
    backoff === "constant"
      ? minTimeoutMs
      : backoff === "linear"
        ? minTimeoutMs * attempt
        : minTimeoutMs * 2 ** Math.min(attempt - 1, 52);
  const capped = Math.min(base, maxTimeoutMs);
  if (jitter === 0) return capped;
  // Upwards from the computed delay: a downward jitter would be cancelled by the minTimeout floor for
  // constant backoff and for the first retry of the others, leaving runs to retry in lockstep.
  const jittered = Math.round(capped * (1 + jitter * random()));
  return Math.max(minTimeoutMs, Math.min(jittered, maxTimeoutMs, inngestLimits.maxRetryDelayMs));
}

/**
 * The delays, in milliseconds, a backoff policy waits before each of `attempts` retries: entry `k - 1`
 * follows failed attempt `k`. Use it to document a policy or to check one in tests.
 *
 * @example Document a policy
 * ```ts
 * import { retrySchedule } from "@jobkit/functions";
 *
 * retrySchedule({ backoff: "exponential", minTimeout: "1s", maxTimeout: "5s" }, 5);
 * // [1000, 2000, 4000, 5000, 5000]
 * ```
 */
export function retrySchedule(
  policy: BackoffOptions | RetryPolicy,
  attempts?: number,
  random: () => number = Math.random,
): number[] {
  const count = attempts ?? ("attempts" in policy ? policy.attempts : defaultRetryAttempts);
  // Checked at the first delay: an empty schedule needs no policy.
  let resolved: RetryPolicy | undefined;
  return Array.from({ length: count }, (_, index) => {
    resolved ??= resolveBackoff(policy);
    return backoffDelay(resolved, index + 1, random);
  });
}

function resolveBackoff(policy: BackoffOptions | RetryPolicy): RetryPolicy & { backoff: BackoffKind } {
  const resolved = "minTimeoutMs" in policy ? policy : checkRetries(undefined, policy);
  if (resolved.backoff === undefined) {
    throw new JobError({
      functionId: undefined,
      path: "retries.backoff",
      received: "undefined",
      expected: `a backoff policy to compute delays from; without one Inngest schedules retries itself`,
      example: '"exponential"',
    });
  }
  return resolved as RetryPolicy & { backoff: BackoffKind };
}
