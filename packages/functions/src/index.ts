export { type AppDefaults, applyDefaults } from "./app-defaults";
export {
  type BackoffKind,
  type BackoffOptions,
  backoffDelay,
  checkRetries,
  decideRetry,
  defaultRetryAttempts,
  type RetryDecider,
  type RetryDecision,
  type RetryOptions,
  type RetryPolicy,
  retryPolicyOf,
  retrySchedule,
} from "./backoff";
export {
  createInngestClient,
  type InngestClientOptions,
  type InngestMode,
  inngestModeFrom,
} from "./create-inngest-client";
export {
  createSender,
  type EventSender,
  type SenderEvent,
  type SenderLogger,
  type SenderOptions,
  type SendResult,
} from "./create-sender";
export { type CronSchedule, type CronSource, checkTimezone, nextRuns, parseCron } from "./cron";
export {
  type CronFunctionOptions,
  type DefineCronFunction,
  defineCronFunction,
} from "./define-cron-function";
export {
  type DefineEventFunction,
  defineEventFunction,
  type EventFunctionOptions,
  type RejectUnknownOptions,
} from "./define-event-function";
export {
  type DefineStepFunction,
  defineStepFunction,
  type StepChain,
  type StepFunctionOptions,
} from "./define-step-function";
export {
  type Duration,
  type DurationField,
  type DurationUnit,
  formatDuration,
  parseDuration,
} from "./duration";
export type {
  AddStepResult,
  AnyFunctionDefinition,
  BatchEventsOption,
  CancelConfig,
  CancelOnOption,
  CommonFunctionOptions,
  ConcurrencyConfig,
  ConcurrencyOption,
  CronEvent,
  CronTrigger,
  EventOfDefinition,
  EventRef,
  EventTrigger,
  FailureContext,
  FailureInfo,
  FlowControlOptions,
  FunctionConfig,
  FunctionDefinition,
  FunctionKind,
  FunctionTrigger,
  HandlerContext,
  InngestContext,
  OnInput,
  OutputOfDefinition,
  ReceivedEvent,
  ReceivedEventOf,
  RegisteredEventName,
  StepContext,
  StepDefinition,
} from "./function-definition";
export { describeValue } from "./describe-value";
export { JobError, type JobErrorCode, type JobErrorDetails, type SendProgress } from "./job-error";
export {
  type CelExpression,
  type CheckKeyPath,
  type CheckOptionKeys,
  type ConfigTypeError,
  cel,
  type KeyPath,
} from "./key-paths";
export { type InngestLimits, inngestLimits } from "./limits";
export {
  type FunctionManifest,
  type JobManifest,
  type ManifestOptions,
  type ManifestTrigger,
  manifest,
} from "./manifest";
export { type RegisterOptions, register } from "./register";
export { type LimitedDefiners, withLimits } from "./with-limits";
export type { ReadyMadeOptions } from "./ready-made-options";
