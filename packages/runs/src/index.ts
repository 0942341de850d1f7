export type { Cancellation } from "./cancel-runs";
export { createRunsClient, type RunsClient } from "./create-runs-client";
export {
  defineFailureTracker,
  type FailureTrackerDefinition,
  type FailureTrackerResult,
  type TrackedFailure,
} from "./define-failure-tracker";
export type { FunctionFailedEvent } from "./function-failed-event";
export { type FunctionRun, isFinished, type RunStatus } from "./function-run";
export type { RunOutput, RunsTarget } from "./run-target";
export { RunsError, type RunsErrorCode } from "./runs-error";
