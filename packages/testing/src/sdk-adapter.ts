/**
 * The one place `runJob` touches the Inngest SDK's internals: the execution entry point that `serve()` calls
 * for each request, its checkpointing rule, step-id hashing, error (de)serialisation, op codes and the
 * client's middleware and logger. An Inngest minor may move any of them, so each is checked when this module
 * loads and a missing one fails with the supported range instead of a `TypeError` deep inside a run.
 */
import { Inngest, type InngestFunction, type Logger, type Middleware, version } from "inngest";
import { errors, type InngestExecution, InngestExecutionEngine } from "inngest/internals";
import { DefaultMaxRuntime, StepMode, StepOpCode } from "inngest/types";

/** The `inngest` versions whose internals this adapter was written against (the peer dependency range). */
export const supportedInngestRange = "^4.24.0";

/** The internal members of an Inngest function that drive one request, as `serve()` calls them. */
interface SdkFunction {
  createExecution(options: { partialOptions: Record<string, unknown> }): {
    start(): Promise<InngestExecution.ExecutionResult>;
  };
  shouldAsyncCheckpoint(
    requestedRunStep: string | undefined,
    internalFnId: string | undefined,
    disableImmediateExecution: boolean,
    defaultMaxRuntime: number | string,
  ): Record<string, unknown> | undefined;
}

/** A `Middleware.Class` instance, with the hooks the serve handler calls itself. */
type MiddlewareInstance = Middleware.BaseMiddleware & {
  wrapRequest?: (args: Record<string, unknown> & { next: () => Promise<unknown> }) => Promise<unknown>;
};

/** What a missing internal looks like to the user: which one, which version, what to install. */
export function missingInternal(name: string, installed: string = version): Error {
  return new Error(
    `@jobkit/testing cannot run jobs with inngest ${installed}: the SDK internal "${name}" that runJob drives is missing\n` +
      `  runJob plays Inngest's executor through the SDK's own execution engine, which moves between minors\n` +
      `  expected: inngest ${supportedInngestRange}, e.g. npm install inngest@${supportedInngestRange}`,
  );
}

/** Checks every internal the adapter reaches for; exported so the check itself can be tested. */
export function checkInternals(sdk: {
  hashId: unknown;
  serializeError: unknown;
  deserializeError: unknown;
  stepOpCodes: Record<string, unknown>;
  stepModes: Record<string, unknown>;
  functionPrototype: Record<string, unknown>;
  clientMiddleware: unknown;
  defaultMaxRuntime: unknown;
  version: string;
}): void {
  const required: [string, boolean][] = [
    ["InngestExecutionEngine._internals.hashId", typeof sdk.hashId === "function"],
    ["errors.serializeError", typeof sdk.serializeError === "function"],
    ["errors.deserializeError", typeof sdk.deserializeError === "function"],
    ...[
      "StepPlanned",
      "StepRun",
      "StepError",
      "StepFailed",
      "Sleep",
      "WaitForEvent",
      "InvokeFunction",
      "RunComplete",
    ].map((code): [string, boolean] => [`StepOpCode.${code}`, typeof sdk.stepOpCodes[code] === "string"]),
    ["StepMode.Async", sdk.stepModes.Async !== undefined],
    ["StepMode.AsyncCheckpointing", sdk.stepModes.AsyncCheckpointing !== undefined],
    ["DefaultMaxRuntime.serve", sdk.defaultMaxRuntime !== undefined],
    ["InngestFunction#createExecution", typeof sdk.functionPrototype.createExecution === "function"],
    [
      "InngestFunction#shouldAsyncCheckpoint",
      typeof sdk.functionPrototype.shouldAsyncCheckpoint === "function",
    ],
    ["Inngest#middleware (built-in logger middleware first)", sdk.clientMiddleware === "LoggerMiddleware"],
  ];
  const missing = required.find(([, present]) => !present);
  if (missing) throw missingInternal(missing[0], sdk.version);
}

const probe = new Inngest({ id: "jobkit-testing-probe", isDev: true, logger: silentLogger() });
const probeFunction = probe.createFunction(
  { id: "probe", triggers: [{ event: "jobkit/probe" }] },
  () => null,
);
checkInternals({
  hashId: InngestExecutionEngine._internals?.hashId,
  serializeError: errors.serializeError,
  deserializeError: errors.deserializeError,
  stepOpCodes: StepOpCode as unknown as Record<string, unknown>,
  stepModes: StepMode as unknown as Record<string, unknown>,
  functionPrototype: Object.getPrototypeOf(probeFunction) as Record<string, unknown>,
  clientMiddleware: (probe as unknown as { middleware?: { name?: string }[] }).middleware?.[0]?.name,
  defaultMaxRuntime: DefaultMaxRuntime?.serve,
  version,
});

export { DefaultMaxRuntime, StepMode, StepOpCode };
export type SerializedError = errors.SerializedError;
export type ExecutionResult = InngestExecution.ExecutionResult;
export const serializeError = errors.serializeError;
export const deserializeError = errors.deserializeError;
/** The SDK's hash of a step id: the key of its result in the run state. */
export const hashStepId: (id: string) => string = InngestExecutionEngine._internals.hashId;

function silentLogger(): Logger {
  const quiet = () => undefined;
  return { info: quiet, warn: quiet, error: quiet, debug: quiet };
}

/** The SDK's rule for whether a request checkpoints, as the serve handler asks it. */
export function checkpointingFor(
  fn: InngestFunction.Any,
  requestedRunStep: string | undefined,
  internalFnId: string,
  disableImmediateExecution: boolean,
  defaultMaxRuntime: number | string,
): Record<string, unknown> | undefined {
  return (fn as unknown as SdkFunction).shouldAsyncCheckpoint(
    requestedRunStep,
    internalFnId,
    disableImmediateExecution,
    defaultMaxRuntime,
  );
}

/** Runs one request of `fn` through the SDK's execution engine, as `serve()`'s `runStep` does. */
export function startExecution(
  fn: InngestFunction.Any,
  partialOptions: Record<string, unknown>,
): Promise<ExecutionResult> {
  return (fn as unknown as SdkFunction).createExecution({ partialOptions }).start();
}

/**
 * Fresh middleware instances for one request, in the serve handler's order: the client's (its built-in
 * logger first), then `extra` (runJob's own, when a test asks for one), then the function's.
 */
export function middlewareFor(
  client: Inngest.Any,
  fn: InngestFunction.Any,
  extra: readonly Middleware.Class[] = [],
): MiddlewareInstance[] {
  const classes = [
    ...((client as unknown as { middleware: Middleware.Class[] }).middleware ?? []),
    ...extra,
    ...(fn.opts.middleware ?? []),
  ];
  return classes.map((Class) => new Class({ client }) as MiddlewareInstance);
}

/** What `wrapRequest` hooks see of the request, as the serve handler builds it. */
export interface RequestInfo {
  readonly headers: Readonly<Record<string, string>>;
  readonly method: string;
  readonly url: URL;
  readonly body: () => Promise<unknown>;
}

/** Wraps `handler` in each instance's `wrapRequest`, the first middleware outermost (`buildWrapRequestChain`). */
export function wrapRequest<TResponse>(
  instances: readonly MiddlewareInstance[],
  handler: () => Promise<TResponse>,
  args: { fn: InngestFunction.Any; runId: string; requestInfo: RequestInfo },
): Promise<TResponse> {
  let chain: () => Promise<unknown> = handler;
  for (let index = instances.length - 1; index >= 0; index--) {
    const instance = instances[index];
    if (!instance?.wrapRequest) continue;
    const next = chain;
    const hook = instance.wrapRequest.bind(instance);
    chain = () =>
      hook({ next, requestArgs: [], requestInfo: args.requestInfo, runId: args.runId, fn: args.fn });
  }
  return chain() as Promise<TResponse>;
}

/** The parts of a client runJob replaces for a run; everything else is the client's own. */
export interface ClientOverrides {
  readonly fetch: typeof fetch;
  readonly inngestApi: unknown;
  /** Where the built-in logger middleware writes instead of the client's logger (it forwards there). */
  readonly logger: Logger;
  /** Client middleware of runJob's own, after the client's. */
  readonly middleware: readonly Middleware.Class[];
}

/**
 * A view of `base` for runJob: the same prototype, id, options and middleware, so nothing is constructed and
 * no `onRegister` fires again; its `fetch` and Inngest API are runJob's, and its built-in logger middleware
 * writes to `overrides.logger`. Sends always reach `fetch` (dev mode, a test event key): the event API is a
 * stub in a test.
 */
export function deriveClient(base: Inngest.Any, overrides: ClientOverrides): Inngest.Any {
  const [, ...userMiddleware] = (base as unknown as { middleware: Middleware.Class[] }).middleware;
  // A scratch client built with the recording logger gives the SDK's own logger middleware around it.
  const loggerSource = new Inngest({ id: base.id, isDev: true, logger: overrides.logger });
  const [loggerMiddleware] = (loggerSource as unknown as { middleware: Middleware.Class[] }).middleware;
  const derived = Object.create(base) as Inngest.Any;
  const own = (value: unknown) => ({ value, configurable: true, enumerable: false, writable: true });
  Object.defineProperties(derived, {
    fetch: own(overrides.fetch),
    inngestApi: own(overrides.inngestApi),
    middleware: own([loggerMiddleware, ...userMiddleware, ...overrides.middleware]),
    mode: own("dev"),
    eventKey: own((base as unknown as { eventKey?: string }).eventKey ?? "jobkit-testing"),
    eventKeySet: own(() => true),
  });
  return derived;
}
