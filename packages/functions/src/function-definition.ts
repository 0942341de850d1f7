import type { AnyEventDefinition } from "@jobkit/events";
import type { Middleware } from "inngest";
import type { RetryPolicy } from "./backoff";
import type { FailureContext, HandlerContext, StepContext } from "./handler-context";

/**
 * The three kinds of definitions: triggered by events, by a schedule, or an ordered list of steps.
 */
export type FunctionKind = "event" | "cron" | "step";

/**
 * An event trigger of a definition.
 *
 * @example List the events a definition listens to
 * ```ts
 * import { defineEventFunction, type EventTrigger } from "@jobkit/functions";
 *
 * const welcome = defineEventFunction({
 *   id: "welcome",
 *   on: "user/created",
 *   if: "event.data.plan == 'pro'",
 *   handler: async () => {},
 * });
 * const events = welcome.triggers.filter((trigger): trigger is EventTrigger => trigger.type === "event");
 * // ["user/created if event.data.plan == 'pro'"]
 * console.log(events.map((trigger) => `${trigger.event} if ${trigger.if}`));
 * ```
 */
export interface EventTrigger {
  readonly type: "event";
  /** The event name. */
  readonly event: string;
  /** The event definition, or `undefined` when the trigger was given by name (resolved by `register`). */
  readonly definition: AnyEventDefinition | undefined;
  /** The `if` filter, a CEL expression over `event`. */
  readonly if: string | undefined;
}

/**
 * A schedule trigger of a definition.
 *
 * @example Pick the schedules out of a definition's triggers
 * ```ts
 * import { type CronTrigger, defineCronFunction, type EventTrigger } from "@jobkit/functions";
 *
 * const report = defineCronFunction({
 *   id: "report",
 *   cron: "@daily",
 *   timezone: "Europe/Paris",
 *   handler: async () => {},
 * });
 * const isCron = (trigger: EventTrigger | CronTrigger): trigger is CronTrigger => trigger.type === "cron";
 * // ["TZ=Europe/Paris 0 0 * * *"]
 * console.log(report.triggers.filter(isCron).map((trigger) => trigger.schedule));
 * ```
 */
export interface CronTrigger {
  readonly type: "cron";
  /** The 5-field expression, nicknames expanded. */
  readonly expression: string;
  /** IANA timezone the expression is read in. */
  readonly timezone: string;
  /** What Inngest receives: `TZ=<timezone> <expression>`. */
  readonly schedule: string;
}

/**
 * Any trigger of a definition.
 */
export type FunctionTrigger = EventTrigger | CronTrigger;

/**
 * A checked `concurrency` entry.
 */
export interface ConcurrencyConfig {
  readonly limit: number;
  readonly key: string | undefined;
  readonly scope: "fn" | "env" | "account" | undefined;
}

/**
 * A checked `cancelOn` entry; `match` is turned into the equivalent `if`.
 */
export interface CancelConfig {
  readonly event: string;
  readonly definition: AnyEventDefinition | undefined;
  readonly if: string | undefined;
  readonly timeoutMs: number | undefined;
}

/**
 * A definition's options after checking: durations in milliseconds, defaults filled in.
 *
 * @example Summarise a definition's checked options for an admin page
 * ```ts
 * import type { AnyFunctionDefinition } from "@jobkit/functions";
 * import type { FunctionConfig } from "@jobkit/functions/internal";
 *
 * export function flowSummary(definition: AnyFunctionDefinition): string {
 *   const config: FunctionConfig = definition.config;
 *   const throttle = config.throttle
 *     ? `${config.throttle.limit} per ${config.throttle.periodMs} ms`
 *     : "none";
 *   return `${config.retries.attempts} retries, throttle: ${throttle}`;
 * }
 * ```
 */
export interface FunctionConfig {
  readonly retries: RetryPolicy;
  readonly concurrency: readonly ConcurrencyConfig[];
  readonly throttle:
    | {
        readonly limit: number;
        readonly periodMs: number;
        readonly key: string | undefined;
        readonly burst: number | undefined;
      }
    | undefined;
  readonly rateLimit:
    | { readonly limit: number; readonly periodMs: number; readonly key: string | undefined }
    | undefined;
  readonly debounce:
    | { readonly periodMs: number; readonly key: string | undefined; readonly timeoutMs: number | undefined }
    | undefined;
  readonly batchEvents:
    | {
        readonly maxSize: number;
        readonly timeoutMs: number;
        readonly key: string | undefined;
        readonly if: string | undefined;
      }
    | undefined;
  readonly idempotency: string | undefined;
  readonly singleton: { readonly mode: "skip" | "cancel"; readonly key: string | undefined } | undefined;
  readonly priority: { readonly run: string } | undefined;
  readonly timeouts:
    | { readonly startMs: number | undefined; readonly finishMs: number | undefined }
    | undefined;
  readonly cancelOn: readonly CancelConfig[];
  readonly middleware: readonly Middleware.Class[];
}

/**
 * One step of a step function: an id and what it runs.
 */
export interface StepDefinition {
  readonly id: string;
  // biome-ignore lint/suspicious/noExplicitAny: a stored step accepts the context of any event and results.
  readonly run: (ctx: StepContext<any, any>) => unknown;
}

/**
 * A portable job definition: a frozen value describing a function, bound to a client only by
 * `register()`. `@jobkit/testing` and the CLI read it.
 *
 * @example Inspect a definition
 * ```ts
 * import { defineCronFunction, type FunctionDefinition } from "@jobkit/functions";
 *
 * const nightly = defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async () => "done" });
 * const definition: FunctionDefinition = nightly; // without type arguments: any definition
 * console.log(definition.kind, definition.config.retries.attempts); // "cron" 3
 * ```
 */
export interface FunctionDefinition<
  TKind extends FunctionKind = FunctionKind,
  // biome-ignore lint/suspicious/noExplicitAny: without arguments the type accepts any definition, as handlers are contravariant.
  TEvent = any,
  TOutput = unknown,
> {
  readonly kind: TKind;
  /** The id as written, without `register()`'s prefix. */
  readonly id: string;
  readonly name: string | undefined;
  readonly description: string | undefined;
  /** Event triggers (`event`, `step` kinds) or one schedule (`cron` kind). */
  readonly triggers: readonly FunctionTrigger[];
  /** Checked options; `config.retries` is the retry policy `register()` applies. */
  readonly config: FunctionConfig;
  /** The handler; for `step` definitions, the runner that executes `steps` in order. */
  readonly handler: (ctx: HandlerContext<TEvent>) => TOutput | Promise<TOutput>;
  readonly onFailure: ((ctx: FailureContext<TEvent>) => unknown) | undefined;
  /** The ordered steps of a `step` definition; empty for the other kinds. */
  readonly steps: readonly StepDefinition[];
  readonly sends: readonly AnyEventDefinition[];
  readonly tags: readonly string[];
  readonly env: readonly string[];
  /** The option names the definition set itself; app-wide defaults given to `register()` fill the rest. */
  readonly explicitOptions: readonly string[];
}

/**
 * Any definition, whatever its kind, event and output.
 *
 * @example Collect every job of an app in one list
 * ```ts
 * import { type AnyFunctionDefinition, defineCronFunction, defineEventFunction } from "@jobkit/functions";
 *
 * export const jobs: AnyFunctionDefinition[] = [
 *   defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async () => {} }),
 *   defineEventFunction({ id: "welcome", on: "user/created", handler: async () => "sent" }),
 * ];
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: the widest definition must accept handlers of every event type.
export type AnyFunctionDefinition = FunctionDefinition<FunctionKind, any, unknown>;

/**
 * The event type a definition's handler receives.
 *
 * @example Type a test event from the definition
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { EventOfDefinition } from "@jobkit/functions/internal";
 *
 * const orderPlaced = defineEvent("order/placed", { schema: z.object({ orderId: z.string() }) });
 * const confirm = defineEventFunction({ id: "confirm-order", on: orderPlaced, handler: async () => {} });
 *
 * const event: EventOfDefinition<typeof confirm> = {
 *   name: "order/placed",
 *   data: { orderId: "o_1" },
 *   id: "evt_1",
 *   ts: 0,
 * };
 * ```
 */
export type EventOfDefinition<TDefinition> =
  TDefinition extends FunctionDefinition<FunctionKind, infer TEvent, unknown> ? TEvent : never;

/**
 * What a definition's handler returns, awaited.
 *
 * @example Type what an admin API returns for a run
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { OutputOfDefinition } from "@jobkit/functions/internal";
 *
 * const importCsv = defineEventFunction({
 *   id: "import-csv",
 *   on: "import/requested",
 *   handler: async () => ({ rows: 120, skipped: 3 }),
 * });
 *
 * export function summary(output: OutputOfDefinition<typeof importCsv>): string {
 *   return `${output.rows} rows imported, ${output.skipped} skipped`;
 * }
 * ```
 */
export type OutputOfDefinition<TDefinition> =
  TDefinition extends FunctionDefinition<FunctionKind, infer _TEvent, infer TOutput> ? TOutput : never;
