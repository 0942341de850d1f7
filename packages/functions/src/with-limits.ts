import { createDefineCronFunction, type DefineCronFunction } from "./define-cron-function";
import { createDefineEventFunction, type DefineEventFunction } from "./define-event-function";
import { createDefineStepFunction, type DefineStepFunction } from "./define-step-function";
import { type InngestLimits, resolveLimits } from "./limits";

/**
 * The `define*` functions bound to a set of limits, as returned by {@link withLimits}.
 *
 * @example One module owns the limits, jobs import the definers
 * ```ts
 * import { type LimitedDefiners, withLimits } from "@jobkit/functions";
 *
 * export const definers: LimitedDefiners = withLimits({ maxBatchSize: 500 });
 *
 * export const nightly = definers.defineCronFunction({
 *   id: "nightly",
 *   cron: "0 3 * * *",
 *   handler: async () => {},
 * });
 * ```
 */
export interface LimitedDefiners {
  readonly limits: InngestLimits;
  readonly defineEventFunction: DefineEventFunction;
  readonly defineCronFunction: DefineCronFunction;
  readonly defineStepFunction: DefineStepFunction;
}

/**
 * Returns the `define*` functions checking against {@link inngestLimits} with your overrides, for a
 * self-hosted Inngest configured with other limits.
 *
 * @example Allow bigger batches on a self-hosted server
 * ```ts
 * import { withLimits } from "@jobkit/functions";
 *
 * export const { defineEventFunction, defineStepFunction } = withLimits({ maxBatchSize: 500 });
 * ```
 */
export function withLimits(overrides: Partial<InngestLimits>): LimitedDefiners {
  const limits = resolveLimits(overrides);
  return Object.freeze({
    limits,
    defineEventFunction: createDefineEventFunction(limits),
    defineCronFunction: createDefineCronFunction(limits),
    defineStepFunction: createDefineStepFunction(limits),
  });
}
