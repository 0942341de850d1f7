export type {
  JobRun,
  RetryEntry,
  RunEvent,
  RunStatus,
  SendEventEntry,
  SentEvent,
  TimelineEntry,
} from "./job-run";
export { type EventInputOf, runJob } from "./run-job";
export { RunJobError, type RunJobErrorCode } from "./run-job-error";
export type {
  IncomingEvent,
  RunJobOptions,
  SendAttempt,
  StepMockCall,
} from "./run-job-options";
