import type { InngestLimits } from "@jobkit/functions";
import type { Context, Inngest, InngestFunction, OutgoingOp } from "inngest";
import { errors, type InngestExecution, InngestExecutionEngine } from "inngest/internals";
import { StepMode, StepOpCode } from "inngest/types";
import { UnsupportedExpressionError } from "./evaluate-expression";
import { type CancelRule, findCancellation } from "./find-cancellation";
import type { RunEvent, TimelineEntry } from "./job-run";
import { parseDuration } from "./parse-time";
import { resolveWaitForEvent } from "./resolve-wait-for-event";
import { retryDelay } from "./retry-delay";
import { RunJobError } from "./run-job-error";
import type { RunRecorder } from "./run-recorder";
import type { ScheduledEvent } from "./scheduled-event";
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
}

/** How one execution ended; errors stay serialised as Inngest keeps them. */
export type ExecutionOutcome =
  | { readonly status: "completed"; readonly output: unknown }
  | { readonly status: "failed"; readonly error: errors.SerializedError }
  | { readonly status: "cancelled" };

type StepResult = { readonly data: unknown } | { readonly error: unknown };

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

/** `Omit` applied to each member of a union. */
type OmitEach<TUnion, TKeys extends PropertyKey> = TUnion extends unknown ? Omit<TUnion, TKeys> : never;

/** A timeline entry before the handler and (optionally) the time are filled in. */
type EntryFields = OmitEach<TimelineEntry, "at" | "handler">;

/** The internal members of an Inngest function that drive one request. */
interface SdkFunction {
  createExecution(options: { partialOptions: Record<string, unknown> }): {
    start(): Promise<InngestExecution.ExecutionResult>;
  };
  shouldAsyncCheckpoint(
    requestedRunStep: string | undefined,
    internalFnId: string,
    disableImmediateExecution: boolean,
    defaultMaxRuntime: number,
  ): Record<string, unknown> | undefined;
}

const internalFunctionId = "jobkit-testing";
const runCompleteId = InngestExecutionEngine._internals.hashId("complete");

type Memo =
  | { readonly id: string; readonly data: unknown }
  | { readonly id: string; readonly error: unknown };

const isoDate = /^\d{4}-\d{2}-\d{2}T/;

/** The public id of a step, as the user wrote it. */
function stepIdOf(op: OutgoingOp): string {
  return op.userland?.id ?? op.displayName ?? op.name ?? op.id;
}

function toError(serialized: unknown): Error {
  if (serialized instanceof Error) return serialized;
  return errors.deserializeError(serialized as Partial<errors.SerializedError>);
}

/**
 * Drives one handler through Inngest's own execution engine the way the Inngest executor does: request after
 * request, feeding back memoized step results, running each planned step in its own request, and resolving
 * sleeps, waits and invokes on the virtual clock in time order.
 */
export async function executeRun(plan: ExecutionPlan): Promise<ExecutionOutcome> {
  return new RunExecution(plan).run();
}

class RunExecution {
  readonly #plan: ExecutionPlan;
  readonly #state: Record<string, Memo> = {};
  readonly #order: string[] = [];
  readonly #pending: Pending[] = [];
  /** Hashed ids that are memoized or pending. */
  readonly #known = new Set<string>();
  /** Step ids as written, by hashed id, for messages about steps the SDK names by hash. */
  readonly #names = new Map<string, string>();
  #sequence = 0;
  #stateBytes = 0;
  #disableImmediateExecution = false;
  /** The attempt of the request in progress. */
  #attempt = 0;
  #cancellationCheckedUntil: number;

  constructor(plan: ExecutionPlan) {
    this.#plan = plan;
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
      if (!next) {
        throw new Error(`jobkit: the run of "${this.#plan.functionId}" stopped with nothing left to do`);
      }
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

  #takeNext(): Pending | undefined {
    let best = -1;
    this.#pending.forEach((candidate, index) => {
      const current = this.#pending[best];
      if (
        !current ||
        candidate.at < current.at ||
        (candidate.at === current.at && candidate.order < current.order)
      ) {
        best = index;
      }
    });
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
      this.#memoize(next.hashedId, next.result, next.entry.id);
      this.#plan.recorder.timeline.push(next.entry);
      this.#schedule({ kind: "discover", at: this.#now, attempt: 0 });
      return undefined;
    }
    const requestedRunStep = next.kind === "run" ? next.hashedId : undefined;
    const result = await this.#request(next.attempt, requestedRunStep);
    return this.#handle(result, next.attempt);
  }

  async #request(
    attempt: number,
    requestedRunStep: string | undefined,
  ): Promise<InngestExecution.ExecutionResult> {
    const { fn, client, runId, events, maxAttempts, handler, transformContext, recorder } = this.#plan;
    if (handler === "main") recorder.attempts = Math.max(recorder.attempts, attempt + 1);
    const stepState = Object.fromEntries(Object.entries(this.#state).map(([id, memo]) => [id, { ...memo }]));
    const sdk = fn as unknown as SdkFunction;
    // The SDK's own rule for when a request checkpoints (Inngest v4's default: consecutive steps run in one
    // request) or returns after each step. Real-time limits (`maxRuntime`, `maxInterval`) are dropped: the
    // run's time is virtual.
    const checkpointing = sdk.shouldAsyncCheckpoint(
      requestedRunStep,
      internalFunctionId,
      this.#disableImmediateExecution,
      0,
    );
    this.#attempt = attempt;
    // `createExecution` is the SDK's entry point for one request from the executor, the one its serve handlers
    // and @inngest/test call too.
    const execution = sdk.createExecution({
      partialOptions: {
        client,
        runId,
        data: { event: events[0], events, runId, attempt, maxAttempts },
        reqArgs: [],
        headers: {},
        stepState,
        stepCompletionOrder: [...this.#order],
        stepMode: checkpointing ? StepMode.AsyncCheckpointing : StepMode.Async,
        checkpointingConfig: checkpointing && { ...checkpointing, maxRuntime: 0, maxInterval: 0 },
        internalFnId: internalFunctionId,
        queueItemId: internalFunctionId,
        requestedRunStep,
        disableImmediateExecution: this.#disableImmediateExecution,
        handlerKind: handler === "onFailure" ? "failure" : "main",
        transformCtx: transformContext,
      },
    });
    const result = await execution.start();
    if (recorder.fatal) throw recorder.fatal;
    return result;
  }

  async #handle(
    result: InngestExecution.ExecutionResult,
    attempt: number,
  ): Promise<ExecutionOutcome | undefined> {
    const { functionId, maxAttempts, recorder } = this.#plan;
    switch (result.type) {
      case "function-resolved":
        return { status: "completed", output: JSON.parse(JSON.stringify(result.data ?? null)) as unknown };
      case "function-rejected": {
        const serialized = result.error as errors.SerializedError;
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
        this.#schedule({ kind: "discover", at: this.#now + delay, attempt: attempt + 1 });
        return undefined;
      }
      case "step-ran":
        this.#settle(result.step, result.retriable, attempt, true);
        return undefined;
      case "steps-found": {
        let outcome: ExecutionOutcome | undefined;
        const found = result.steps.filter(
          (op) => op.op !== StepOpCode.RunComplete && op.op !== StepOpCode.StepRun,
        );
        if (found.length > 1) this.#disableImmediateExecution = true;
        for (const op of result.steps) {
          if (op.op === StepOpCode.RunComplete && op.id === runCompleteId) {
            outcome = { status: "completed", output: JSON.parse(JSON.stringify(op.data ?? null)) as unknown };
          } else if (op.op === StepOpCode.StepRun) {
            // Checkpointed steps that the SDK had not flushed yet ride along with the final result.
            this.#settle(op, undefined, attempt, false);
          } else {
            await this.#found(op);
          }
        }
        return outcome;
      }
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
        throw new Error(`jobkit: unexpected execution result "${result.type}" from the Inngest SDK`);
    }
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
    const { recorder, mocks } = this.#plan;
    const stepId = stepIdOf(op);
    if (op.id in this.#state) return;
    this.#removePending(op.id);
    this.#known.add(op.id);
    const isSendEvent = (op.opts as { type?: string } | undefined)?.type === "step.sendEvent";
    if (isSendEvent) this.#refuseSendEventMock(stepId);

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
    this.#memoize(op.id, failed ? { error: op.error } : { data: op.data }, stepId);
    if (isSendEvent && !failed) {
      const events = recorder.unattributedSends.splice(0).map((event) => ({
        ...event,
        at: new Date(this.#now),
        stepId,
      }));
      recorder.sent.push(...events);
      recorder.timeline.push(this.#entry({ type: "sendEvent", id: stepId, events }));
    } else {
      recorder.timeline.push(
        this.#entry({
          type: "step",
          id: stepId,
          attempt,
          mocked: mocks.has(stepId),
          ...(failed ? { error: toError(op.error) } : { output: this.#memoizedData(op.id) }),
        }),
      );
    }
    if (discover) this.#schedule({ kind: "discover", at: this.#now, attempt: 0 });
  }

  #memoizedData(hashedId: string): unknown {
    const memo = this.#state[hashedId];
    return memo && "data" in memo ? memo.data : undefined;
  }

  #refuseSendEventMock(stepId: string): void {
    if (!this.#plan.mocks.has(stepId)) return;
    throw new RunJobError(
      "invalid-options",
      this.#plan.functionId,
      `Cannot mock step "${stepId}" of function "${this.#plan.functionId}": it is a step.sendEvent\n` +
        "  step.sendEvent is captured, never sent: remove the mock and assert on run.sent, e.g.\n" +
        '  expect(run).toHaveSentEvent("email/send", { template: "welcome" })',
      { stepId },
    );
  }

  async #found(op: OutgoingOp): Promise<void> {
    if (this.#known.has(op.id)) return;
    const { mocks, functionId, events } = this.#plan;
    const stepId = stepIdOf(op);
    this.#names.set(op.id, stepId);
    const now = this.#now;

    if (op.op === StepOpCode.StepPlanned) {
      if ((op.opts as { type?: string } | undefined)?.type === "step.sendEvent")
        this.#refuseSendEventMock(stepId);
      this.#known.add(op.id);
      this.#schedule({ kind: "run", at: now, attempt: 0, hashedId: op.id });
      return;
    }

    if (op.op === StepOpCode.Sleep) {
      if (mocks.has(stepId)) {
        throw new RunJobError(
          "invalid-options",
          functionId,
          `Cannot mock step "${stepId}" of function "${functionId}": it is a sleep\n` +
            "  sleeps move the virtual clock and take no real time: remove the mock",
          { stepId },
        );
      }
      const isUntil = isoDate.test(op.name ?? "");
      const until = isUntil
        ? Math.max(now, Date.parse(op.name ?? ""))
        : now + (parseDuration(op.name ?? "") ?? 0);
      this.#resolveLater(
        op,
        until,
        { data: null },
        {
          type: isUntil ? "sleepUntil" : "sleep",
          id: stepId,
          until: new Date(until),
          duration: until - now,
        },
        now,
      );
      return;
    }

    const call = { id: stepId, attempt: 0, input: [], event: events[0] };

    if (op.op === StepOpCode.WaitForEvent) {
      const opts = (op.opts ?? {}) as { timeout?: string; if?: string };
      // A timeout given as a Date reaches the executor as an ISO time: wait until then.
      const timeout = isoDate.test(opts.timeout ?? "")
        ? Math.max(0, Date.parse(opts.timeout ?? "") - now)
        : (parseDuration(opts.timeout ?? "") ?? 0);
      if (mocks.has(stepId)) {
        const result = await mocks.resolveStep(stepId, call);
        const received = "data" in result ? ((result.data ?? null) as RunEvent | null) : null;
        this.#resolveLater(op, now, result, {
          type: "waitForEvent",
          id: stepId,
          event: op.name ?? "",
          timeout,
          resolvedAt: new Date(now),
          received,
          mocked: true,
        });
        return;
      }
      let resolution: ReturnType<typeof resolveWaitForEvent>;
      try {
        resolution = resolveWaitForEvent(
          { event: op.name ?? "", from: now, timeout, expression: opts.if, trigger: events[0] },
          this.#plan.incoming,
        );
      } catch (error) {
        throw this.#expressionError(error, stepId);
      }
      this.#resolveLater(
        op,
        resolution.at,
        { data: resolution.event },
        {
          type: "waitForEvent",
          id: stepId,
          event: op.name ?? "",
          timeout,
          resolvedAt: new Date(resolution.at),
          received: resolution.event,
          mocked: false,
        },
        now,
      );
      return;
    }

    if (op.op === StepOpCode.InvokeFunction) {
      const opts = (op.opts ?? {}) as { function_id?: string; payload?: { data?: unknown } };
      const target = opts.function_id ?? "";
      const stepMocked = mocks.has(stepId);
      const key = stepMocked ? undefined : mocks.invokeKeyFor(target);
      if (!stepMocked && key === undefined) {
        throw new RunJobError(
          "unmocked-invoke",
          functionId,
          `Step "${stepId}" of function "${functionId}" invokes function "${target}", which has no mock\n` +
            "  runJob runs one function; an invoked function must be mocked\n" +
            `  expected: runJob(…, { invoke: { "${target.replace(/^[^-]+-/, "")}": (call) => ({ ok: true }) } })`,
          { stepId },
        );
      }
      const data = opts.payload?.data ?? {};
      const result =
        key === undefined
          ? await mocks.resolveStep(stepId, call)
          : await mocks.resolveInvoke(key, { function: target, stepId, data });
      this.#resolveLater(op, now, result, {
        type: "invoke",
        id: stepId,
        function: target,
        ...("data" in result ? { output: result.data } : { error: toError(result.error) }),
      });
      return;
    }

    if (mocks.has(stepId)) {
      const result = await mocks.resolveStep(stepId, call);
      this.#resolveLater(op, now, result, {
        type: "step",
        id: stepId,
        attempt: 0,
        mocked: true,
        ...("data" in result ? { output: result.data } : { error: toError(result.error) }),
      });
      return;
    }
    throw new RunJobError(
      "unsupported-step",
      functionId,
      `Step "${stepId}" of function "${functionId}" is a ${op.op} step, which runJob cannot run in-process\n` +
        "  it needs the Inngest server (step.fetch, step.ai.infer, step.waitForSignal, defer, …)\n" +
        `  expected: a mock for it, e.g. runJob(…, { steps: { "${stepId}": { ok: true } } })`,
      { stepId },
    );
  }

  #expressionError(error: unknown, stepId: string): Error {
    if (!(error instanceof UnsupportedExpressionError)) return error as Error;
    return new RunJobError(
      "unsupported-expression",
      this.#plan.functionId,
      `Step "${stepId}" of function "${this.#plan.functionId}" waits with an expression runJob cannot evaluate\n  ${error.message.replaceAll("\n", "\n  ")}\n  or mock the step by id to return the event`,
      { stepId, cause: error },
    );
  }

  #resolveLater(
    op: OutgoingOp,
    at: number,
    result: StepResult,
    fields: EntryFields,
    startedAt = this.#now,
  ): void {
    this.#known.add(op.id);
    const entry = this.#entry(fields, startedAt);
    this.#schedule({ kind: "resolve", at, hashedId: op.id, result, entry });
  }

  #memoize(hashedId: string, result: StepResult, stepId: string): void {
    const { limits, functionId } = this.#plan;
    if (this.#order.length + 1 > limits.maxStepsPerRun) {
      throw new RunJobError(
        "limit-exceeded",
        functionId,
        `Function "${functionId}" exceeded ${limits.maxStepsPerRun} steps in one run at step "${stepId}"\n` +
          `  Inngest fails a run after ${limits.maxStepsPerRun} steps; a loop of steps probably never ends\n` +
          "  expected: fewer steps per run, e.g. fan out with step.sendEvent to one run per item",
        { stepId, limit: "maxStepsPerRun" },
      );
    }
    let memo: Memo;
    if ("data" in result) {
      const json = JSON.stringify(result.data ?? null);
      const bytes = Buffer.byteLength(json);
      if (bytes > limits.maxStepOutputBytes) {
        throw new RunJobError(
          "limit-exceeded",
          functionId,
          `Step "${stepId}" of function "${functionId}" returned ${bytes} bytes of JSON, over the ${limits.maxStepOutputBytes}-byte step output limit\n` +
            "  expected: a smaller result, e.g. store the payload elsewhere and return its key",
          { stepId, limit: "maxStepOutputBytes" },
        );
      }
      this.#stateBytes += bytes;
      if (this.#stateBytes > limits.maxRunStateBytes) {
        throw new RunJobError(
          "limit-exceeded",
          functionId,
          `Function "${functionId}" holds ${this.#stateBytes} bytes of step results after step "${stepId}", over the ${limits.maxRunStateBytes}-byte run state limit\n` +
            "  expected: smaller step results, e.g. return ids instead of records",
          { stepId, limit: "maxRunStateBytes" },
        );
      }
      memo = { id: hashedId, data: JSON.parse(json) as unknown };
    } else {
      memo = { id: hashedId, error: errors.serializeError(result.error) };
    }
    this.#state[hashedId] = memo;
    this.#order.push(hashedId);
    this.#known.add(hashedId);
  }
}
