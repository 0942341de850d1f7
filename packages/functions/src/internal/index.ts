/**
 * `@jobkit/functions/internal`: the config-check toolkit and definition plumbing the other jobkit packages
 * share. Not part of the public API: no semver promise, not in the API reference. Apps import from
 * `@jobkit/functions`.
 *
 * @packageDocumentation
 */
export { didYouMean, formatList, suggestNames } from "@jobkit/events/internal";
export { type InngestMode, inngestModeFrom } from "../create-inngest-client";
export { checkTimezone, cronSpecOf, utcOffsetProblem } from "../cron";
export type { CronFieldSet, CronSpec } from "../cron-parse";
export type { DefineEventFunction, RejectUnknownOptions } from "../define-event-function";
export { describeValue } from "../describe-value";
export {
  type DurationField,
  type DurationPart,
  type DurationPartUnit,
  readDuration,
  readDurationParts,
} from "../duration";
export type { EventOfDefinition, FunctionConfig, OutputOfDefinition } from "../function-definition";
export type { CommonFunctionOptions } from "../function-options";
export type { InngestContext } from "../handler-context";
export type { JobErrorDetails } from "../job-error";
export type { CheckKeyPath, CheckOptionKeys, ConfigTypeError } from "../key-paths";
export { resolveLimits } from "../limits";
export { checkReadyMadeOptions } from "../ready-made-options";
export type { OnInput } from "../received-event";
export { isFunctionDefinition } from "../register";
export { zoneOffset } from "../zone-offset";
export { type ConfigFailure, checkKnownOptions, configFailure, requireOneOf } from "./config-failure";
