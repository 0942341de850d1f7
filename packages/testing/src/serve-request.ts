import type { ExecutionPlan } from "./execute-run";
import {
  checkpointingFor,
  DefaultMaxRuntime,
  type ExecutionResult,
  middlewareFor,
  StepMode,
  serializeError,
  startExecution,
  wrapRequest,
} from "./sdk-adapter";

/** What the executor knows when it sends one request. */
export interface RequestState {
  readonly attempt: number;
  /** The hashed id of the step to run, or `undefined` to discover. */
  readonly requestedRunStep: string | undefined;
  /** Counts the run's requests, for `requestId`. */
  readonly requestNumber: number;
  readonly disableImmediateExecution: boolean;
  readonly stepState: Record<string, unknown>;
  readonly stepCompletionOrder: readonly string[];
}

/** The HTTP response the serve handler would send for a result, as `wrapRequest` hooks see it. */
function responseFor(result: ExecutionResult): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const json = { "Content-Type": "application/json" };
  switch (result.type) {
    case "function-resolved":
      return { status: 200, headers: json, body: JSON.stringify(result.data ?? null) };
    case "function-rejected":
      return {
        status: 500,
        headers: { ...json, ...(result.retriable === false ? { "X-Inngest-No-Retry": "true" } : {}) },
        body: JSON.stringify(result.error),
      };
    case "steps-found":
      return { status: 206, headers: json, body: JSON.stringify(result.steps) };
    case "step-ran":
      return { status: 206, headers: json, body: JSON.stringify([result.step]) };
    default:
      return { status: 500, headers: json, body: "{}" };
  }
}

/**
 * Sends one request to the function the way `serve()`'s handler takes it: fresh middleware instances in the
 * serve handler's order, the whole request inside their `wrapRequest`, the SDK's execution entry point with
 * the options `serve()` passes (its checkpointing rule and default `maxRuntime` included). A `wrapRequest`
 * that throws answers 500, which the executor retries like a failed request.
 */
export async function serveRequest(plan: ExecutionPlan, request: RequestState): Promise<ExecutionResult> {
  const { fn, client, runId, events, maxAttempts, handler, transformContext, recorder } = plan;
  const { attempt, requestedRunStep, disableImmediateExecution, stepState } = request;
  const internalFnId = `${runId}-fn`;
  // Both checkpointing timers (`maxRuntime`, `maxInterval`) run on real time, as they do in production.
  const checkpointing = checkpointingFor(
    fn,
    requestedRunStep,
    internalFnId,
    disableImmediateExecution,
    DefaultMaxRuntime.serve,
  );
  const requestId = `${runId}-request-${request.requestNumber}`;
  const jobId = `${runId}-job`;
  const body = {
    event: events[0],
    events,
    steps: stepState,
    ctx: {
      run_id: runId,
      attempt,
      fn_id: internalFnId,
      disable_immediate_execution: disableImmediateExecution,
    },
  };
  const url = new URL("http://127.0.0.1/api/inngest");
  url.searchParams.set("fnId", fn.id(client.id));
  url.searchParams.set("stepId", requestedRunStep ?? "step");
  const requestInfo = {
    // The serve handler hands middleware its own response headers here, not the executor's request headers.
    headers: Object.freeze({ "Content-Type": "application/json" }),
    method: "POST",
    url,
    body: () => Promise.resolve(body),
  };
  const instances = middlewareFor(client, fn, plan.extraMiddleware);
  let result: ExecutionResult | undefined;
  const execute = async () => {
    // `createExecution` is the SDK's entry point for one request from the executor, the one its serve
    // handler and @inngest/test call too; these are the options `serve()` passes.
    result = await startExecution(fn, {
      client,
      runId,
      stepMode: checkpointing ? StepMode.AsyncCheckpointing : StepMode.Async,
      checkpointingConfig: checkpointing,
      data: { event: events[0], events, runId, attempt, maxAttempts, requestId, jobId },
      internalFnId,
      queueItemId: `${runId}-queue-item`,
      requestId,
      requestStartedAt: Date.now(),
      stepState,
      requestedRunStep,
      handlerKind: handler === "onFailure" ? "failure" : "main",
      disableImmediateExecution,
      stepCompletionOrder: [...request.stepCompletionOrder],
      reqArgs: [],
      headers: { "x-request-id": requestId, "x-inngest-job-id": jobId },
      requestInfo,
      middlewareInstances: instances,
      transformCtx: transformContext,
    });
    return responseFor(result);
  };
  try {
    await wrapRequest(instances, execute, { fn, runId, requestInfo });
  } catch (error) {
    if (recorder.fatal) throw recorder.fatal;
    return {
      type: "function-rejected",
      error: serializeError(error as Error),
      retriable: true,
    } as ExecutionResult;
  }
  if (!result) throw new Error("jobkit: a wrapRequest middleware answered without calling next()");
  return result;
}
