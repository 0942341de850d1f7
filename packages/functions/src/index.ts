/**
 * `@jobkit/functions`: portable, checked Inngest job definitions. Define jobs with `defineEventFunction`,
 * `defineCronFunction` and `defineStepFunction`, bind them to your client with `register()`.
 *
 * What the other jobkit packages share lives on `@jobkit/functions/internal`: no semver promise there.
 *
 * @packageDocumentation
 */
export type { AppDefaults } from "./app-defaults";
export { type RetryOptions, retrySchedule } from "./backoff";
export { createInngestClient, type InngestClientOptions } from "./create-inngest-client";
export {
  createSender,
  type EventSender,
  type SenderEvent,
  type SenderLogger,
  type SenderOptions,
  type SendResult,
} from "./create-sender";
export { type CronSchedule, nextRuns, parseCron } from "./cron";
export { type CronFunctionOptions, defineCronFunction } from "./define-cron-function";
export { defineEventFunction, type EventFunctionOptions } from "./define-event-function";
export { defineStepFunction, type StepFunctionOptions } from "./define-step-function";
export { type Duration, formatDuration, parseDuration } from "./duration";
export type {
  AnyFunctionDefinition,
  CronTrigger,
  EventTrigger,
  FunctionDefinition,
} from "./function-definition";
export type { FailureContext, HandlerContext } from "./handler-context";
export { JobError, type JobErrorCode, type SendProgress } from "./job-error";
export { cel } from "./key-paths";
export { type InngestLimits, inngestLimits } from "./limits";
export { type FunctionManifest, type JobManifest, type ManifestOptions, manifest } from "./manifest";
export type { ReadyMadeOptions } from "./ready-made-options";
export type { CronEvent, ReceivedEvent, ReceivedEventOf } from "./received-event";
export { type RegisterOptions, register } from "./register";
