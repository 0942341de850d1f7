import type { FunctionDefinition, ReadyMadeOptions } from "@jobkit/functions";
import {
  type CheckOptionKeys,
  checkReadyMadeOptions,
  type RejectUnknownOptions,
} from "@jobkit/functions/internal";
import { type FunctionFailedEvent, functionFailedTrigger } from "./function-failed-event";

/**
 * A failed run, camelCased from the `inngest/function.failed` event: what a tracker forwards.
 *
 * @example Alert fields without personal data
 * ```ts
 * import type { TrackedFailure } from "@jobkit/runs";
 *
 * export const alertFields = (failure: TrackedFailure) => ({
 *   function: failure.functionId,
 *   run: failure.runId,
 *   error: failure.error.message,
 *   trigger: failure.event.name, // the event name, not its data
 * });
 * ```
 */
export interface TrackedFailure {
  /** The failed function's slug, `<app>-<fn>`. */
  readonly functionId: string;
  readonly runId: string;
  /** The error of the last attempt, as Inngest serialised it. */
  readonly error: FunctionFailedEvent["data"]["error"];
  /** The event that started the failed run. */
  readonly event: FunctionFailedEvent["data"]["event"];
}

/**
 * The options of {@link defineFailureTracker}: the shared ready-made options plus `forward` and `filter`.
 */
export interface FailureTrackerOptions extends ReadyMadeOptions<FunctionFailedEvent> {
  /** Sends the failure on (Sentry, Datadog, Slack, a log line); runs in a step, retried on its own. */
  readonly forward: (failure: TrackedFailure) => unknown;
  /** Which failures to forward; default all but the tracker's own. */
  readonly filter?: (failure: TrackedFailure) => boolean;
}

/**
 * What a tracker run returns: whether the failure was forwarded, and which one.
 *
 * @example Assert a tracker skipped a failure
 * ```ts
 * import type { FailureTrackerResult } from "@jobkit/runs";
 *
 * export const skipped = (result: FailureTrackerResult) => !result.forwarded;
 * ```
 */
export interface FailureTrackerResult {
  readonly forwarded: boolean;
  readonly functionId: string;
  readonly runId: string;
}

/**
 * The definition {@link defineFailureTracker} returns.
 *
 * @example Keep the tracker in a typed list of jobs
 * ```ts
 * import { defineFailureTracker, type FailureTrackerDefinition } from "@jobkit/runs";
 *
 * export const tracker: FailureTrackerDefinition = defineFailureTracker({ forward: (failure) => console.error(failure.runId) });
 * ```
 */
export type FailureTrackerDefinition = FunctionDefinition<"event", FunctionFailedEvent, FailureTrackerResult>;

/** The failure, camelCased; the error keeps only its name, message and stack. */
export function toTrackedFailure(data: FunctionFailedEvent["data"]): TrackedFailure {
  const { name, message, stack } = data.error;
  return {
    functionId: data.function_id,
    runId: data.run_id,
    error: stack === undefined ? { name, message } : { name, message, stack },
    event: data.event,
  };
}

/**
 * A ready-made job on Inngest's `inngest/function.failed` system event that forwards every failed run (after its
 * last retry) to your error tracker, with the failure typed and camelCased. A failure of the tracker itself is not
 * forwarded by default, so a broken `forward` cannot feed itself.
 *
 * @example Forward failures to an error tracker, without event data
 * ```ts
 * import { defineFailureTracker } from "@jobkit/runs";
 *
 * declare const sentry: { captureMessage(message: string, context: object): void };
 *
 * export const failureTracker = defineFailureTracker({
 *   forward: (failure) =>
 *     sentry.captureMessage(failure.error.message, {
 *       tags: { functionId: failure.functionId, runId: failure.runId, event: failure.event.name },
 *     }),
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/docs/guide/job-status.md
 */
export function defineFailureTracker<const TOptions extends object = object>(
  options: FailureTrackerOptions &
    TOptions &
    CheckOptionKeys<TOptions, FunctionFailedEvent> &
    RejectUnknownOptions<TOptions, keyof FailureTrackerOptions>,
): FailureTrackerDefinition {
  const checked = checkReadyMadeOptions(options, {
    defaultId: "failure-tracker",
    own: ["forward", "filter"],
  });
  const { id, fail, defineEventFunction } = checked;
  const {
    id: _id,
    limits: _limits,
    forward,
    filter,
    ...functionOptions
  } = checked.options as unknown as FailureTrackerOptions;
  if (typeof forward !== "function") {
    fail("forward", forward, "a function (failure) => … that sends the failure on", {
      example: "(failure) => sentry.captureMessage(failure.error.message)",
    });
  }
  if (filter !== undefined && typeof filter !== "function") {
    fail("filter", filter, "a function (failure) => boolean", {
      example: '(failure) => failure.functionId.startsWith("shop-")',
    });
  }
  // The tracker's own slug ends with its id; a failure there is the tracker's, never forwarded by default.
  const isOwn = (failure: TrackedFailure) =>
    failure.functionId === id || failure.functionId.endsWith(`-${id}`);
  const keep = filter ?? ((failure: TrackedFailure) => !isOwn(failure));
  // The shared options are typed for the failure event; the definer sees the trigger as any event.
  return defineEventFunction({
    ...(functionOptions as Record<string, unknown>),
    id,
    on: functionFailedTrigger,
    handler: async ({ event, step }) => {
      const failure = toTrackedFailure((event as unknown as FunctionFailedEvent).data);
      const result = { functionId: failure.functionId, runId: failure.runId };
      if (!keep(failure)) return { forwarded: false, ...result };
      await step.run("forward", async () => {
        await forward(failure);
      });
      return { forwarded: true, ...result };
    },
  }) as unknown as FailureTrackerDefinition;
}
