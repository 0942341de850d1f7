import { buildDefinition, type DefinitionInput, type KnownOptionKey } from "./build-definition";
import { checkFunction } from "./check-config";
import { parseCron } from "./cron";
import type { RejectUnknownOptions } from "./define-event-function";
import type { FunctionDefinition } from "./function-definition";
import type { CommonFunctionOptions } from "./function-options";
import type { HandlerContext } from "./handler-context";
import type { CheckOptionKeys } from "./key-paths";
import { type InngestLimits, inngestLimits } from "./limits";
import type { CronEvent } from "./received-event";

/**
 * The options of {@link defineCronFunction}.
 *
 * @example Options built by a helper
 * ```ts
 * import { type CronFunctionOptions, defineCronFunction } from "@jobkit/functions";
 *
 * function purgeJob(table: string): CronFunctionOptions<Promise<{ deleted: number }>> {
 *   return { id: `purge-${table}`, cron: "0 * * * *", retries: 1, handler: async () => ({ deleted: 0 }) };
 * }
 * export const purgeSessions = defineCronFunction(purgeJob("sessions"));
 * ```
 */
export interface CronFunctionOptions<TOutput> extends CommonFunctionOptions<CronEvent> {
  /** Five fields "minute hour day-of-month month day-of-week", e.g. `"0 9 * * 1-5"`, or `@daily` etc. */
  readonly cron: string;
  /** IANA timezone the schedule is read in; defaults to `"UTC"`. */
  readonly timezone?: string;
  /** The function body; `event` is Inngest's timer event. */
  readonly handler: (ctx: HandlerContext<CronEvent>) => TOutput;
}

type CronKeys = KnownOptionKey | "cron" | "timezone" | "handler";

/** The type of {@link defineCronFunction}. */
export type DefineCronFunction = <TOutput, const TOptions extends object = object>(
  options: CronFunctionOptions<TOutput> &
    TOptions &
    CheckOptionKeys<TOptions, CronEvent> &
    RejectUnknownOptions<TOptions, CronKeys>,
) => FunctionDefinition<"cron", CronEvent, Awaited<TOutput>>;

/** Builds `defineCronFunction` checking against `baseLimits` (which the `limits` option overrides). */
export function createDefineCronFunction(baseLimits: InngestLimits): DefineCronFunction {
  return ((options: DefinitionInput & { cron: string; timezone?: string; handler: unknown }) =>
    buildDefinition(options, {
      kind: "cron",
      keys: ["cron", "timezone", "handler"],
      baseLimits,
      triggers: (functionId) => [
        { type: "cron", ...parseCron(options.cron, options.timezone ?? "UTC", functionId) },
      ],
      handler: (functionId) => {
        checkFunction(functionId, "handler", options.handler, true);
        return options.handler as FunctionDefinition["handler"];
      },
    })) as unknown as DefineCronFunction;
}

/**
 * Declares a job that runs on a schedule in a given IANA timezone; the cron expression and timezone are
 * checked at definition time and sent to Inngest as `TZ=<zone> <expression>`.
 *
 * @example A weekday report at 9:00 in New York
 * ```ts
 * import { defineCronFunction } from "@jobkit/functions";
 *
 * export const dailyReport = defineCronFunction({
 *   id: "daily-report",
 *   cron: "0 9 * * 1-5",
 *   timezone: "America/New_York",
 *   handler: async ({ step }) => {
 *     await step.run("build-report", () => ({ rows: 0 }));
 *   },
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/functions/README.md
 */
export const defineCronFunction: DefineCronFunction = /* @__PURE__ */ createDefineCronFunction(inngestLimits);
