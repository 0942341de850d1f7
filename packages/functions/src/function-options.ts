import type { AnyEventDefinition } from "@jobkit/events";
import type { Middleware } from "inngest";
import type { RetryOptions } from "./backoff";
import type { Duration } from "./duration";
import type { FailureContext } from "./handler-context";
import type { InngestLimits } from "./limits";
import type { EventRef } from "./received-event";

/**
 * A concurrency limit, as in Inngest's `concurrency` option.
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
  /**
   * Overrides of {@link InngestLimits} the definition is checked against, for a self-hosted Inngest
   * configured with other limits, e.g. `{ maxBatchSize: 500 }`.
   */
  readonly limits?: Partial<InngestLimits>;
}
