import { buildDefinition, type DefinitionInput, type KnownOptionKey } from "./build-definition";
import { checkFunction, checkTriggers } from "./check-config";
import type { FunctionDefinition } from "./function-definition";
import type { BatchEventsOption, CommonFunctionOptions } from "./function-options";
import type { HandlerContext } from "./handler-context";
import type { CheckOptionKeys, ConfigTypeError } from "./key-paths";
import { type InngestLimits, inngestLimits } from "./limits";
import type { OnInput, ReceivedEventOf } from "./received-event";

/**
 * The options of {@link defineEventFunction}.
 *
 * @example Options built by a helper
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction, type EventFunctionOptions } from "@jobkit/functions";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 *
 * function welcomeJob(id: string): EventFunctionOptions<typeof userCreated, Promise<void>> {
 *   return { id, on: userCreated, handler: async ({ event }) => console.log(event.data.userId) };
 * }
 * export const sendWelcome = defineEventFunction(welcomeJob("send-welcome"));
 * ```
 */
export interface EventFunctionOptions<TOn extends OnInput, TOutput>
  extends CommonFunctionOptions<ReceivedEventOf<TOn>> {
  /** The trigger: an event definition, a registered event name, or a list of them. */
  readonly on: TOn;
  /** A CEL filter over `event`; runs start only for events that match. */
  readonly if?: string;
  /** Run once per batch of events; the handler reads them from `events`. */
  readonly batchEvents?: BatchEventsOption;
  /** The function body; `event.data` is typed from the trigger's schema. */
  readonly handler: (ctx: HandlerContext<ReceivedEventOf<TOn>>) => TOutput;
}

/**
 * Option names that are not options of the definition kind become type errors.
 *
 * @example Reject misspelled options in a definer of your own
 * ```ts
 * import type { RejectUnknownOptions } from "@jobkit/functions/internal";
 *
 * export function defineAuditJob<const TOptions extends { id: string }>(
 *   options: TOptions & RejectUnknownOptions<TOptions, "id" | "retention">,
 * ) {
 *   return options;
 * }
 * defineAuditJob({ id: "audit-log", retention: "30d" });
 * // defineAuditJob({ id: "audit-log", retension: "30d" }) is a type error: unknown option "retension"
 * ```
 */
export type RejectUnknownOptions<TOptions, TKnown extends PropertyKey> = {
  readonly [TKey in Exclude<keyof TOptions, TKnown>]: ConfigTypeError<`unknown option "${TKey & string}"`>;
};

type EventKeys = KnownOptionKey | "on" | "if" | "batchEvents" | "handler";

/**
 * The type of {@link defineEventFunction}, for code that receives a definer (a ready-made bound to its
 * `limits`, a test passing a spy).
 *
 * @example Accept a definer
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { DefineEventFunction } from "@jobkit/functions/internal";
 *
 * export function definePing(define: DefineEventFunction = defineEventFunction) {
 *   return define({ id: "ping", on: "app/ping", handler: async () => "pong" });
 * }
 * ```
 */
export type DefineEventFunction = <
  const TOn extends OnInput,
  TOutput,
  const TOptions extends object = object,
>(
  options: EventFunctionOptions<TOn, TOutput> &
    TOptions &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    RejectUnknownOptions<TOptions, EventKeys>,
) => FunctionDefinition<"event", ReceivedEventOf<TOn>, Awaited<TOutput>>;

/** Builds `defineEventFunction` checking against `baseLimits` (which the `limits` option overrides). */
export function createDefineEventFunction(baseLimits: InngestLimits): DefineEventFunction {
  return ((options: DefinitionInput & { on: unknown; if?: unknown; handler: unknown }) =>
    buildDefinition(options, {
      kind: "event",
      keys: ["on", "if", "batchEvents", "handler"],
      baseLimits,
      triggers: (functionId, limits) => checkTriggers(functionId, options.on, options.if, limits),
      handler: (functionId) => {
        checkFunction(functionId, "handler", options.handler, true);
        return options.handler as FunctionDefinition["handler"];
      },
    })) as unknown as DefineEventFunction;
}

/**
 * Declares a job triggered by one or more events, without an Inngest client: a frozen, checked
 * definition that `register()` later binds to the host app's client.
 *
 * @example Send a welcome email
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction } from "@jobkit/functions";
 *
 * const userCreated = defineEvent("user/created", {
 *   schema: z.object({ userId: z.string(), email: z.string() }),
 * });
 *
 * export const sendWelcomeEmail = defineEventFunction({
 *   id: "send-welcome-email",
 *   name: "Send welcome email",
 *   on: userCreated,
 *   retries: { attempts: 5, backoff: "exponential", minTimeout: "1s", maxTimeout: "1h" },
 *   concurrency: { limit: 10, key: "event.data.userId" },
 *   handler: async ({ event, step }) => {
 *     await step.run("send", () => ({ to: event.data.email }));
 *   },
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/functions/README.md
 */
export const defineEventFunction: DefineEventFunction =
  /* @__PURE__ */ createDefineEventFunction(inngestLimits);
