import type { AnyEventDefinition, Catalog, InferEventData, RegisteredCatalog } from "@jobkit/events";
import type { FailureEventPayload, GetFunctionInput, Inngest, Middleware } from "inngest";
import type { Jsonify } from "inngest/types";
import type { RetryOptions, RetryPolicy } from "./backoff";
import type { Duration } from "./duration";

/** The three kinds of definitions: triggered by events, by a schedule, or an ordered list of steps. */
export type FunctionKind = "event" | "cron" | "step";

/** An event as a handler receives it; `TData` is inferred from the event definition's schema. */
export interface ReceivedEvent<TName extends string = string, TData = Record<string, unknown>> {
  name: TName;
  data: TData;
  id: string;
  ts: number;
  v?: string;
}

/** The event a cron function receives: Inngest's `inngest/scheduled.timer`. */
export type CronEvent = ReceivedEvent<"inngest/scheduled.timer", { cron: string }>;

/** An event name of the catalog declared through `Register` in `@jobkit/events` (any string if none is). */
export type RegisteredEventName = RegisteredCatalog["names"][number];

/** One trigger as written in `on`: an event definition or a registered event name. */
export type EventRef = AnyEventDefinition | RegisteredEventName;

/** What `on` accepts: one event reference or a list of them. */
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

/** Inngest's handler context for any client: `step`, `attempt`, `runId`, `logger`, `group` and the rest. */
export type InngestContext = GetFunctionInput<Inngest.Any>;

/** The context a jobkit handler receives: Inngest's, with `event` and `events` typed. */
export type HandlerContext<TEvent> = Omit<InngestContext, "event" | "events"> & {
  event: TEvent;
  events: [TEvent, ...TEvent[]];
};

/** Which run failed, for `onFailure`. */
export interface FailureInfo {
  /** The full id of the failed function, app id included. */
  readonly functionId: string;
  /** The id of the failed run. */
  readonly runId: string;
  /** The `inngest/function.failed` event as Inngest sent it. */
  readonly event: FailureEventPayload;
}

/** The context `onFailure` receives: the original event typed, the final error, and the failed run. */
export type FailureContext<TEvent> = Omit<InngestContext, "event" | "events"> & {
  /** The event that triggered the failed run. */
  event: TEvent;
  events: [TEvent];
  /** The error of the last attempt. */
  error: Error;
  failure: FailureInfo;
};

/** A concurrency limit, as in Inngest's `concurrency` option. */
export interface ConcurrencyOption {
  /** Steps that may run at once in this group. */
  readonly limit: number;
  /** Key path (or `cel()` expression) whose value gets its own limit, e.g. `"event.data.userId"`. */
  readonly key?: string;
  /** Which runs share the limit: this function (default), the environment, or the account. */
  readonly scope?: "fn" | "env" | "account";
}

/** One `cancelOn` entry: an event that cancels a running run. */
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

/** Flow-control options shared by every kind; each maps to the `createFunction` option of the same name. */
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

/** `batchEvents`: run once for up to `maxSize` events collected over at most `timeout`. */
export interface BatchEventsOption {
  readonly maxSize: number;
  readonly timeout: Duration;
  readonly key?: string;
  /** A CEL condition an event must meet to join a batch. */
  readonly if?: string;
}

/** Options every kind of definition accepts. */
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

/** An event trigger of a definition. */
export interface EventTrigger {
  readonly type: "event";
  /** The event name. */
  readonly event: string;
  /** The event definition, or `undefined` when the trigger was given by name (resolved by `register`). */
  readonly definition: AnyEventDefinition | undefined;
  /** The `if` filter, a CEL expression over `event`. */
  readonly if: string | undefined;
}

/** A schedule trigger of a definition. */
export interface CronTrigger {
  readonly type: "cron";
  /** The 5-field expression, nicknames expanded. */
  readonly expression: string;
  /** IANA timezone the expression is read in. */
  readonly timezone: string;
  /** What Inngest receives: `TZ=<timezone> <expression>`. */
  readonly schedule: string;
}

/** Any trigger of a definition. */
export type FunctionTrigger = EventTrigger | CronTrigger;

/** A checked `concurrency` entry. */
export interface ConcurrencyConfig {
  readonly limit: number;
  readonly key: string | undefined;
  readonly scope: "fn" | "env" | "account" | undefined;
}

/** A checked `cancelOn` entry; `match` is turned into the equivalent `if`. */
export interface CancelConfig {
  readonly event: string;
  readonly definition: AnyEventDefinition | undefined;
  readonly if: string | undefined;
  readonly timeoutMs: number | undefined;
}

/** A definition's options after checking: durations in milliseconds, defaults filled in. */
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

/** What a step of a step function receives. */
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

/** One step of a step function: an id and what it runs. */
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

/** Any definition, whatever its kind, event and output. */
// biome-ignore lint/suspicious/noExplicitAny: the widest definition must accept handlers of every event type.
export type AnyFunctionDefinition = FunctionDefinition<FunctionKind, any, unknown>;

/** The event type a definition's handler receives. */
export type EventOfDefinition<TDefinition> =
  TDefinition extends FunctionDefinition<FunctionKind, infer TEvent, unknown> ? TEvent : never;

/** What a definition's handler returns, awaited. */
export type OutputOfDefinition<TDefinition> =
  TDefinition extends FunctionDefinition<FunctionKind, infer _TEvent, infer TOutput> ? TOutput : never;

/** Step results accumulated so far, as a flat object type. */
export type AddStepResult<TResults, TId extends string, TOutput> = {
  [TKey in keyof TResults | TId]: TKey extends TId
    ? Jsonify<Awaited<TOutput>>
    : TResults[TKey & keyof TResults];
};
