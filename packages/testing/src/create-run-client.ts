import { Inngest, type Logger, type OutgoingOp } from "inngest";
import { createFailSendsMiddleware, type FailSend } from "./create-fail-sends-middleware";
import type { LogEntry } from "./job-run";
import { currentRun } from "./run-scope";
import { deriveClient } from "./sdk-adapter";

/** What the run client reports back to the run in progress. */
export interface RunClientHooks {
  /** Called with the events of one `inngest.send` (what `step.sendEvent` does); returns their ids. */
  readonly onSend: (events: Record<string, unknown>[]) => string[];
  /** Called before each `step.sendEvent` attempt reaches the event API; an `Error` fails the attempt. */
  readonly failSend?: FailSend;
  /** Called when the SDK checkpoints completed steps (Inngest v4's default execution mode). */
  readonly onCheckpoint: (steps: readonly OutgoingOp[]) => Promise<void>;
  /** Called when the function reaches an Inngest API that a test cannot reach (realtime, signals). */
  readonly onUnsupportedApi: (method: string) => Error;
  /** Records one line written through `ctx.logger` (or by the SDK's logger middleware). */
  readonly onLog: (level: LogEntry["level"], args: readonly unknown[]) => void;
}

const levels = ["info", "warn", "error", "debug"] as const;

function hooksOrThrow(): RunClientHooks {
  const run = currentRun();
  if (!run) throw new Error("jobkit: a runJob client was used outside runJob");
  return run.hooks;
}

/**
 * The logger the SDK's logger middleware writes to: each line is recorded in the run in progress and
 * forwarded to `target`, the client's own logger (whose `child` and `flush` are kept, so the middleware
 * creates child loggers and flushes them exactly as it does in production).
 */
function recordingLogger(target: Logger): Logger {
  const logger: Record<string, unknown> = {};
  for (const level of levels) {
    logger[level] = (...args: unknown[]) => {
      currentRun()?.hooks.onLog(level, args);
      (target[level] as (...values: unknown[]) => void).apply(target, args);
    };
  }
  const source = target as Logger & { child?: (meta: unknown) => Logger; flush?: () => unknown };
  if (typeof source.child === "function") {
    logger.child = (meta: unknown) => recordingLogger((source.child as (meta: unknown) => Logger)(meta));
  }
  if (typeof source.flush === "function") logger.flush = () => (source.flush as () => unknown)();
  // The SDK skips flushing its own ConsoleLogger; a wrapper around one must not make it wait a tick instead.
  else if (target.constructor?.name === "ConsoleLogger") logger.flush = () => Promise.resolve();
  return logger as unknown as Logger;
}

/** A `fetch` that captures sent events instead of posting them, so no run ever reaches the network. */
const captureFetch = async (_url: unknown, init?: { body?: unknown }): Promise<Response> => {
  const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : [];
  const events = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
  const ids = hooksOrThrow().onSend(events);
  return new Response(JSON.stringify({ ids, status: 200 }), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
};

// Checkpoints go to the run in progress; anything else on the Inngest API (realtime, signals) needs the
// server, so it fails loudly instead of letting the SDK retry against a server that is not there.
const runApi = new Proxy(
  {
    checkpointStepsAsync: (args: { steps: readonly OutgoingOp[] }) => hooksOrThrow().onCheckpoint(args.steps),
  } as Record<string | symbol, unknown>,
  {
    get: (target, method) =>
      target[method] ?? (() => Promise.reject(hooksOrThrow().onUnsupportedApi(String(method)))),
  },
);

const failSendsMiddleware = createFailSendsMiddleware(() => currentRun()?.hooks.failSend);
const runClients = new WeakMap<Inngest.Any, Inngest.Any>();

/**
 * The client runJob runs a function on: a view of `base` (made once per client and kept, as a server keeps
 * its client) whose event API and Inngest API are the run in progress, whose logger lines are recorded
 * on their way to the client's logger, and whose sends can be failed on request.
 */
export function runClientFor(base: Inngest.Any): Inngest.Any {
  const known = runClients.get(base);
  if (known) return known;
  const derived = deriveClient(base, {
    fetch: captureFetch as typeof fetch,
    inngestApi: runApi,
    logger: recordingLogger(base.logger),
    middleware: [failSendsMiddleware],
  });
  runClients.set(base, derived);
  return derived;
}

/** runJob's own logger for definitions: writes nowhere (lines are recorded on the way) and has nothing to flush. */
const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  flush: () => Promise.resolve(),
} as Logger;

/**
 * The client a definition is registered on: definitions carry no client, so runJob makes one per
 * definition (id = the definition's id) whose logger writes nowhere but the run's record.
 */
export function definitionClient(id: string): Inngest.Any {
  return new Inngest({ id, isDev: true, logger: silent, aiMetadata: false } as ConstructorParameters<
    typeof Inngest
  >[0]);
}
