/**
 * What a conformance scenario builds its function with, and what both runs of it are compared on.
 */
import { Inngest, type InngestFunction, type Logger, Middleware } from "inngest";
import { runJob } from "../run-job";
import type { ServeExecutor } from "./serve-executor";

/** One scenario: a function, the event that starts it, and the upstream test it is ported from. */
export interface Scenario {
  readonly name: string;
  /** The upstream file (inngest/inngest-js) the scenario is ported from. */
  readonly source: string;
  /** Lines the SDK logs once per process (so only the first run, the served one, has them). */
  readonly logsOnce?: readonly string[];
  readonly build: (kit: Kit) => { fn: InngestFunction.Any; event?: { name: string; data: unknown } };
}

/** What both runs record: the function's own trace, middleware hooks, logs, sends and the outcome. */
export interface Observed {
  readonly trace: string[];
  readonly logs: string[];
  readonly sent: { name: string; data: unknown }[];
  readonly status: string;
  readonly output: unknown;
  readonly error: { name: string; message: string } | undefined;
  readonly failedEvent: unknown;
}

export interface Kit {
  /** A client pointed at the loopback server, with a recording logger and the given middleware. */
  client(options?: { middleware?: Middleware.Class[]; checkpointing?: boolean }): Inngest.Any;
  /** Appends a line to the trace. */
  trace(line: string): void;
  /** A middleware class that traces the hooks it sees as `<label>:<hook>`. */
  recorder(label: string, hooks?: readonly string[]): Middleware.Class;
}

const allHooks = [
  "onRegister",
  "wrapRequest",
  "transformFunctionInput",
  "onMemoizationEnd",
  "onRunStart",
  "wrapFunctionHandler",
  "transformStepInput",
  "wrapStep",
  "onStepStart",
  "wrapStepHandler",
  "onStepComplete",
  "onStepError",
  "onRunComplete",
  "onRunError",
  "transformSendEvent",
  "wrapSendEvent",
] as const;

function describeArg(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "err" in value) {
    const err = (value as { err: { message?: string } }).err;
    return `err:${err?.message ?? String(err)}`;
  }
  return JSON.stringify(value);
}

function makeKit(executor: ServeExecutor, observed: Observed, mode: "serve" | "runJob"): Kit {
  const log =
    (level: string) =>
    (...args: unknown[]) => {
      observed.logs.push(`${level} ${args.map(describeArg).join(" ")}`);
    };
  const logger: Logger = {
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    debug: () => undefined,
  };
  let clients = 0;
  return {
    client: (options = {}) =>
      new Inngest({
        id: `conformance-${mode}-${++clients}`,
        ...executor.clientOptions(),
        logger,
        ...(options.middleware ? { middleware: options.middleware } : {}),
        ...(options.checkpointing === undefined ? {} : { checkpointing: options.checkpointing }),
      }),
    trace: (line) => observed.trace.push(line),
    recorder: (label, hooks = allHooks) => {
      const trace = observed.trace;
      const Recorder = class extends Middleware.BaseMiddleware {
        readonly id = `recorder-${label}`;
      } as unknown as Middleware.Class;
      const prototype = Recorder.prototype as unknown as Record<string, unknown>;
      for (const hook of hooks) {
        prototype[hook] = function recorded(
          this: unknown,
          args: { next?: () => Promise<unknown>; stepInfo?: { options?: { id?: string } } },
        ) {
          const step = args?.stepInfo?.options?.id;
          trace.push(`${label}:${hook}${step ? `(${step})` : ""}`);
          if (hook.startsWith("wrap")) return args.next?.();
          return undefined;
        };
      }
      return Recorder;
    },
  };
}

/** The event a scenario starts with: its own, or one for the function's first trigger. */
function startEvent(built: ReturnType<Scenario["build"]>): { name: string; data: unknown } {
  if (built.event) return built.event;
  const [trigger] = (built.fn.opts.triggers ?? []) as { event?: string }[];
  return { name: trigger?.event ?? "conformance/start", data: {} };
}

const blank = (): Observed => ({
  trace: [],
  logs: [],
  sent: [],
  status: "",
  output: undefined,
  error: undefined,
  failedEvent: undefined,
});

/** Runs the scenario through the served SDK. */
export async function observeServed(executor: ServeExecutor, scenario: Scenario): Promise<Observed> {
  const observed = blank();
  const kit = makeKit(executor, observed, "serve");
  const built = scenario.build(kit);
  const { fn } = built;
  const event = startEvent(built);
  const client = (fn as unknown as { client: Inngest.Any }).client;
  executor.takeSent();
  const run = await executor.run(client, fn, event);
  const failed = run.failedEvent as { data: { function_id: string; error: { message: string } } } | undefined;
  return {
    ...observed,
    sent: executor.takeSent(),
    status: run.status,
    output: run.output,
    error: run.error,
    failedEvent: failed && {
      function_id: failed.data.function_id.replace("-serve-", "-"),
      message: failed.data.error.message,
    },
  };
}

/** Runs the scenario through `runJob`. */
export async function observeRunJob(
  executor: ServeExecutor,
  scenario: Scenario,
): Promise<Observed & { runLogs: number }> {
  const observed = blank();
  const kit = makeKit(executor, observed, "runJob");
  const built = scenario.build(kit);
  const { fn } = built;
  const event = startEvent(built);
  const run = await runJob(fn, { event: { ...event, data: event.data as Record<string, unknown> } });
  return {
    ...observed,
    sent: run.sent.map(({ name, data }) => ({ name, data })),
    status: run.status,
    output: run.output,
    error: run.error && { name: run.error.name, message: run.error.message },
    failedEvent: run.failedEvent && {
      function_id: run.failedEvent.data.function_id.replace("-runJob-", "-"),
      message: run.failedEvent.data.error.message,
    },
    runLogs: run.logs.length,
  };
}
