import type { Catalog } from "@jobkit/events";
import type { InngestLimits } from "@jobkit/functions";
import type { Logger } from "inngest";
import type { RunEvent } from "./job-run";

/**
 * A point in time: a `Date`, an ISO 8601 string or milliseconds since the epoch.
 *
 * @example Three ways to say the same start
 * ```ts
 * import type { TimeInput } from "@jobkit/testing";
 *
 * const starts: TimeInput[] = [new Date("2026-11-17T00:00:00Z"), "2026-11-17T00:00:00Z", 1_794_873_600_000];
 * ```
 */
export type TimeInput = Date | string | number;

/**
 * A duration: milliseconds, or an Inngest time string such as `"30s"`, `"2d"` or `"1h30m"`.
 *
 * @example An event arriving after a day and a half
 * ```ts
 * import type { DurationInput } from "@jobkit/testing";
 *
 * const after: DurationInput = "1d12h";
 * ```
 */
export type DurationInput = number | string;

/**
 * An event to give the run: `{ name, data }`, e.g. what an event definition's `create()` returns.
 *
 * @example A plain event with a fixed id and time
 * ```ts
 * import type { EventInput } from "@jobkit/testing";
 *
 * const event: EventInput = { name: "user/created", data: { userId: "u1" }, id: "evt-1", ts: 0 };
 * ```
 */
export interface EventInput<TName extends string = string, TData = unknown> {
  readonly name: TName;
  readonly data?: TData;
  /** Defaults to a generated id. */
  readonly id?: string;
  /** Defaults to the virtual time the event arrives. */
  readonly ts?: number;
  readonly v?: string;
}

/**
 * An event that arrives while the run is in progress, for `waitForEvent` and `cancelOn`.
 *
 * @example An order two hours in, a cancellation at a fixed time
 * ```ts
 * import type { IncomingEvent } from "@jobkit/testing";
 *
 * const incoming: IncomingEvent[] = [
 *   { after: "2h", event: { name: "shop/order.completed", data: { cartId: "c1" } } },
 *   { at: "2026-11-20T00:00:00Z", event: { name: "shop/cart.deleted", data: { cartId: "c1" } } },
 * ];
 * ```
 */
export interface IncomingEvent<TEvent extends EventInput = EventInput> {
  /** When it arrives, counted from the run's start (`"2d"`); `0` when neither `after` nor `at` is given. */
  readonly after?: DurationInput;
  /** When it arrives, as an absolute time; use either `after` or `at`. */
  readonly at?: TimeInput;
  readonly event: TEvent;
}

/**
 * What a step mock function receives.
 *
 * @example Fail the first attempt, then succeed
 * ```ts
 * import type { StepMockCall } from "@jobkit/testing";
 *
 * const flaky = ({ attempt }: StepMockCall) => {
 *   if (attempt === 0) throw new Error("timeout");
 *   return { ok: true };
 * };
 * ```
 */
export interface StepMockCall {
  /** The step id. */
  readonly id: string;
  /** Inngest's zero-based attempt: a mock can fail on attempt 0 and succeed on attempt 1. */
  readonly attempt: number;
  /** Extra arguments given to `step.run(id, fn, ...input)`. */
  readonly input: readonly unknown[];
  /** The triggering event. */
  readonly event: RunEvent;
}

/**
 * A stand-in for a step, by step id: a value (the step's output), an `Error` (the step throws it), or a
 * function of {@link StepMockCall} that returns the output or throws.
 *
 * @example The three kinds
 * ```ts
 * import type { StepMock } from "@jobkit/testing";
 *
 * const steps: Record<string, StepMock> = {
 *   "load-user": { id: "u1", plan: "pro" },
 *   "charge-card": new Error("card declined"),
 *   "check-stock": ({ input }: { input: readonly unknown[] }) => input.length > 0,
 * };
 * ```
 */
export type StepMock = unknown;

/**
 * What an invoke mock function receives.
 *
 * @example Answer from the invoke's data
 * ```ts
 * import type { InvokeMockCall } from "@jobkit/testing";
 *
 * const priceCart = ({ data }: InvokeMockCall) => ({ total: (data as { items: number }).items * 10 });
 * ```
 */
export interface InvokeMockCall {
  /** The invoked function's id as Inngest routes it (`"<app id>-<function id>"`). */
  readonly function: string;
  /** The `step.invoke` step id. */
  readonly stepId: string;
  /** The `data` passed to `step.invoke`. */
  readonly data: unknown;
}

/**
 * One attempt of a `step.sendEvent` to send its events, as the `failSends` option of `runJob` sees it.
 *
 * @example Fail the first attempt of one step
 * ```ts
 * import type { SendAttempt } from "@jobkit/testing";
 *
 * const failOnce = ({ stepId, attempt }: SendAttempt) =>
 *   stepId === "send-chunk-4" && attempt === 0 ? new Error("Inngest event API: 503") : undefined;
 * ```
 */
export interface SendAttempt {
  /** The `step.sendEvent` step id, as written in the function. */
  readonly stepId: string;
  /** The events of this attempt, with the ids and timestamps they get if the attempt goes through. */
  readonly events: readonly RunEvent[];
  /** Inngest's zero-based attempt of the step: fail attempt 0 and let attempt 1 through to test a retry. */
  readonly attempt: number;
}

/**
 * A stand-in for an invoked function: a value, an `Error`, or a function of {@link InvokeMockCall}.
 *
 * @example Mock two invoked functions
 * ```ts
 * import type { InvokeMock } from "@jobkit/testing";
 *
 * const invoke: Record<string, InvokeMock> = { "price-cart": { total: 40 }, "reserve-stock": new Error("sold out") };
 * ```
 */
export type InvokeMock = unknown;

/**
 * What to do with a mock that the run never used: fail (default), warn, or ignore.
 *
 * @example Share one set of mocks between several paths
 * ```ts
 * import type { UnusedMockPolicy } from "@jobkit/testing";
 *
 * const unusedMocks: UnusedMockPolicy = "warn";
 * ```
 */
export type UnusedMockPolicy = "error" | "warn" | "ignore";

/**
 * Options of `runJob`.
 *
 * @example Options shared by several tests
 * ```ts
 * import type { RunJobOptions } from "@jobkit/testing";
 *
 * const base: RunJobOptions = { now: "2026-11-17T00:00:00Z", retries: false, unusedMocks: "warn" };
 * ```
 */
export interface RunJobOptions<TEvent extends EventInput = EventInput> {
  /** The triggering event. Required for event functions, unless `events` is given. */
  readonly event?: TEvent;
  /** The batch, for functions with `batchEvents`. */
  readonly events?: readonly TEvent[];
  /**
   * Virtual start time. Defaults to the event's `ts`, then to the real current time; cron definitions default
   * to their next scheduled time.
   */
  readonly now?: TimeInput;
  /** Mocks by step id: a value, an `Error` to throw, or a function. */
  readonly steps?: Readonly<Record<string, StepMock>>;
  /** Events that arrive during the run, for `step.waitForEvent` and `cancelOn`. */
  readonly incoming?: readonly IncomingEvent[];
  /** Mocks for `step.invoke`, by invoked function id (with or without the app id prefix). */
  readonly invoke?: Readonly<Record<string, InvokeMock>>;
  /**
   * Model Inngest's retries (default `true`): retriable errors re-run with `attempt + 1` after the
   * `RetryAfterError` delay or Inngest's default backoff. `false` fails on the first error; a number overrides
   * the function's retry count.
   */
  readonly retries?: boolean | number;
  /**
   * Makes chosen `step.sendEvent` attempts fail as if Inngest's event API refused the request: called before
   * every attempt of every `step.sendEvent`, return an `Error` to fail that attempt (the step errors and is
   * retried by Inngest's step retry rules; a `NonRetriableError` fails it at once, a `RetryAfterError` sets
   * the delay) or `undefined` to send. Events of a failed attempt are not in `run.sent`; nothing waits in
   * real time.
   */
  readonly failSends?: (send: SendAttempt) => Error | undefined;
  /** Validate incoming, triggering and sent events against this catalog. */
  readonly catalog?: Catalog;
  /** A mock in `steps` or `invoke` that the run never used: `"error"` (default), `"warn"` or `"ignore"`. */
  readonly unusedMocks?: UnusedMockPolicy;
  /** Override Inngest's limits (`inngestLimits` of `@jobkit/functions`: 1000 steps per run, 5000 events per send, …). */
  readonly limits?: Partial<InngestLimits>;
  /** Where `ctx.logger` lines also go, besides `run.logs` and (for a raw function) its client's own logger. */
  readonly logger?: Logger;
}
