import { Inngest, type Logger, type Middleware, type OutgoingOp } from "inngest";
import { createFailSendsMiddleware, type FailSend } from "./create-fail-sends-middleware";

/** What the run client reports back to the runner. */
export interface RunClientHooks {
  /** Called with the events of one `inngest.send` (what `step.sendEvent` does); returns their ids. */
  readonly onSend: (events: Record<string, unknown>[]) => string[];
  /**
   * Called before each `step.sendEvent` attempt reaches the event API; an `Error` fails the attempt. Left out,
   * sends are never failed and no middleware is added.
   */
  readonly failSend?: FailSend;
  /** Called when the SDK checkpoints completed steps (Inngest v4's default execution mode). */
  readonly onCheckpoint: (steps: readonly OutgoingOp[]) => Promise<void>;
  /** Called when the function reaches an Inngest API that a test cannot reach (realtime, signals). */
  readonly onUnsupportedApi: (method: string) => Error;
  readonly logger: Logger;
}

type ClientOptions = ConstructorParameters<typeof Inngest>[0];

/**
 * A fresh client for one run: the same id and middleware as `base` (when given), a logger of our own, and a
 * `fetch` that captures sent events instead of posting them, so no run ever reaches the network.
 */
export function createRunClient(id: string, hooks: RunClientHooks, base?: Inngest.Any): Inngest.Any {
  // `options` is private on the client; it is the only place its middleware and settings are kept.
  const baseOptions = ((base as unknown as { options?: Partial<ClientOptions> } | undefined)?.options ??
    {}) as Partial<ClientOptions>;
  const captureFetch = async (_url: unknown, init?: { body?: unknown }): Promise<Response> => {
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : [];
    const events = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
    const ids = hooks.onSend(events);
    return new Response(JSON.stringify({ ids, status: 200 }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  const middleware: Middleware.Class[] = [
    ...(baseOptions.middleware ?? []),
    ...(hooks.failSend === undefined ? [] : [createFailSendsMiddleware(hooks.failSend)]),
  ];
  const client = new Inngest({
    ...baseOptions,
    middleware,
    id: base?.id ?? id,
    isDev: true,
    eventKey: "jobkit-testing",
    fetch: captureFetch as typeof fetch,
    logger: hooks.logger,
    aiMetadata: false,
  } as ClientOptions);
  // Checkpoints go to the runner; anything else on the Inngest API (realtime, signals) needs the server,
  // so it fails loudly instead of letting the SDK retry against a server that is not there.
  const api = new Proxy(
    {
      checkpointStepsAsync: (args: { steps: readonly OutgoingOp[] }) => hooks.onCheckpoint(args.steps),
    } as Record<string | symbol, unknown>,
    {
      get: (target, method) =>
        target[method] ?? (() => Promise.reject(hooks.onUnsupportedApi(String(method)))),
    },
  );
  Object.defineProperty(client, "inngestApi", { value: api });
  return client;
}
