import { formatList, suggestNames } from "@jobkit/events/internal";
import { type InngestLimits, inngestLimits } from "@jobkit/functions";
import { describeValue } from "@jobkit/functions/internal";
import { type Context, type Inngest, type InngestFunction, internalEvents } from "inngest";
import { cancelRulesOf, finishDeadlineOf } from "./cancel-rules";
import type { FailSend } from "./create-fail-sends-middleware";
import type { RunClientHooks } from "./create-run-client";
import { UnsupportedExpressionError } from "./evaluate-expression";
import { type ExecutionOutcome, executeRun } from "./execute-run";
import type { CancelRule } from "./find-cancellation";
import type { FunctionFailedEvent, JobRun, RunEvent } from "./job-run";
import { parseTime } from "./parse-time";
import { catalogProblem, scheduleIncoming, triggerEvents } from "./prepare-events";
import { RunJobError, type RunJobErrorCode } from "./run-job-error";
import type { EventInput, RunJobOptions, UnusedMockPolicy } from "./run-job-options";
import { RunRecorder } from "./run-recorder";
import { withRunScope } from "./run-scope";
import { deserializeError, type SerializedError } from "./sdk-adapter";
import type { StepMocks } from "./step-mocks";
import { StepMocks as RunMocks } from "./step-mocks";
import { realNow, VirtualClock } from "./virtual-clock";

/** What `runJob` runs: an Inngest function on the run's own client, and what is known about it. */
export interface RunTarget {
  readonly fn: InngestFunction.Any;
  /** The run's client, created from the hooks: it captures sent events. */
  readonly client: Inngest.Any;
  readonly functionId: string;
  /** Start time when none is given, e.g. a cron definition's next run. */
  readonly defaultStart: (() => number) | undefined;
  /** Step ids known before the run (step definitions), to reject unknown mocks up front. */
  readonly declaredStepIds: readonly string[] | undefined;
  /** Installs mocks through the SDK's context hook; `undefined` when the handler installs them itself. */
  readonly transformContext: ((ctx: Readonly<Context.Any>) => Context.Any) | undefined;
}

/** Builds the target once the run's mocks exist. */
export type PrepareTarget = (mocks: StepMocks) => RunTarget;

const defaultRetries = 3;

function cancelRules(functionId: string, fn: InngestFunction.Any, start: number): CancelRule[] {
  try {
    return cancelRulesOf(fn, start);
  } catch (error) {
    if (!(error instanceof UnsupportedExpressionError)) throw error;
    throw new RunJobError(
      "unsupported-expression",
      functionId,
      `The cancelOn of function "${functionId}" has an expression runJob cannot evaluate\n  ${error.message.replaceAll("\n", "\n  ")}\n  or use "match" for a field both events share`,
      { cause: error },
    );
  }
}
const stopRequest = () =>
  // The SDK ends a request at once, without retrying, when a checkpoint reports a stale dispatch.
  Object.assign(new Error("jobkit: run stopped"), { "~inngest": { kind: "StaleDispatchError" } });

function maxAttemptsFor(
  functionId: string,
  configured: number | undefined,
  retries: boolean | number,
): number {
  if (retries === false) return 1;
  const count = retries === true ? (configured ?? defaultRetries) : retries;
  if (!Number.isInteger(count) || count < 0 || count > 20) {
    throw new RunJobError(
      "invalid-options",
      functionId,
      `Invalid retries for runJob of function "${functionId}": ${JSON.stringify(retries)}\n` +
        "  expected: true (the function's own retries), false (no retries) or a whole number from 0 to 20",
    );
  }
  return count + 1;
}

function startTime(functionId: string, now: RunJobOptions["now"], fallback: () => number): number {
  if (now === undefined) return fallback();
  const time = parseTime(now);
  if (time === undefined) {
    throw new RunJobError(
      "invalid-options",
      functionId,
      `Invalid "now" for runJob of function "${functionId}": ${JSON.stringify(now)}\n` +
        '  expected: a Date, milliseconds since the epoch or an ISO 8601 string, e.g. "2026-11-17T00:00:00Z"',
    );
  }
  return time;
}

/** An event as the run client captures it; `index` numbers the events of the run for generated ids. */
function toRunEvent(raw: Record<string, unknown>, index: number, now: number): RunEvent {
  return {
    name: String(raw.name),
    data: raw.data ?? {},
    id: typeof raw.id === "string" ? raw.id : `evt-sent-${index}`,
    ts: typeof raw.ts === "number" ? raw.ts : now,
    ...(typeof raw.v === "string" ? { v: raw.v } : {}),
  };
}

/**
 * The capture side of the run client: checks and records what `step.sendEvent` sends, and asks the
 * `failSends` option (when given) whether an attempt fails before it is captured.
 */
function captureSends(
  recorder: RunRecorder,
  context: { functionId: () => string; now: () => number; limits: InngestLimits; options: RunJobOptions },
): Pick<RunClientHooks, "onSend" | "failSend"> {
  let count = 0;
  const { limits, options } = context;
  const fail = (
    message: string,
    extra?: ConstructorParameters<typeof RunJobError>[3],
    code: RunJobErrorCode = "limit-exceeded",
  ) => recorder.fail(new RunJobError(code, context.functionId(), message, extra));
  const onSend: RunClientHooks["onSend"] = (events) => {
    if (events.length > limits.maxEventsPerSend) {
      fail(
        `Function "${context.functionId()}" sent ${events.length} events in one step.sendEvent, over the limit of ${limits.maxEventsPerSend}\n` +
          "  expected: split the events over several step.sendEvent calls",
        { limit: "maxEventsPerSend" },
      );
    }
    return events.map((raw) => {
      const event = toRunEvent(raw, count, context.now());
      count++;
      const bytes = Buffer.byteLength(JSON.stringify(event));
      if (bytes > limits.maxEventBytes) {
        fail(
          `Function "${context.functionId()}" sent event "${event.name}" of ${bytes} bytes, over the ${limits.maxEventBytes}-byte event limit`,
          { limit: "maxEventBytes" },
        );
      }
      const catalog = options.catalog;
      if (catalog) {
        const suggestions = suggestNames(event.name, catalog.names);
        const problem = catalog.has(event.name)
          ? catalogProblem(catalog, event)
          : new Error(
              `Unknown event "${event.name}": it is not in the catalog` +
                (suggestions.length > 0 ? `\n  did you mean: ${formatList(suggestions)}?` : ""),
            );
        if (problem) {
          fail(
            `Function "${context.functionId()}" sent an event that does not match the catalog\n  ${problem.message.replaceAll("\n", "\n  ")}`,
            { cause: problem },
            "sent-event-invalid",
          );
        }
      }
      recorder.unattributedSends.push(event);
      return event.id;
    });
  };
  const { failSends } = options;
  if (failSends === undefined) return { onSend };
  const failSend: FailSend = (raw, { stepId, attempt }) => {
    // The ids the events get if this attempt goes through; a failed attempt uses none of them up.
    const events = raw.map((event, index) => toRunEvent(event, count + index, context.now()));
    const functionId = context.functionId();
    const misuse = (problem: string, cause?: unknown) =>
      recorder.fail(
        new RunJobError(
          "invalid-options",
          functionId,
          `The failSends option of runJob for function "${functionId}" ${problem} at step "${stepId}" (attempt ${attempt})\n` +
            "  expected: an Error to fail the attempt, or undefined to send, e.g.\n" +
            '  failSends: ({ stepId, attempt }) => (attempt === 0 ? new Error("503 Service Unavailable") : undefined)',
          { stepId, ...(cause === undefined ? {} : { cause }) },
        ),
      );
    let result: unknown;
    try {
      result = failSends({ stepId, events, attempt });
    } catch (error) {
      throw misuse(
        `threw ${error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)}`,
        error,
      );
    }
    if (result === undefined || result instanceof Error) return result;
    throw misuse(`returned ${describeValue(result)}`);
  };
  return { onSend, failSend };
}

/**
 * Runs a target on a fresh virtual clock and recorder: prepares the events, runs the function through
 * {@link executeRun}, then its `onFailure` when it failed for good, and checks the mocks were all used.
 */
export async function runTarget(
  prepare: PrepareTarget,
  options: RunJobOptions,
  fallbackId: string,
): Promise<JobRun> {
  const limits: InngestLimits = { ...inngestLimits, ...options.limits };
  const recorder = new RunRecorder();
  const mocks = new RunMocks(options.steps, options.invoke);
  let clock: VirtualClock | undefined;
  let functionId = fallbackId;
  const now = () => clock?.now ?? realNow();

  const hooks: RunClientHooks = {
    ...captureSends(recorder, { functionId: () => functionId, now, limits, options }),
    onLog: (level, args) => {
      recorder.logs.push({ at: new Date(now()), level, args });
      (options.logger?.[level] as ((...values: unknown[]) => void) | undefined)?.(...args);
    },
    onCheckpoint: async (steps) => {
      try {
        recorder.checkpoint(steps);
      } catch (error) {
        recorder.fail(error as Error);
      }
      if (recorder.fatal) throw stopRequest();
    },
    onUnsupportedApi: (method) =>
      recorder.fail(
        new RunJobError(
          "unsupported-step",
          functionId,
          `Function "${functionId}" called the Inngest API ("${method}"), which runJob cannot reach\n` +
            "  realtime publishing and signals need the Inngest server\n" +
            "  expected: a mock for that step by id in the `steps` option",
        ),
      ),
  };
  const target = prepare(mocks);
  functionId = target.functionId;
  if (options.failSends !== undefined && typeof options.failSends !== "function") {
    throw new RunJobError(
      "invalid-options",
      functionId,
      `Invalid failSends for runJob of function "${functionId}": ${describeValue(options.failSends)}\n` +
        "  expected: a function of { stepId, events, attempt } that returns an Error to fail that send, e.g.\n" +
        '  failSends: ({ stepId, attempt }) => (stepId === "send-email" && attempt === 0 ? new Error("503") : undefined)',
    );
  }
  const { fn } = target;
  const retries = options.retries ?? true;
  const maxAttempts = maxAttemptsFor(functionId, fn.opts.retries, retries);
  if (options.event !== undefined && options.events !== undefined) {
    throw new RunJobError(
      "invalid-options",
      functionId,
      `runJob of function "${functionId}" got both "event" and "events"\n  expected: "event" for one event, "events" for a batch`,
    );
  }
  const given: readonly EventInput[] = options.events ?? (options.event === undefined ? [] : [options.event]);
  const start = startTime(
    functionId,
    options.now,
    () => given[0]?.ts ?? target.defaultStart?.() ?? realNow(),
  );
  const context = { functionId, fn, catalog: options.catalog, limits };
  const [firstEvent, ...otherEvents] = triggerEvents(context, given, start) as [RunEvent, ...RunEvent[]];
  const incoming = scheduleIncoming(context, options.incoming ?? [], start);
  rejectUnknownMocks(functionId, mocks, target.declaredStepIds);

  const runId = `run-${functionId}`;
  const runClock = new VirtualClock(start);
  clock = runClock;
  const shared = { fn, client: target.client, clock: runClock, mocks, limits, recorder };
  const shape = { transformContext: target.transformContext };

  let failedEvent: FunctionFailedEvent | undefined;
  const outcome = await withRunScope(runClock, { hooks, mocks }, async () => {
    const main = await executeRun({
      ...shared,
      ...shape,
      functionId,
      runId,
      handler: "main",
      events: [firstEvent, ...otherEvents],
      maxAttempts,
      incoming,
      cancelRules: cancelRules(functionId, fn, start),
      finishBy: finishDeadlineOf(fn, start),
    });
    if (main.status === "failed") {
      failedEvent = functionFailedEvent(fn.id(target.client.id), runId, main.error, firstEvent, runClock.now);
      if (fn.opts.onFailure)
        await runOnFailure(failedEvent, { ...shared, ...shape, functionId, runId, retries });
    }
    return main;
  });

  checkUnusedMocks(functionId, mocks, options.unusedMocks ?? "error", recorder);
  return buildRun(functionId, runId, outcome, recorder, start, runClock.now, failedEvent);
}

/** The system event Inngest sends when a run fails for good, in the shape Inngest sends it. */
function functionFailedEvent(
  functionSlug: string,
  runId: string,
  error: SerializedError,
  event: RunEvent,
  at: number,
): FunctionFailedEvent {
  return {
    name: internalEvents.FunctionFailed,
    data: { function_id: functionSlug, run_id: runId, error, event },
    id: `${runId}-function-failed`,
    ts: at,
  };
}

async function runOnFailure(
  failedEvent: FunctionFailedEvent,
  context: Omit<
    Parameters<typeof executeRun>[0],
    "handler" | "events" | "maxAttempts" | "incoming" | "cancelRules" | "finishBy"
  > & { retries: boolean | number },
): Promise<void> {
  const { recorder, functionId, runId, retries } = context;
  const failedAt = failedEvent.ts;
  const failureId = `${functionId}-failure`;
  const outcome = await executeRun({
    ...context,
    functionId: failureId,
    runId: `${runId}-failure`,
    handler: "onFailure",
    events: [failedEvent],
    // Inngest gives the failure handler one retry.
    maxAttempts: retries === false ? 1 : 2,
    incoming: [],
    cancelRules: [],
    finishBy: undefined,
  });
  recorder.timeline.push({
    type: "failure",
    id: failureId,
    at: new Date(failedAt),
    handler: "onFailure",
    status: outcome.status === "completed" ? "completed" : "failed",
    ...(outcome.status === "completed" ? { output: outcome.output } : {}),
    ...(outcome.status === "failed" ? { error: deserializeError(outcome.error) } : {}),
  });
}

function buildRun(
  functionId: string,
  runId: string,
  outcome: ExecutionOutcome,
  recorder: RunRecorder,
  start: number,
  end: number,
  failedEvent: FunctionFailedEvent | undefined,
): JobRun {
  return {
    functionId,
    runId,
    status: outcome.status,
    output: outcome.status === "completed" ? outcome.output : undefined,
    error: outcome.status === "failed" ? deserializeError(outcome.error) : undefined,
    attempts: recorder.attempts,
    timeline: recorder.sortedTimeline(),
    sent: recorder.sent,
    failedEvent,
    logs: recorder.logs,
    startedAt: new Date(start),
    endedAt: new Date(end),
    elapsed: end - start,
  };
}

function rejectUnknownMocks(
  functionId: string,
  mocks: StepMocks,
  declared: readonly string[] | undefined,
): void {
  if (!declared) return;
  const unknown = mocks.stepIds().filter((id) => !declared.includes(id));
  const [first] = unknown;
  if (first === undefined) return;
  const suggestions = suggestNames(first, declared);
  throw new RunJobError(
    "unknown-step-mock",
    functionId,
    `Unknown step id ${formatList(unknown, "and")} in the steps mocks of function "${functionId}"\n` +
      `  steps of "${functionId}": ${formatList(declared, "and")}\n` +
      (suggestions.length > 0
        ? `  did you mean: ${formatList(suggestions)}?`
        : "  expected: one of those ids"),
    { stepId: first },
  );
}

function checkUnusedMocks(
  functionId: string,
  mocks: StepMocks,
  policy: UnusedMockPolicy,
  recorder: RunRecorder,
): void {
  if (policy === "ignore") return;
  const unusedSteps = mocks.unusedSteps();
  const unusedInvokes = mocks.unusedInvokes();
  if (unusedSteps.length === 0 && unusedInvokes.length === 0) return;
  const ran = [
    ...new Set(
      recorder.timeline
        .filter((entry) => entry.type !== "retry" && entry.type !== "failure" && entry.type !== "cancelled")
        .map((entry) => entry.id),
    ),
  ];
  const lines = [
    `Mocks that function "${functionId}" never used: ${formatList([...unusedSteps, ...unusedInvokes.map((id) => `invoke:${id}`)], "and")}`,
  ];
  for (const id of unusedSteps) {
    const suggestions = suggestNames(id, ran);
    if (suggestions.length > 0) lines.push(`  "${id}": did you mean ${formatList(suggestions)}?`);
  }
  lines.push(
    `  steps that ran: ${ran.length > 0 ? formatList(ran, "and") : "none"}`,
    '  expected: mocks only for steps this run reaches; remove the others, or pass unusedMocks: "ignore"',
  );
  const message = lines.join("\n");
  if (policy === "warn") {
    process.emitWarning(message, { code: "JOBKIT_UNUSED_MOCK" });
    return;
  }
  throw new RunJobError("unused-mock", functionId, message, { stepId: unusedSteps[0] });
}
