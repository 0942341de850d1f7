import { InngestTestEngine, mockCtx } from "@inngest/test";
import { type EventPayload, Inngest, type InngestFunction } from "inngest";

/** Runs an Inngest function once through `@inngest/test`, on a fresh engine, at a given attempt. */
export async function runOnce(
  fn: InngestFunction.Any,
  events: [EventPayload, ...EventPayload[]],
  attempt = 0,
): Promise<{ result?: unknown; error?: unknown }> {
  const engine = new InngestTestEngine({
    function: fn,
    events,
    // @inngest/test always runs attempt 0; the retry policy reads `ctx.attempt`, so set it here.
    transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt }),
  });
  const { result, error } = await engine.execute();
  return { result, error };
}

/** How a failed attempt ends, as the SDK reports it to Inngest. */
export interface FailedAttempt {
  /** The serialised error. */
  readonly error: { name?: string; message?: string; cause?: unknown };
  /**
   * What the SDK tells Inngest: `false` = do not retry, `true` = retry on Inngest's schedule, a string =
   * the `Retry-After` seconds.
   */
  readonly retriable: boolean | string;
}

/**
 * Runs one execution and returns the failure the SDK would answer Inngest with (a failed step or a
 * rejected function), including the `Retry-After` that `RetryAfterError` turns into.
 */
export async function failOnce(
  fn: InngestFunction.Any,
  events: [EventPayload, ...EventPayload[]],
  attempt = 0,
): Promise<FailedAttempt> {
  const engine = new InngestTestEngine({
    function: fn,
    events,
    transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt }),
  });
  type Checkpoint =
    | { type: "step-ran"; retriable?: boolean | string; step: { error?: FailedAttempt["error"] } }
    | { type: "function-rejected"; retriable: boolean | string; error: FailedAttempt["error"] }
    | { type: string };
  const execution = (engine as unknown as { individualExecution: () => Promise<{ result: Checkpoint }> })
    .individualExecution;
  const { result } = await execution.call(engine);
  if (result.type === "step-ran" && "step" in result && result.step.error !== undefined) {
    return { error: result.step.error, retriable: result.retriable ?? true };
  }
  if (result.type === "function-rejected" && "error" in result) {
    return { error: result.error, retriable: result.retriable };
  }
  throw new Error(`expected the attempt to fail, but it ended with "${result.type}"`);
}

/**
 * Runs a function's `onFailure` handler through the real execution engine: @inngest/test only runs the
 * main handler, so the execution is created with Inngest's `handlerKind: "failure"`.
 */
export async function runFailureHandler(
  fn: InngestFunction.Any,
  original: EventPayload,
  error: { name: string; message: string },
): Promise<{ result?: unknown; error?: unknown }> {
  const createExecution = (
    fn as unknown as { createExecution: (opts: { partialOptions: object }) => unknown }
  ).createExecution;
  const failureFn = Object.create(fn, {
    createExecution: {
      value: (opts: { partialOptions: object }) =>
        createExecution.call(fn, { partialOptions: { ...opts.partialOptions, handlerKind: "failure" } }),
    },
  }) as InngestFunction.Any;
  const engine = new InngestTestEngine({
    function: failureFn,
    events: [
      {
        name: "inngest/function.failed",
        data: { function_id: fn.id(appIdOf(fn)), run_id: "run_1", error, event: original },
      },
    ],
  });
  const { result, error: failure } = await engine.execute();
  return { result, error: failure };
}

/** The function config exactly as the SDK sends it to Inngest when the app syncs. */
export function syncedConfig(fn: InngestFunction.Any): Record<string, unknown>[] {
  const getConfig = (fn as unknown as { getConfig: (opts: object) => Record<string, unknown>[] }).getConfig;
  return JSON.parse(
    JSON.stringify(
      getConfig.call(fn, {
        baseUrl: new URL("http://localhost:3000/api/inngest"),
        appPrefix: appIdOf(fn),
        isConnect: false,
      }),
    ),
  );
}

function appIdOf(fn: InngestFunction.Any): string {
  return (fn as unknown as { client: { id: string } }).client.id;
}

const quiet = () => undefined;

/** An Inngest client for tests: its logger stays quiet, since failing on purpose is what tests do. */
export function testClient(id = "shop"): Inngest {
  return new Inngest({ id, logger: { info: quiet, warn: quiet, error: quiet, debug: quiet } });
}
