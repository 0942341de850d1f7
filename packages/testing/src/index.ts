export type {
  CancelledEntry,
  FailureEntry,
  InvokeEntry,
  JobRun,
  LogEntry,
  RetryEntry,
  RunEvent,
  RunStatus,
  SendEventEntry,
  SentEvent,
  SleepEntry,
  StepEntry,
  TimelineEntry,
  WaitForEventEntry,
} from "./job-run";
export { type EventInputOf, type OutputOf, runJob } from "./run-job";
export { RunJobError, type RunJobErrorCode } from "./run-job-error";
export type {
  DurationInput,
  EventInput,
  IncomingEvent,
  InvokeMock,
  InvokeMockCall,
  RunJobOptions,
  SendAttempt,
  StepMock,
  StepMockCall,
  TimeInput,
  UnusedMockPolicy,
} from "./run-job-options";
