import type { OutgoingOp } from "inngest";
import { UnsupportedExpressionError } from "./evaluate-expression";
import type { RunEvent, TimelineEntry } from "./job-run";
import { parseDuration } from "./parse-time";
import { resolveWaitForEvent } from "./resolve-wait-for-event";
import { RunJobError } from "./run-job-error";
import type { ScheduledEvent } from "./scheduled-event";
import { deserializeError, StepOpCode } from "./sdk-adapter";
import type { StepMocks } from "./step-mocks";

/** A step's result as the run state keeps it. */
export type StepResult = { readonly data: unknown } | { readonly error: unknown };

/** `Omit` applied to each member of a union. */
export type OmitEach<TUnion, TKeys extends PropertyKey> = TUnion extends unknown
  ? Omit<TUnion, TKeys>
  : never;

/** A timeline entry before the handler and (optionally) the time are filled in. */
export type EntryFields = OmitEach<TimelineEntry, "at" | "handler">;

/** What an op handler may do to the run: what the Inngest executor does when the SDK reports an op. */
export interface OpContext {
  readonly functionId: string;
  readonly trigger: RunEvent;
  readonly incoming: readonly ScheduledEvent[];
  readonly mocks: StepMocks;
  readonly now: number;
  /** The step id as the user wrote it. */
  readonly stepId: string;
  /** Queues a request that runs the planned step. */
  runLater(op: OutgoingOp): void;
  /** Stores `result` as the step's result at `at` (a sleep's end, a wait's event), with its timeline entry. */
  resolveLater(op: OutgoingOp, at: number, result: StepResult, fields: EntryFields): void;
}

/** What the executor does with one kind of op the SDK found. */
export type OpHandler = (op: OutgoingOp, context: OpContext) => Promise<void> | void;

const isoDate = /^\d{4}-\d{2}-\d{2}T/;

function toError(serialized: unknown): Error {
  return serialized instanceof Error ? serialized : deserializeError(serialized as never);
}

/** Refuses a mock for a `step.sendEvent`: sends are captured, never mocked. */
export function refuseSendEventMock(mocks: StepMocks, functionId: string, stepId: string): void {
  if (!mocks.has(stepId)) return;
  throw new RunJobError(
    "invalid-options",
    functionId,
    `Cannot mock step "${stepId}" of function "${functionId}": it is a step.sendEvent\n` +
      "  step.sendEvent is captured, never sent: remove the mock and assert on run.sent, e.g.\n" +
      '  expect(run).toHaveSentEvent("email/send", { template: "welcome" })',
    { stepId },
  );
}

const planned: OpHandler = (op, context) => {
  if ((op.opts as { type?: string } | undefined)?.type === "step.sendEvent") {
    refuseSendEventMock(context.mocks, context.functionId, context.stepId);
  }
  context.runLater(op);
};

const sleep: OpHandler = (op, { mocks, functionId, stepId, now, resolveLater }) => {
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
  resolveLater(
    op,
    until,
    { data: null },
    { type: isUntil ? "sleepUntil" : "sleep", id: stepId, until: new Date(until), duration: until - now },
  );
};

function expressionError(error: unknown, functionId: string, stepId: string): Error {
  if (!(error instanceof UnsupportedExpressionError)) return error as Error;
  return new RunJobError(
    "unsupported-expression",
    functionId,
    `Step "${stepId}" of function "${functionId}" waits with an expression runJob cannot evaluate\n  ${error.message.replaceAll("\n", "\n  ")}\n  or mock the step by id to return the event`,
    { stepId, cause: error },
  );
}

const waitForEvent: OpHandler = async (op, context) => {
  const { mocks, stepId, now, trigger, resolveLater } = context;
  const opts = (op.opts ?? {}) as { timeout?: string; if?: string };
  // A timeout given as a Date reaches the executor as an ISO time: wait until then.
  const timeout = isoDate.test(opts.timeout ?? "")
    ? Math.max(0, Date.parse(opts.timeout ?? "") - now)
    : (parseDuration(opts.timeout ?? "") ?? 0);
  const event = op.name ?? "";
  if (mocks.has(stepId)) {
    const result = await mocks.resolveStep(stepId, { id: stepId, attempt: 0, input: [], event: trigger });
    const received = "data" in result ? ((result.data ?? null) as RunEvent | null) : null;
    resolveLater(op, now, result, {
      type: "waitForEvent",
      id: stepId,
      event,
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
      { event, from: now, timeout, expression: opts.if, trigger },
      context.incoming,
    );
  } catch (error) {
    throw expressionError(error, context.functionId, stepId);
  }
  resolveLater(
    op,
    resolution.at,
    { data: resolution.event },
    {
      type: "waitForEvent",
      id: stepId,
      event,
      timeout,
      resolvedAt: new Date(resolution.at),
      received: resolution.event,
      mocked: false,
    },
  );
};

const invokeFunction: OpHandler = async (op, { mocks, functionId, stepId, now, trigger, resolveLater }) => {
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
      ? await mocks.resolveStep(stepId, { id: stepId, attempt: 0, input: [], event: trigger })
      : await mocks.resolveInvoke(key, { function: target, stepId, data });
  resolveLater(op, now, result, {
    type: "invoke",
    id: stepId,
    function: target,
    ...("data" in result ? { output: result.data } : { error: toError(result.error) }),
  });
};

/** Any other op (step.fetch, step.ai.infer, signals, …): the server runs it, so a test must mock it. */
const needsServer: OpHandler = async (op, { mocks, functionId, stepId, now, trigger, resolveLater }) => {
  if (mocks.has(stepId)) {
    const result = await mocks.resolveStep(stepId, { id: stepId, attempt: 0, input: [], event: trigger });
    resolveLater(op, now, result, {
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
};

const handlers: Partial<Record<string, OpHandler>> = {
  [StepOpCode.StepPlanned]: planned,
  [StepOpCode.Sleep]: sleep,
  [StepOpCode.WaitForEvent]: waitForEvent,
  [StepOpCode.InvokeFunction]: invokeFunction,
};

/** The handler for an op the SDK found and the executor must act on. */
export function opHandlerFor(op: OutgoingOp): OpHandler {
  return handlers[op.op] ?? needsServer;
}
