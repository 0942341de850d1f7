import type { InngestLimits } from "@jobkit/functions";
import type { Context, Inngest, InngestFunction, Middleware, OutgoingOp } from "inngest";
import { type CancelRule, findCancellation } from "./find-cancellation";
import type { RunEvent, TimelineEntry } from "./job-run";
import {
  type EntryFields,
  type OmitEach,
  opHandlerFor,
  refuseSendEventMock,
  type StepResult,
} from "./op-handlers";
import { retryDelay } from "./retry-delay";
import { RunJobError } from "./run-job-error";
import type { RunRecorder } from "./run-recorder";
import { RunState } from "./run-state";
import type { ScheduledEvent } from "./scheduled-event";
import {
  deserializeError,
  type ExecutionResult,
  hashStepId,
  type SerializedError,
  StepOpCode,
} from "./sdk-adapter";
import { serveRequest } from "./serve-request";
import type { StepMocks } from "./step-mocks";
import type { VirtualClock } from "./virtual-clock";

/** Everything one execution of a handler (the function, or its `onFailure`) needs. */
export interface ExecutionPlan {
  readonly fn: InngestFunction.Any;
  /** The run's own client: captures sent events, never reaches the network. */
  readonly client: Inngest.Any;
  /** The function id, for messages and timeline entries. */
  readonly functionId: string;
  readonly runId: string;
  readonly handler: "main" | "onFailure";
  readonly events: readonly [RunEvent, ...RunEvent[]];
  /** Attempts per step (and for the function body): retries + 1. */
  readonly maxAttempts: number;
  readonly incoming: readonly ScheduledEvent[];
  readonly cancelRules: readonly CancelRule[];
  /** `timeouts.finish` as an absolute deadline. */
  readonly finishBy: number | undefined;
  readonly clock: VirtualClock;
  readonly mocks: StepMocks;
  /** Installs step mocks in the handler context, for functions whose handler jobkit does not wrap. */
  readonly transformContext: ((ctx: Readonly<Context.Any>) => Context.Any) | undefined;
  readonly limits: InngestLimits;
  readonly recorder: RunRecorder;
  /** Middleware of runJob's own for this run, placed after the client's. */
  readonly extraMiddleware?: readonly Middleware.Class[];
}

/** How one execution ended; errors stay serialised as Inngest keeps them. */
export type ExecutionOutcome =
  | { readonly status: "completed"; readonly output: unknown }
  | { readonly status: "failed"; readonly error: SerializedError }
  | { readonly status: "cancelled" };

type Pending =
  | { readonly kind: "discover"; readonly at: number; readonly attempt: number; readonly order: number }
  | {
      readonly kind: "run";
      readonly at: number;
      readonly attempt: number;
      readonly hashedId: string;
      readonly order: number;
    }
  | {
      readonly kind: "resolve";
      readonly at: number;
      readonly hashedId: string;
      readonly result: StepResult;
      readonly entry: TimelineEntry;
      readonly order: number;
    };

const runCompleteId = hashStepId("complete");

/** The public id of a step, as the user wrote it. */
function stepIdOf(op: OutgoingOp): string {
  return op.userland?.id ?? op.displayName ?? op.name ?? op.id;
}

function toError(serialized: unknown): Error {
  return serialized instanceof Error ? serialized : deserializeError(serialized as never);
}

const toJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/**
 * Drives one handler through Inngest's own execution engine the way the Inngest executor drives a served
 * function: request after request (each wrapped in the middleware's `wrapRequest`), feeding back memoized
 * step results, running planned steps in requests of their own, and resolving sleeps, waits and invokes on
 * the virtual clock in time order.
 */
export async function executeRun(plan: ExecutionPlan): Promise<ExecutionOutcome> {
  return new RunExecution(plan).run();
}

class RunExecution {
  readonly #plan: ExecutionPlan;
  readonly #state: RunState;
  readonly #pending: Pending[] = [];
  /** Hashed ids that are memoized or pending. */
  readonly #known = new Set<string>();
  /** Step ids as written, by hashed id, for messages about steps the SDK names by hash. */
  readonly #names = new Map<string, string>();
  #sequence = 0;
  #requests = 0;
  /**
   * Set while the steps of a parallel group are outstanding, as the executor sets
   * `disable_immediate_execution`; cleared once they drain, so checkpointing resumes after parallelism.
   */
  #parallel = false;
  /** The attempt of the request in progress. */
  #attempt = 0;
  #cancellationCheckedUntil: number;

  constructor(plan: ExecutionPlan) {
    this.#plan = plan;
    this.#state = new RunState(plan.functionId, plan.limits);
    this.#cancellationCheckedUntil = plan.clock.now - 1;
  }

  get #now(): number {
    return this.#plan.clock.now;
  }

  async run(): Promise<ExecutionOutcome> {
    this.#plan.recorder.checkpoint = (steps) => {
      for (const op of steps) this.#settle(op, undefined, this.#attempt, false);
    };
    this.#schedule({ kind: "discover", at: this.#now, attempt: 0 });
    for (;;) {
      const next = this.#takeNext();
      if (!next)
        throw new Error(`jobkit: the run of "${this.#plan.functionId}" stopped with nothing left to do`);
      if (this.#advanceTo(next.at)) return { status: "cancelled" };
      const outcome = await this.#process(next);
      if (outcome) return outcome;
    }
  }

  #schedule(pending: OmitEach<Pending, "order">): void {
    if (pending.kind === "discover") {
      const duplicate = this.#pending.some(
        (other) => other.kind === "discover" && other.at === pending.at && other.attempt === pending.attempt,
      );
      if (duplicate) return;
    }
    this.#pending.push({ ...pending, order: this.#sequence++ } as Pending);
  }

  /**
   * Re-runs the function after a step ended, unless other steps of the run are still outstanding: the
   * executor waits for the whole parallel group (and its sleeps) before the next discovery request.
   */
  #discoverWhenDrained(): void {
    if (this.#pending.some((pending) => pending.kind !== "discover")) return;
    this.#parallel = false;
    this.#schedule({ kind: "discover", at: this.#now, attempt: 0 });
  }

  #takeNext(): Pending | undefined {
    let best = -1;
    for (let index = 0; index < this.#pending.length; index++) {
      const candidate = this.#pending[index] as Pending;
      const current = this.#pending[best];
      if (
        !current ||
        candidate.at < current.at ||
        (candidate.at === current.at && candidate.order < current.order)
      ) {
        best = index;
      }
    }
    return best === -1 ? undefined : this.#pending.splice(best, 1)[0];
  }

  /** Moves the clock to `target`; returns true when the run was cancelled on the way. */
  #advanceTo(target: number): boolean {
    if (target <= this.#now) return false;
    const { cancelRules, incoming, events, finishBy, clock, recorder } = this.#plan;
    const cancelling = findCancellation(
      cancelRules,
      incoming,
      events[0],
      this.#cancellationCheckedUntil,
      target,
    );
    this.#cancellationCheckedUntil = target;
    const timedOut = finishBy !== undefined && target > finishBy;
    if (cancelling && (!timedOut || cancelling.at <= (finishBy ?? 0))) {
      clock.advanceTo(cancelling.at);
      recorder.timeline.push(this.#entry({ type: "cancelled", reason: "event", event: cancelling.payload }));
      return true;
    }
    if (timedOut && finishBy !== undefined) {
      clock.advanceTo(finishBy);
      recorder.timeline.push(this.#entry({ type: "cancelled", reason: "timeout" }));
      return true;
    }
    clock.advanceTo(target);
    return false;
  }

  /** A timeline entry at the current time, for this handler. */
  #entry(
    fields: EntryFields | OmitEach<TimelineEntry, "at" | "handler" | "id">,
    at = this.#now,
  ): TimelineEntry {
    return {
      id: this.#plan.functionId,
      ...fields,
      at: new Date(at),
      handler: this.#plan.handler,
    } as TimelineEntry;
  }

  async #process(next: Pending): Promise<ExecutionOutcome | undefined> {
    if (next.kind === "resolve") {
      this.#state.memoize(next.hashedId, next.result, next.entry.id);
      this.#known.add(next.hashedId);
      this.#plan.recorder.timeline.push(next.entry);
      this.#discoverWhenDrained();
      return undefined;
    }
    const requestedRunStep = next.kind === "run" ? next.hashedId : undefined;
    const result = await this.#request(next.attempt, requestedRunStep);
    return this.#handle(result, next.attempt, requestedRunStep);
  }

  async #request(attempt: number, requestedRunStep: string | undefined): Promise<ExecutionResult> {
    const { handler, recorder } = this.#plan;
    if (handler === "main") recorder.attempts = Math.max(recorder.attempts, attempt + 1);
    this.#attempt = attempt;
    const result = await serveRequest(this.#plan, {
      attempt,
      requestedRunStep,
      requestNumber: ++this.#requests,
      disableImmediateExecution: this.#parallel && requestedRunStep === undefined,
      stepState: this.#state.stepState(),
      stepCompletionOrder: this.#state.completionOrder(),
    });
    if (recorder.fatal) throw recorder.fatal;
    return result;
  }

  async #handle(
    result: ExecutionResult,
    attempt: number,
    requestedRunStep: string | undefined,
  ): Promise<ExecutionOutcome | undefined> {
    const { functionId, maxAttempts, recorder } = this.#plan;
    switch (result.type) {
      case "function-resolved":
        return { status: "completed", output: toJson(result.data) };
      case "function-rejected": {
        const serialized = result.error as SerializedError;
        if (result.retriable === false || attempt + 1 >= maxAttempts)
          return { status: "failed", error: serialized };
        const delay = retryDelay(result.retriable, attempt, this.#now, this.#plan.limits.maxRetryDelayMs);
        recorder.timeline.push(
          this.#entry({
            type: "retry",
            id: functionId,
            scope: "function",
            attempt,
            error: toError(serialized),
            delay,
            retryAt: new Date(this.#now + delay),
          }),
        );
        const at = this.#now + delay;
        if (requestedRunStep === undefined) this.#schedule({ kind: "discover", at, attempt: attempt + 1 });
        else this.#schedule({ kind: "run", at, attempt: attempt + 1, hashedId: requestedRunStep });
        return undefined;
      }
      case "step-ran":
        this.#settle(result.step, result.retriable, attempt, true);
        return undefined;
      case "steps-found":
        return this.#found(result.steps);
      case "step-not-found": {
        const stepId = this.#names.get(result.step.id) ?? stepIdOf(result.step);
        throw new RunJobError(
          "nondeterministic",
          functionId,
          `Function "${functionId}" did not reach step "${stepId}" when it was run again\n` +
            "  the function takes a different path on each execution (a branch on Math.random(), real time or " +
            "external state outside a step)\n" +
            "  expected: deterministic code between steps; move the varying read into a step.run",
          { stepId },
        );
      }
      default:
        throw new Error(
          `jobkit: unexpected execution result "${(result as { type: string }).type}" from the Inngest SDK`,
        );
    }
  }

  async #found(steps: readonly OutgoingOp[]): Promise<ExecutionOutcome | undefined> {
    let outcome: ExecutionOutcome | undefined;
    const found = steps.filter(
      (op) => op.op !== StepOpCode.RunComplete && op.op !== StepOpCode.StepRun && !this.#known.has(op.id),
    );
    if (found.length > 1) this.#parallel = true;
    for (const op of steps) {
      if (op.op === StepOpCode.RunComplete && op.id === runCompleteId) {
        outcome = { status: "completed", output: toJson(op.data) };
      } else if (op.op === StepOpCode.StepRun) {
        // Checkpointed steps that the SDK had not flushed yet ride along with the final result.
        this.#settle(op, undefined, this.#attempt, false);
      } else if (!this.#known.has(op.id)) {
        const stepId = stepIdOf(op);
        this.#names.set(op.id, stepId);
        this.#known.add(op.id);
        const { mocks, functionId, events, incoming } = this.#plan;
        await opHandlerFor(op)(op, {
          functionId,
          trigger: events[0],
          incoming,
          mocks,
          now: this.#now,
          stepId,
          runLater: (planned) =>
            this.#schedule({ kind: "run", at: this.#now, attempt: 0, hashedId: planned.id }),
          resolveLater: (resolved, at, result, fields) =>
            this.#schedule({
              kind: "resolve",
              at,
              hashedId: resolved.id,
              result,
              entry: this.#entry(fields),
            }),
        });
      }
    }
    return outcome;
  }

  #removePending(hashedId: string): void {
    for (let index = this.#pending.length - 1; index >= 0; index--) {
      const pending = this.#pending[index];
      if (pending && pending.kind !== "discover" && pending.hashedId === hashedId)
        this.#pending.splice(index, 1);
    }
  }

  /**
   * Records a step the SDK ran: a retry, a failure for good or a result. `discover` re-runs the function
   * afterwards (the request ended); checkpointed steps need none (the function goes on in the same request).
   */
  #settle(op: OutgoingOp, retriable: boolean | string | undefined, attempt: number, discover: boolean): void {
    const { recorder, mocks, functionId } = this.#plan;
    const stepId = stepIdOf(op);
    if (this.#state.has(op.id)) return;
    this.#removePending(op.id);
    this.#known.add(op.id);
    const isSendEvent = (op.opts as { type?: string } | undefined)?.type === "step.sendEvent";
    if (isSendEvent) refuseSendEventMock(mocks, functionId, stepId);

    if (op.op === StepOpCode.StepError) {
      const delay = retryDelay(retriable ?? true, attempt, this.#now, this.#plan.limits.maxRetryDelayMs);
      recorder.timeline.push(
        this.#entry({
          type: "retry",
          id: stepId,
          scope: "step",
          attempt,
          error: toError(op.error),
          delay,
          retryAt: new Date(this.#now + delay),
        }),
      );
      this.#schedule({ kind: "run", at: this.#now + delay, attempt: attempt + 1, hashedId: op.id });
      return;
    }

    const failed = op.op === StepOpCode.StepFailed;
    this.#state.memoize(op.id, failed ? { error: op.error } : { data: op.data }, stepId);
    if (isSendEvent && !failed) {
      const events = recorder.unattributedSends
        .splice(0)
        .map((event) => ({ ...event, at: new Date(this.#now), stepId }));
      recorder.sent.push(...events);
      recorder.timeline.push(this.#entry({ type: "sendEvent", id: stepId, events }));
    } else {
      recorder.timeline.push(
        this.#entry({
          type: "step",
          id: stepId,
          attempt,
          mocked: mocks.has(stepId),
          ...(failed ? { error: toError(op.error) } : { output: this.#state.data(op.id) }),
        }),
      );
    }
    if (discover) this.#discoverWhenDrained();
  }
}
