import type { AnyFunctionDefinition, FunctionDefinition } from "@jobkit/functions";
import { isFunctionDefinition } from "@jobkit/functions/internal";
import { type GetFunctionOutput, type InngestFunction, isInngestFunction } from "inngest";
import type { Jsonify } from "inngest/types";
import { invalidInput } from "./runs-error";

/**
 * What `definition` accepts: a jobkit definition (from `defineEventFunction`, …) or a function `register()` or
 * `inngest.createFunction` returned.
 *
 * @example Read runs of either kind
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { RunsTarget } from "@jobkit/runs";
 *
 * const report = defineEventFunction({ id: "build-report", on: "report/requested", handler: async () => ({ rows: 3 }) });
 * export const targets: RunsTarget[] = [report];
 * ```
 */
export type RunsTarget = AnyFunctionDefinition | InngestFunction.Any;

// biome-ignore lint/suspicious/noConfusingVoidType: a handler without a return value has output type void; the API reports null.
type JsonOutput<TOutput> = [TOutput] extends [undefined | void] ? null : Jsonify<TOutput>;

/**
 * The `output` of a completed run of `TTarget`, as the API returns it: the handler's return value after JSON
 * (a `Date` becomes a string, `undefined` becomes `null`); `unknown` without a target.
 *
 * @example Type a dashboard row from the job
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { RunOutput } from "@jobkit/runs";
 *
 * const report = defineEventFunction({
 *   id: "build-report",
 *   on: "report/requested",
 *   handler: async () => ({ rows: 3, at: new Date() }),
 * });
 * export const row: RunOutput<typeof report> = { rows: 3, at: "2026-12-07T09:00:00.000Z" };
 * ```
 */
export type RunOutput<TTarget> =
  // biome-ignore lint/suspicious/noExplicitAny: matches a definition of any kind and event.
  TTarget extends FunctionDefinition<any, any, infer TOutput>
    ? JsonOutput<TOutput>
    : TTarget extends InngestFunction.Any
      ? GetFunctionOutput<TTarget>
      : unknown;

/**
 * The slug Inngest stores for the target's function, `<appId>-<id>` as the SDK syncs it (`InngestFunction.id(prefix)`).
 * A definition registered with `register(…, { prefix })` carries its prefix only in the registered function: pass that.
 */
export function slugOfTarget(target: unknown, appId: string, path: string): string {
  if (isFunctionDefinition(target)) return `${appId}-${target.id}`;
  if (typeof target === "object" && target !== null && isInngestFunction(target as never)) {
    return (target as InngestFunction.Any).id(appId);
  }
  return invalidInput(
    `@jobkit/runs: ${path}`,
    typeof target === "object"
      ? "an object that is neither a definition nor an Inngest function"
      : String(target),
    "a jobkit definition (defineEventFunction, …) or a function from register() / inngest.createFunction",
    "{ definition: dailyReport }",
  );
}
