/**
 * How a run ended.
 *
 * @example Branch on the outcome
 * ```ts
 * import type { RunStatus } from "@jobkit/testing";
 *
 * const label = (status: RunStatus) => (status === "completed" ? "ok" : status);
 * ```
 */
export type RunStatus = "completed" | "failed" | "cancelled";

/**
 * An event as the function saw it: received, sent or waited for.
 *
 * @example Read the event a wait received
 * ```ts
 * import type { JobRun, RunEvent } from "@jobkit/testing";
 *
 * const received = (run: JobRun): (RunEvent | null)[] =>
 *   run.timeline.flatMap((entry) => (entry.type === "waitForEvent" ? [entry.received] : []));
 * ```
 */
export interface RunEvent {
  readonly name: string;
  readonly data: unknown;
  readonly id: string;
  /** Milliseconds since the epoch, on the virtual clock. */
  readonly ts: number;
  readonly v?: string;
}

/**
 * An event the run sent with `step.sendEvent`, captured instead of sent.
 *
 * @example List who sent what, and when
 * ```ts
 * import type { SentEvent } from "@jobkit/testing";
 *
 * const describe = (event: SentEvent) => `${event.stepId} sent ${event.name} at ${event.at.toISOString()}`;
 * ```
 */
export interface SentEvent extends RunEvent {
  /** When it was sent, on the virtual clock. */
  readonly at: Date;
  /** The `step.sendEvent` step that sent it. */
  readonly stepId: string;
}

/**
 * One line the function logged through `ctx.logger`.
 *
 * @example Collect the warnings of a run
 * ```ts
 * import type { JobRun } from "@jobkit/testing";
 * type LogEntry = JobRun["logs"][number];
 *
 * const warnings = (run: JobRun): LogEntry[] => run.logs.filter((line) => line.level === "warn");
 * ```
 */
export interface LogEntry {
  readonly at: Date;
  readonly level: "info" | "warn" | "error" | "debug";
  readonly args: readonly unknown[];
}

/**
 * The `inngest/function.failed` system event, as Inngest sends it when a run fails for good: the failed
 * function's id (`<app>-<function>`), its run id, the serialised error and the event that triggered it.
 *
 * @example Test a failure tracker end to end
 * ```ts
 * import { Inngest } from "inngest";
 * import { runJob } from "@jobkit/testing";
 *
 * const inngest = new Inngest({ id: "shop" });
 * const charge = inngest.createFunction({ id: "charge", retries: 0, triggers: [{ event: "shop/order" }] }, () => {
 *   throw new Error("card declined");
 * });
 * const tracker = inngest.createFunction(
 *   { id: "tracker", triggers: [{ event: "inngest/function.failed" }] },
 *   ({ event }) => `${event.data.function_id}: ${event.data.error.message}`,
 * );
 *
 * const failed = await runJob(charge, { event: { name: "shop/order", data: {} } });
 * const tracked = await runJob(tracker, { event: failed.failedEvent });
 * tracked.output; // "shop-charge: card declined"
 * ```
 */
export interface FunctionFailedEvent extends RunEvent {
  readonly name: "inngest/function.failed";
  readonly data: {
    readonly function_id: string;
    readonly run_id: string;
    readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    readonly event: RunEvent;
  };
}

interface EntryBase {
  /** When it started, on the virtual clock. */
  readonly at: Date;
  /** The step id as written in the function (`"send-email"`), or the function id for function-level entries. */
  readonly id: string;
  /** Which handler produced the entry: the function itself or its `onFailure` handler. */
  readonly handler: "main" | "onFailure";
}

/**
 * A `step.run` (or `step.ai.wrap`) that completed or failed for good.
 *
 * @example Find the steps a mock answered
 * ```ts
 * import type { JobRun, TimelineEntry } from "@jobkit/testing";
 * type StepEntry = Extract<TimelineEntry, { type: "step" }>;
 *
 * const mocked = (run: JobRun): StepEntry[] =>
 *   run.timeline.filter((entry): entry is StepEntry => entry.type === "step" && entry.mocked);
 * ```
 */
export interface StepEntry extends EntryBase {
  readonly type: "step";
  /** Inngest's zero-based `attempt` of the execution that settled the step. */
  readonly attempt: number;
  readonly output?: unknown;
  readonly error?: Error;
  /** Whether a mock from `steps` ran instead of the step's code. */
  readonly mocked: boolean;
}

/**
 * A `step.sleep` or `step.sleepUntil`; the virtual clock jumped from `at` to `until`.
 *
 * @example Total time spent asleep
 * ```ts
 * import type { JobRun, TimelineEntry } from "@jobkit/testing";
 * type SleepEntry = Extract<TimelineEntry, { type: "sleep" | "sleepUntil" }>;
 *
 * const slept = (run: JobRun): number =>
 *   run.timeline
 *     .filter((entry): entry is SleepEntry => entry.type === "sleep" || entry.type === "sleepUntil")
 *     .reduce((total, entry) => total + entry.duration, 0);
 * ```
 */
export interface SleepEntry extends EntryBase {
  readonly type: "sleep" | "sleepUntil";
  readonly until: Date;
  /** Milliseconds slept. */
  readonly duration: number;
}

/**
 * A `step.waitForEvent`: what it waited for and what it got (`null` when it timed out).
 *
 * @example Which waits timed out
 * ```ts
 * import type { JobRun, TimelineEntry } from "@jobkit/testing";
 * type WaitForEventEntry = Extract<TimelineEntry, { type: "waitForEvent" }>;
 *
 * const timedOut = (run: JobRun): string[] =>
 *   run.timeline
 *     .filter((entry): entry is WaitForEventEntry => entry.type === "waitForEvent" && entry.received === null)
 *     .map((entry) => entry.id);
 * ```
 */
export interface WaitForEventEntry extends EntryBase {
  readonly type: "waitForEvent";
  /** The awaited event name. */
  readonly event: string;
  /** The timeout, in milliseconds. */
  readonly timeout: number;
  readonly resolvedAt: Date;
  readonly received: RunEvent | null;
  readonly mocked: boolean;
}

/**
 * A `step.sendEvent`: the events it sent, also listed in `run.sent`.
 *
 * @example Count events per sending step
 * ```ts
 * import type { JobRun, SendEventEntry } from "@jobkit/testing";
 *
 * const perStep = (run: JobRun) =>
 *   run.timeline
 *     .filter((entry): entry is SendEventEntry => entry.type === "sendEvent")
 *     .map((entry) => [entry.id, entry.events.length] as const);
 * ```
 */
export interface SendEventEntry extends EntryBase {
  readonly type: "sendEvent";
  readonly events: readonly SentEvent[];
}

/**
 * A `step.invoke`, answered by a mock.
 *
 * @example Which functions a run invoked
 * ```ts
 * import type { JobRun, TimelineEntry } from "@jobkit/testing";
 * type InvokeEntry = Extract<TimelineEntry, { type: "invoke" }>;
 *
 * const invoked = (run: JobRun): string[] =>
 *   run.timeline.filter((entry): entry is InvokeEntry => entry.type === "invoke").map((entry) => entry.function);
 * ```
 */
export interface InvokeEntry extends EntryBase {
  readonly type: "invoke";
  /** The invoked function's id, as Inngest routes it (`"<app id>-<function id>"`). */
  readonly function: string;
  readonly output?: unknown;
  readonly error?: Error;
}

/**
 * A failed attempt that Inngest would retry, and when.
 *
 * @example The delays between attempts
 * ```ts
 * import type { JobRun, RetryEntry } from "@jobkit/testing";
 *
 * const delays = (run: JobRun): number[] =>
 *   run.timeline.filter((entry): entry is RetryEntry => entry.type === "retry").map((entry) => entry.delay);
 * ```
 */
export interface RetryEntry extends EntryBase {
  readonly type: "retry";
  /** Whether a step failed, or the function body outside any step. */
  readonly scope: "step" | "function";
  /** Inngest's zero-based `attempt` that failed. */
  readonly attempt: number;
  readonly error: Error;
  /** Milliseconds until the next attempt: the `RetryAfterError` delay or Inngest's default backoff. */
  readonly delay: number;
  readonly retryAt: Date;
}

/**
 * The `onFailure` handler's run after the function failed for good.
 *
 * @example What onFailure returned
 * ```ts
 * import type { JobRun, TimelineEntry } from "@jobkit/testing";
 * type FailureEntry = Extract<TimelineEntry, { type: "failure" }>;
 *
 * const failureOutput = (run: JobRun) =>
 *   run.timeline.find((entry): entry is FailureEntry => entry.type === "failure")?.output;
 * ```
 */
export interface FailureEntry extends EntryBase {
  readonly type: "failure";
  readonly status: "completed" | "failed";
  readonly output?: unknown;
  readonly error?: Error;
}

/**
 * The run was cancelled, by a `cancelOn` event or by `timeouts.finish`.
 *
 * @example The event that cancelled a run
 * ```ts
 * import type { JobRun, TimelineEntry } from "@jobkit/testing";
 * type CancelledEntry = Extract<TimelineEntry, { type: "cancelled" }>;
 *
 * const cancelledBy = (run: JobRun) =>
 *   run.timeline.find((entry): entry is CancelledEntry => entry.type === "cancelled")?.event?.name;
 * ```
 */
export interface CancelledEntry extends EntryBase {
  readonly type: "cancelled";
  readonly reason: "event" | "timeout";
  /** The event that cancelled the run, for `reason: "event"`. */
  readonly event?: RunEvent;
}

/**
 * One thing that happened in a run, in virtual time order; narrow it by `type`.
 *
 * @example Print a run's timeline
 * ```ts
 * import type { TimelineEntry } from "@jobkit/testing";
 *
 * const line = (entry: TimelineEntry) => `${entry.at.toISOString()} ${entry.type} ${entry.id}`;
 * ```
 */
export type TimelineEntry =
  | StepEntry
  | SleepEntry
  | WaitForEventEntry
  | SendEventEntry
  | InvokeEntry
  | RetryEntry
  | FailureEntry
  | CancelledEntry;

/**
 * The outcome of {@link runJob}: status, output or error, every step in virtual time, and the events sent.
 *
 * @example Read a run
 * ```ts
 * import type { JobRun } from "@jobkit/testing";
 *
 * function summary(run: JobRun): string {
 *   const slept = run.timeline.filter((entry) => entry.type === "sleep").length;
 *   return `${run.status} after ${run.elapsed / 86_400_000} days, ${slept} sleeps, ${run.sent.length} events sent`;
 * }
 * ```
 */
export interface JobRun<TOutput = unknown> {
  /** The function's id (without the app prefix). */
  readonly functionId: string;
  readonly runId: string;
  readonly status: RunStatus;
  /** The function's return value, as Inngest stores it (JSON), when it completed. */
  readonly output: TOutput | undefined;
  /** The final error, when the run failed. */
  readonly error: Error | undefined;
  /** The most attempts any one step (or the function body) needed: 1 when nothing was retried. */
  readonly attempts: number;
  readonly timeline: readonly TimelineEntry[];
  readonly sent: readonly SentEvent[];
  /**
   * The `inngest/function.failed` system event Inngest sends when the run fails for good (what an
   * `onFailure` handler and a failure tracker receive); `undefined` unless `status` is `"failed"`.
   */
  readonly failedEvent: FunctionFailedEvent | undefined;
  readonly logs: readonly LogEntry[];
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** Virtual milliseconds from start to end. */
  readonly elapsed: number;
}
