import type { AnyEventDefinition, Catalog, InferEventData, RegisteredCatalog } from "@jobkit/events";
import type { FailureEventPayload, GetFunctionInput, Inngest, Middleware } from "inngest";
import type { RetryOptions, RetryPolicy } from "./backoff";
import type { Duration } from "./duration";

/**
 * The three kinds of definitions: triggered by events, by a schedule, or an ordered list of steps.
 *
 * @example Count an app's jobs by kind
 * ```ts
 * import type { AnyFunctionDefinition, FunctionKind } from "@jobkit/functions";
 *
 * export function countByKind(definitions: readonly AnyFunctionDefinition[]): Record<FunctionKind, number> {
 *   const counts: Record<FunctionKind, number> = { event: 0, cron: 0, step: 0 };
 *   for (const definition of definitions) counts[definition.kind] += 1;
 *   return counts;
 * }
 * ```
 */
export type FunctionKind = "event" | "cron" | "step";

/**
 * An event as a handler receives it; `TData` is inferred from the event definition's schema.
 *
 * @example Type an event for a test
 * ```ts
 * import type { ReceivedEvent } from "@jobkit/functions";
 *
 * type PasswordReset = ReceivedEvent<"auth/password.reset", { userId: string }>;
 *
 * export const fixture: PasswordReset = {
 *   name: "auth/password.reset",
 *   data: { userId: "usr_1" },
 *   id: "evt_1",
 *   ts: Date.now(),
 * };
 * ```
 */
export interface ReceivedEvent<TName extends string = string, TData = Record<string, unknown>> {
  name: TName;
  data: TData;
  id: string;
  ts: number;
  v?: string;
}

/**
 * The event a cron function receives: Inngest's `inngest/scheduled.timer`.
 *
 * @example A cron handler in a module of its own
 * ```ts
 * import { type CronEvent, defineCronFunction } from "@jobkit/functions";
 *
 * export async function cleanUp({ event }: { event: CronEvent }) {
 *   console.log(`scheduled by "${event.data.cron}" at ${new Date(event.ts).toISOString()}`);
 * }
 * export const nightly = defineCronFunction({ id: "nightly-cleanup", cron: "0 3 * * *", handler: cleanUp });
 * ```
 */
export type CronEvent = ReceivedEvent<"inngest/scheduled.timer", { cron: string }>;

/**
 * An event name of the catalog declared through `Register` in `@jobkit/events` (any string if none is).
 *
 * @example Accept only names of the registered catalog
 * ```ts
 * import { standardCatalog } from "@jobkit/events/standard";
 * import type { RegisteredEventName } from "@jobkit/functions";
 *
 * declare module "@jobkit/events" {
 *   interface Register {
 *     catalog: typeof standardCatalog;
 *   }
 * }
 * // A misspelt name is a type error.
 * export const watched: RegisteredEventName[] = ["order/placed", "order/shipped"];
 * ```
 */
export type RegisteredEventName = RegisteredCatalog["names"][number];

/**
 * One trigger as written in `on`: an event definition or a registered event name.
 *
 * @example Mix definitions and registered names in one trigger list
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction, type EventRef } from "@jobkit/functions";
 *
 * const orderPlaced = defineEvent("order/placed", { schema: z.object({ orderId: z.string() }) });
 * const audited: EventRef[] = [orderPlaced, "order/cancelled"];
 *
 * export const audit = defineEventFunction({
 *   id: "audit-orders",
 *   on: audited,
 *   handler: async ({ event }) => event.name,
 * });
 * ```
 */
export type EventRef = AnyEventDefinition | RegisteredEventName;

/**
 * What `on` accepts: one event reference or a list of them.
 *
 * @example A job factory whose caller picks the trigger
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { OnInput } from "@jobkit/functions/internal";
 *
 * export function auditJob<const TOn extends OnInput>(id: string, on: TOn) {
 *   return defineEventFunction({ id, on, handler: async ({ event }) => ({ audited: event.id }) });
 * }
 * export const auditUsers = auditJob("audit-users", ["user/created", "user/deleted"]);
 * ```
 */
export type OnInput = EventRef | readonly EventRef[];

type CatalogDefinition<TCatalog extends Catalog, TName> = Extract<
  TCatalog["events"][number],
  { readonly name: TName }
>;

/**
 * The event type a handler receives for `on`: typed data for definitions and for names of `TCatalog`
 * (the registered catalog by default), a union discriminated by `name` for a list.
 *
 * @example Type a test event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import type { ReceivedEventOf } from "@jobkit/functions";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * type UserCreated = ReceivedEventOf<typeof userCreated>; // { name: "user/created"; data: { userId: string }; … }
 * ```
 */
export type ReceivedEventOf<
  TOn,
  TCatalog extends Catalog = RegisteredCatalog,
> = TOn extends readonly (infer TItem)[]
  ? ReceivedEventOf<TItem, TCatalog>
  : TOn extends AnyEventDefinition
    ? ReceivedEvent<TOn["name"], InferEventData<TOn["schema"]>>
    : TOn extends string
      ? [CatalogDefinition<TCatalog, TOn>] extends [never]
        ? ReceivedEvent<TOn>
        : ReceivedEventOf<CatalogDefinition<TCatalog, TOn>, TCatalog>
      : never;

/**
 * Inngest's handler context for any client: `step`, `attempt`, `runId`, `logger`, `group` and the rest.
 *
 * @example A helper that needs only Inngest's tools
 * ```ts
 * import type { InngestContext } from "@jobkit/functions/internal";
 *
 * export async function coolDown({ step, logger }: Pick<InngestContext, "step" | "logger">, reason: string) {
 *   logger.info("cooling down", { reason });
 *   await step.sleep("cool-down", "10m");
 * }
 * ```
 */
export type InngestContext = GetFunctionInput<Inngest.Any>;

/**
 * The context a jobkit handler receives: Inngest's, with `event` and `events` typed.
 *
 * @example A handler written apart from its definition
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction, type HandlerContext, type ReceivedEventOf } from "@jobkit/functions";
 *
 * const userCreated = defineEvent("user/created", {
 *   schema: z.object({ userId: z.string(), email: z.string() }),
 * });
 *
 * export async function sendWelcome({ event, step }: HandlerContext<ReceivedEventOf<typeof userCreated>>) {
 *   await step.run("send-email", () => ({ to: event.data.email }));
 * }
 * export const welcome = defineEventFunction({ id: "send-welcome", on: userCreated, handler: sendWelcome });
 * ```
 */
export type HandlerContext<TEvent> = Omit<InngestContext, "event" | "events"> & {
  event: TEvent;
  events: [TEvent, ...TEvent[]];
};

/**
 * Which run failed, for `onFailure`.
 *
 * @example Alert fields without payload data
 * ```ts
 * import type { FailureInfo } from "@jobkit/functions";
 *
 * export function alertFields(failure: FailureInfo) {
 *   return { functionId: failure.functionId, runId: failure.runId, error: failure.event.data.error.message };
 * }
 * ```
 */
export interface FailureInfo {
  /** The full id of the failed function, app id included. */
  readonly functionId: string;
  /** The id of the failed run. */
  readonly runId: string;
  /** The `inngest/function.failed` event as Inngest sent it. */
  readonly event: FailureEventPayload;
}

/**
 * The context `onFailure` receives: the original event typed, the final error, and the failed run.
 *
 * @example An onFailure handler in a module of its own
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction, type FailureContext, type ReceivedEventOf } from "@jobkit/functions";
 *
 * const invoiceCreated = defineEvent("invoice/created", { schema: z.object({ invoiceId: z.string() }) });
 *
 * async function alertBilling({
 *   event,
 *   error,
 *   failure,
 * }: FailureContext<ReceivedEventOf<typeof invoiceCreated>>) {
 *   console.error(`invoice ${event.data.invoiceId}: run ${failure.runId} failed for good`, error.message);
 * }
 * export const sendInvoice = defineEventFunction({
 *   id: "send-invoice",
 *   on: invoiceCreated,
 *   onFailure: alertBilling,
 *   handler: async () => {},
 * });
 * ```
 */
export type FailureContext<TEvent> = Omit<InngestContext, "event" | "events"> & {
  /** The event that triggered the failed run. */
  event: TEvent;
  events: [TEvent];
  /** The error of the last attempt. */
  error: Error;
  failure: FailureInfo;
};

/**
 * A concurrency limit, as in Inngest's `concurrency` option.
 *
 * @example One run per account, fifty in the environment
 * ```ts
 * import { type ConcurrencyOption, defineEventFunction } from "@jobkit/functions";
 *
 * const perAccount: ConcurrencyOption = { limit: 1, key: "event.data.accountId" };
 *
 * export const syncAccount = defineEventFunction({
 *   id: "sync-account",
 *   on: "account/sync",
 *   concurrency: [perAccount, { limit: 50, scope: "env" }],
 *   handler: async () => {},
 * });
 * ```
 */
export interface ConcurrencyOption {
  /** Steps that may run at once in this group. */
  readonly limit: number;
  /** Key path (or `cel()` expression) whose value gets its own limit, e.g. `"event.data.userId"`. */
  readonly key?: string;
  /** Which runs share the limit: this function (default), the environment, or the account. */
  readonly scope?: "fn" | "env" | "account";
}

/**
 * One `cancelOn` entry: an event that cancels a running run.
 *
 * @example Stop dunning once the invoice is paid
 * ```ts
 * import { type CancelOnOption, defineEventFunction } from "@jobkit/functions";
 *
 * const whenPaid: CancelOnOption = { event: "invoice/paid", match: "data.invoiceId", timeout: "30d" };
 *
 * export const dunning = defineEventFunction({
 *   id: "dunning",
 *   on: "invoice/overdue",
 *   cancelOn: [whenPaid],
 *   handler: async () => {},
 * });
 * ```
 */
export interface CancelOnOption {
  /** The cancelling event: a definition or a registered name. */
  readonly event: EventRef;
  /** A `data.*` path that must be equal in the triggering and the cancelling event, e.g. `"data.orderId"`. */
  readonly match?: string;
  /** A CEL condition over `event` (the trigger) and `async` (the cancelling event); instead of `match`. */
  readonly if?: string;
  /** How long after the run starts the cancellation stays armed. */
  readonly timeout?: Duration;
}

/**
 * Flow-control options shared by every kind; each maps to the `createFunction` option of the same name.
 *
 * @example Flow control shared by every job that calls one API
 * ```ts
 * import { defineEventFunction, type FlowControlOptions } from "@jobkit/functions";
 *
 * // The CRM allows 10 calls a minute; one sync per account at a time.
 * const crmFlowControl: FlowControlOptions = {
 *   throttle: { limit: 10, period: "1m" },
 *   concurrency: { limit: 1, key: "event.data.accountId" },
 * };
 *
 * export const syncContact = defineEventFunction({
 *   id: "sync-contact",
 *   on: "crm/contact.changed",
 *   ...crmFlowControl,
 *   handler: async () => {},
 * });
 * ```
 */
export interface FlowControlOptions {
  /** A limit number, one limit, or up to two (e.g. per user and global). */
  readonly concurrency?: number | ConcurrencyOption | readonly ConcurrencyOption[];
  /** Queue runs beyond `limit` per `period` and start them later. */
  readonly throttle?: {
    readonly limit: number;
    readonly period: Duration;
    readonly key?: string;
    readonly burst?: number;
  };
  /** Skip runs beyond `limit` per `period`. */
  readonly rateLimit?: { readonly limit: number; readonly period: Duration; readonly key?: string };
  /** Run once after `period` without a new event for the same key; `timeout` caps the wait. */
  readonly debounce?: { readonly period: Duration; readonly key?: string; readonly timeout?: Duration };
  /** Key path whose value runs the function at most once per 24 hours. */
  readonly idempotency?: string;
  /** Keep one run per key: `skip` new ones or `cancel` the running one. */
  readonly singleton?: { readonly mode: "skip" | "cancel"; readonly key?: string };
  /** Seconds a run may jump ahead (positive) or fall behind (negative), or `{ run: "<CEL expression>" }`. */
  readonly priority?: number | { readonly run: string };
  /** Cancel runs that have not started within `start` or finished within `finish`. */
  readonly timeouts?: { readonly start?: Duration; readonly finish?: Duration };
  /** Shorthand for `timeouts.finish`, as in the seed's `FunctionConfig`. */
  readonly timeout?: Duration;
  /** Events that cancel a running run. */
  readonly cancelOn?: readonly CancelOnOption[];
}

/**
 * `batchEvents`: run once for up to `maxSize` events collected over at most `timeout`.
 *
 * @example One batch per account
 * ```ts
 * import { type BatchEventsOption, defineEventFunction } from "@jobkit/functions";
 *
 * const perAccount: BatchEventsOption = { maxSize: 100, timeout: "30s", key: "event.data.accountId" };
 *
 * export const importRows = defineEventFunction({
 *   id: "import-rows",
 *   on: "import/row.parsed",
 *   batchEvents: perAccount,
 *   handler: async ({ events }) => ({ imported: events.length }),
 * });
 * ```
 */
export interface BatchEventsOption {
  readonly maxSize: number;
  readonly timeout: Duration;
  readonly key?: string;
  /** A CEL condition an event must meet to join a batch. */
  readonly if?: string;
}

/**
 * Options every kind of definition accepts.
 *
 * @example The options of a definer of your own
 * ```ts
 * import type { ReceivedEvent } from "@jobkit/functions";
 * import type { CommonFunctionOptions } from "@jobkit/functions/internal";
 *
 * type ReportRequested = ReceivedEvent<"report/requested", { reportId: string }>;
 *
 * // Every option a jobkit definition takes, plus what this pattern needs.
 * export interface ReportJobOptions extends CommonFunctionOptions<ReportRequested> {
 *   readonly render: (reportId: string) => Promise<string>;
 * }
 * ```
 */
export interface CommonFunctionOptions<TEvent> extends FlowControlOptions {
  /** Stable slug: lower-case letters, digits and single hyphens, e.g. `"send-welcome-email"`. */
  readonly id: string;
  /** Display name in the Inngest dashboard. */
  readonly name?: string;
  readonly description?: string;
  /** A retry count (0-20) or a policy with backoff; see {@link RetryOptions}. */
  readonly retries?: number | RetryOptions;
  /** Runs once the function has failed for good, with the original event and the error. */
  readonly onFailure?: (ctx: FailureContext<TEvent>) => unknown;
  /** Inngest middleware for this function only. */
  readonly middleware?: readonly Middleware.Class[];
  /** Labels for people and tools; reported by `manifest()`, not sent to Inngest. */
  readonly tags?: readonly string[];
  /** Environments this function belongs to; `register(…, { env })` leaves it out elsewhere. */
  readonly env?: readonly string[];
  /** Events this function sends, for docs and the event graph; not enforced at run time. */
  readonly sends?: readonly AnyEventDefinition[];
}

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
 *
 * @example Describe any trigger
 * ```ts
 * import type { FunctionTrigger } from "@jobkit/functions";
 *
 * export function describeTrigger(trigger: FunctionTrigger): string {
 *   return trigger.type === "event"
 *     ? `on ${trigger.event}`
 *     : `at "${trigger.expression}" in ${trigger.timezone}`;
 * }
 * ```
 */
export type FunctionTrigger = EventTrigger | CronTrigger;

/**
 * A checked `concurrency` entry.
 *
 * @example List a definition's concurrency limits
 * ```ts
 * import { type ConcurrencyConfig, defineEventFunction } from "@jobkit/functions";
 *
 * const sync = defineEventFunction({
 *   id: "sync-account",
 *   on: "account/sync",
 *   concurrency: [{ limit: 1, key: "event.data.accountId" }, { limit: 20 }],
 *   handler: async () => {},
 * });
 * const limits: readonly ConcurrencyConfig[] = sync.config.concurrency;
 * console.log(limits.map((entry) => `${entry.limit} per ${entry.key ?? "function"}`));
 * ```
 */
export interface ConcurrencyConfig {
  readonly limit: number;
  readonly key: string | undefined;
  readonly scope: "fn" | "env" | "account" | undefined;
}

/**
 * A checked `cancelOn` entry; `match` is turned into the equivalent `if`.
 *
 * @example Read how a cancellation was compiled
 * ```ts
 * import { type CancelConfig, defineEventFunction } from "@jobkit/functions";
 *
 * const reminder = defineEventFunction({
 *   id: "cart-reminder",
 *   on: "cart/abandoned",
 *   cancelOn: [{ event: "order/placed", match: "data.cartId", timeout: "2d" }],
 *   handler: async () => {},
 * });
 * const [cancel]: readonly CancelConfig[] = reminder.config.cancelOn;
 * console.log(cancel?.event, cancel?.if); // "order/placed" "event.data.cartId == async.data.cartId"
 * ```
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
 * What a step of a step function receives.
 *
 * @example A step body in a module of its own
 * ```ts
 * import type { ReceivedEvent, StepContext } from "@jobkit/functions";
 *
 * type OrderPlaced = ReceivedEvent<"order/placed", { orderId: string }>;
 *
 * export function charge({
 *   event,
 *   results,
 *   attempt,
 * }: StepContext<OrderPlaced, { reserve: { reservationId: string } }>) {
 *   return { chargeId: `ch_${event.data.orderId}_${results.reserve.reservationId}`, attempt };
 * }
 * ```
 */
export interface StepContext<TEvent, TResults> {
  readonly event: TEvent;
  readonly events: [TEvent, ...TEvent[]];
  /** The results of the steps before this one, by step id, as Inngest stored them (JSON). */
  readonly results: TResults;
  /** Zero-based attempt of this step. */
  readonly attempt: number;
  readonly runId: string;
  readonly logger: InngestContext["logger"];
}

/**
 * One step of a step function: an id and what it runs.
 *
 * @example List the steps of a step function
 * ```ts
 * import { defineStepFunction, type StepDefinition } from "@jobkit/functions";
 *
 * const onboard = defineStepFunction({
 *   id: "onboard",
 *   on: "user/created",
 *   steps: (chain) => chain.step("create-profile", () => "ok").step("send-welcome", () => "sent"),
 * });
 * const steps: readonly StepDefinition[] = onboard.steps;
 * console.log(steps.map((step) => step.id)); // ["create-profile", "send-welcome"]
 * ```
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
