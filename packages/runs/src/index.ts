export type { Cancellation, CancelRunsOptions } from "./cancel-runs";
export type { RunsClientOptions } from "./client-config";
export { createRunsClient, type RunsClient, type RunsQueryOptions } from "./create-runs-client";
export {
  defineFailureTracker,
  type FailureTrackerDefinition,
  type FailureTrackerOptions,
  type FailureTrackerResult,
  type TrackedFailure,
} from "./define-failure-tracker";
export type { FunctionFailedEvent } from "./function-failed-event";
export { type FunctionRun, isFinished, type RunStatus } from "./function-run";
export type { RunOutput, RunsTarget } from "./run-target";
export { RunsError, type RunsErrorCode, type RunsErrorDetails } from "./runs-error";
export type { WaitForRunsOptions } from "./wait-for-runs";
