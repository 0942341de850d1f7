import { defineFailureTracker } from "@jobkit/runs";

/** Where failed runs are reported: the app's logger (the Inngest SDK's `Logger` shape). */
export interface FailureLogger {
  error(...args: unknown[]): void;
}

/**
 * Logs every run that failed for good, from Inngest's `inngest/function.failed` event. It logs ids, the
 * error message and the trigger's name, never the event's data, which may hold personal data. Swap the
 * logger for Sentry or Datadog in a real app.
 *
 * @example Log to the console
 * ```ts
 * import { failureLog } from "./failure-log";
 *
 * const tracker = failureLog(console);
 * ```
 */
export function failureLog(logger: FailureLogger) {
  return defineFailureTracker({
    forward: (failure) => {
      logger.error(
        `job failed: ${failure.functionId} run ${failure.runId} (${failure.event.name}): ${failure.error.name}: ${failure.error.message}`,
      );
    },
  });
}
