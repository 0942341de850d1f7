import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hashSigningKey } from "../client-config";
import type { RunStatus } from "../function-run";
import { newUlid } from "./new-ulid";

/**
 * The options of {@link startRunsApiStandIn}.
 *
 * @example A stand-in that only accepts the fallback key and caches event runs for 200 ms
 * ```ts
 * import type { RunsApiStandInOptions } from "@jobkit/runs/testing";
 *
 * export const options: RunsApiStandInOptions = {
 *   signingKeys: ["signkey-test-00ff"],
 *   cacheMs: { eventRuns: 200 },
 * };
 * ```
 */
export interface RunsApiStandInOptions {
  /** Raw signing keys it accepts, compared hashed like Inngest; none: every request is accepted (the dev server). */
  readonly signingKeys?: readonly string[];
  /** How long answers are cached per URL and key: event runs 15 s and a run 3 s by default, as the server does. */
  readonly cacheMs?: { readonly eventRuns?: number; readonly run?: number };
  /** Called for each event sent to `POST /e/{key}`, with the id it was given: start runs for it here. */
  readonly onEvent?: (event: StandInEvent, eventId: string) => void | Promise<void>;
}

/**
 * An event the stand-in received on its Event API route.
 *
 * @example Start a run for each report request
 * ```ts
 * import type { StandInEvent } from "@jobkit/runs/testing";
 *
 * export const isReport = (event: StandInEvent) => event.name === "report/requested";
 * ```
 */
export interface StandInEvent {
  readonly name: string;
  readonly data: unknown;
}

/**
 * A run the stand-in holds, as a test writes it.
 *
 * @example A completed run of the report job
 * ```ts
 * import type { StandInRun } from "@jobkit/runs/testing";
 *
 * export const run: StandInRun = {
 *   eventId: "01HWAVEB858VPPX47Z65GR6P6R",
 *   functionSlug: "shop-build-report",
 *   status: "Completed",
 *   output: { rows: 3 },
 * };
 * ```
 */
export interface StandInRun {
  readonly eventId: string;
  readonly functionSlug: string;
  readonly status?: RunStatus;
  readonly output?: unknown;
  readonly startedAt?: Date;
  readonly endedAt?: Date | null;
}

/**
 * A request the stand-in answered.
 *
 * @example Count the polls of one event
 * ```ts
 * import type { StandInRequest } from "@jobkit/runs/testing";
 *
 * export const polls = (requests: readonly StandInRequest[], eventId: string) =>
 *   requests.filter((request) => request.path === `/v1/events/${eventId}/runs`).length;
 * ```
 */
export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  /** The `Authorization` header as received (hashed keys only ever travel). */
  readonly authorization: string | undefined;
  readonly body: unknown;
  readonly status: number;
  /** Whether the answer came from the response cache. */
  readonly cached: boolean;
}

/**
 * A loopback stand-in for Inngest's REST API v1 and Event API, answering the shapes of the open-source server.
 *
 * @example Hold a run and read it back
 * ```ts
 * import { createRunsClient } from "@jobkit/runs";
 * import { startRunsApiStandIn } from "@jobkit/runs/testing";
 *
 * const api = await startRunsApiStandIn();
 * api.addFunction("shop-build-report");
 * const runId = api.addRun({ eventId: "01HWAVEB858VPPX47Z65GR6P6R", functionSlug: "shop-build-report", status: "Completed", output: { rows: 3 } });
 * const runs = createRunsClient({ baseUrl: api.url, isDev: true, appId: "shop" });
 * console.log((await runs.getRun(runId)).status); // "Completed"
 * await api.close();
 * ```
 */
export interface RunsApiStandIn {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: readonly StandInRequest[];
  /** The cancellations created through `POST /v1/cancellations`, as the API returned them. */
  readonly cancellations: readonly Record<string, unknown>[];
  /** Syncs a function (slug `<app>-<fn>`) and returns its internal UUID. */
  addFunction(slug: string): string;
  /** Adds a run (its function is synced if it is not yet) and returns its run id. */
  addRun(run: StandInRun): string;
  /** Changes a run, e.g. to complete it; cached answers still show the old state until they expire. */
  updateRun(runId: string, change: Partial<Omit<StandInRun, "eventId" | "functionSlug">>): void;
  /** Answers the next `count` requests (on `path` when given) with `status`, and `Retry-After` when given. */
  failNext(failure: { status: number; count?: number; retryAfter?: string; path?: string }): void;
  close(): Promise<void>;
}

interface HeldRun {
  runId: string;
  eventId: string;
  functionId: string;
  status: RunStatus;
  output: unknown;
  startedAt: Date;
  endedAt: Date | null;
}

const finished = new Set<RunStatus>(["Completed", "Failed", "Cancelled", "Overflowed", "Skipped"]);
const ulidPattern = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/**
 * Starts the stand-in on 127.0.0.1 and a port the OS picks. It answers `GET /v1/events/{id}/runs`,
 * `GET /v1/runs/{id}` (500 for an unknown run, like the open-source server), `GET /v1/apps/{app}/functions`
 * (a bare list), `POST /v1/cancellations` (with the server's validation) and `POST /e/{key}`, with the
 * `{ data, metadata }` envelope, the response cache per URL and key, 401 for a key it does not accept, and
 * scripted failures.
 *
 * @example Test a status page without Inngest
 * ```ts
 * import { createRunsClient } from "@jobkit/runs";
 * import { startRunsApiStandIn } from "@jobkit/runs/testing";
 *
 * const api = await startRunsApiStandIn({ signingKeys: ["signkey-test-00ff"] });
 * const eventId = "01HWAVEB858VPPX47Z65GR6P6R";
 * api.addRun({ eventId, functionSlug: "shop-build-report", status: "Running" });
 * const runs = createRunsClient({ baseUrl: api.url, signingKey: "signkey-test-00ff", isDev: false });
 * console.log((await runs.runsForEvent(eventId))[0]?.status); // "Running"
 * await api.close();
 * ```
 */
export async function startRunsApiStandIn(options: RunsApiStandInOptions = {}): Promise<RunsApiStandIn> {
  const accepted = new Set((options.signingKeys ?? []).map((key) => `Bearer ${hashSigningKey(key)}`));
  const cacheMs = { eventRuns: options.cacheMs?.eventRuns ?? 15_000, run: options.cacheMs?.run ?? 3_000 };
  const functions = new Map<string, string>();
  const runs = new Map<string, HeldRun>();
  const cache = new Map<string, { body: string; cacheControl: string; until: number }>();
  const requests: StandInRequest[] = [];
  const cancellations: Record<string, unknown>[] = [];
  const failures: { status: number; count: number; retryAfter?: string; path?: string }[] = [];

  const addFunction = (slug: string) => {
    const known = functions.get(slug);
    if (known !== undefined) return known;
    const id = randomUUID();
    functions.set(slug, id);
    return id;
  };
  const addRun = (run: StandInRun) => {
    const runId = newUlid();
    const status = run.status ?? "Running";
    runs.set(runId, {
      runId,
      eventId: run.eventId,
      functionId: addFunction(run.functionSlug),
      status,
      output: run.output ?? null,
      startedAt: run.startedAt ?? new Date(),
      endedAt: run.endedAt !== undefined ? run.endedAt : finished.has(status) ? new Date() : null,
    });
    return runId;
  };
  const toApi = (run: HeldRun) => ({
    run_id: run.runId,
    run_started_at: run.startedAt.toISOString(),
    function_id: run.functionId,
    function_version: 1,
    environment_id: "00000000-0000-0000-0000-000000000000",
    event_id: run.eventId,
    status: run.status,
    ended_at: run.endedAt?.toISOString() ?? null,
    ...(run.output === null ? {} : { output: run.output }),
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    const method = request.method ?? "GET";
    const authorization = request.headers.authorization;
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const record = (status: number, cached = false) =>
      requests.push({ method, path, authorization, body, status, cached });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record(status);
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(payload));
    };
    const fail = (status: number, message: string) => send(status, { error: message, status });

    const failure = failures.find((entry) => entry.path === undefined || entry.path === path);
    if (failure !== undefined) {
      failure.count -= 1;
      if (failure.count <= 0) failures.splice(failures.indexOf(failure), 1);
      return send(
        failure.status,
        { error: `stand-in failure ${failure.status}`, status: failure.status },
        failure.retryAfter === undefined ? {} : { "retry-after": failure.retryAfter },
      );
    }
    // The Event API: answers like inngest's `POST /e/{key}`, ids in the order of the events.
    const eventRoute = /^\/e\/[^/]+$/.exec(path);
    if (eventRoute !== null && method === "POST") {
      const events = (Array.isArray(body) ? body : [body]) as StandInEvent[];
      const ids = events.map(() => newUlid());
      for (const [index, event] of events.entries()) await options.onEvent?.(event, ids[index] as string);
      return send(200, { ids, status: 200 });
    }
    if (accepted.size > 0 && (authorization === undefined || !accepted.has(authorization))) {
      return fail(401, "No auth found");
    }
    // The response cache of pkg/api/apiv1/cache.go: GET only, keyed by URL and Authorization.
    const key = createHash("sha256")
      .update(`${url.pathname}${url.search}${authorization ?? ""}`)
      .digest("hex");
    const hit = method === "GET" ? cache.get(key) : undefined;
    if (hit !== undefined && hit.until > Date.now()) {
      record(200, true);
      response.writeHead(200, { "content-type": "application/json", "cache-control": hit.cacheControl });
      return response.end(hit.body);
    }
    const cached = (data: unknown, ms: number) => {
      const fetchedAt = new Date();
      const payload = JSON.stringify({
        data,
        metadata: {
          fetched_at: fetchedAt.toISOString(),
          cached_until: new Date(fetchedAt.getTime() + ms).toISOString(),
        },
      });
      const cacheControl = `private, max-age=${Math.max(1, Math.round(ms / 1000))}`;
      cache.set(key, { body: payload, cacheControl, until: fetchedAt.getTime() + ms });
      record(200);
      response.writeHead(200, { "content-type": "application/json", "cache-control": cacheControl });
      response.end(payload);
    };

    const eventRuns = /^\/v1\/events\/([^/]+)\/runs$/.exec(path);
    if (eventRuns !== null && method === "GET") {
      const eventId = eventRuns[1] as string;
      if (!ulidPattern.test(eventId)) return fail(400, `Invalid event ID: ${eventId}`);
      return cached(
        [...runs.values()].filter((run) => run.eventId === eventId).map(toApi),
        cacheMs.eventRuns,
      );
    }
    const oneRun = /^\/v1\/runs\/([^/]+)$/.exec(path);
    if (oneRun !== null && method === "GET") {
      const runId = oneRun[1] as string;
      if (!ulidPattern.test(runId)) return fail(400, `Invalid run ID: ${runId}`);
      const run = runs.get(runId);
      if (run === undefined) return fail(500, `Unable to load function run: ${runId}`);
      return cached(toApi(run), cacheMs.run);
    }
    const appFunctions = /^\/v1\/apps\/([^/]+)\/functions$/.exec(path);
    if (appFunctions !== null && method === "GET") {
      const list = [...functions].map(([slug, id]) => ({
        internal_id: id,
        env_id: "00000000-0000-0000-0000-000000000000",
        app_id: "00000000-0000-0000-0000-000000000001",
        id: slug,
        name: slug,
        config: "{}",
      }));
      return send(200, list);
    }
    if (path === "/v1/cancellations" && method === "POST") {
      return createCancellation(
        body as Record<string, unknown> | undefined,
        functions,
        cancellations,
        send,
        fail,
      );
    }
    return fail(404, `no route ${method} ${path} in the stand-in`);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: String(error), status: 500 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cancellations,
    addFunction,
    addRun,
    updateRun(runId, change) {
      const run = runs.get(runId);
      if (run === undefined) throw new Error(`stand-in: no run ${runId}`);
      if (change.status !== undefined) {
        run.status = change.status;
        if (finished.has(change.status) && change.endedAt === undefined) run.endedAt = new Date();
      }
      if (change.output !== undefined) run.output = change.output;
      if (change.startedAt !== undefined) run.startedAt = change.startedAt;
      if (change.endedAt !== undefined) run.endedAt = change.endedAt;
    },
    failNext({ status, count = 1, retryAfter, path }) {
      failures.push({
        status,
        count,
        ...(retryAfter === undefined ? {} : { retryAfter }),
        ...(path === undefined ? {} : { path }),
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** `POST /v1/cancellations` with the checks of `CreateCancellationBody.Validate` (pkg/api/apiv1/cancellation.go). */
function createCancellation(
  body: Record<string, unknown> | undefined,
  functions: ReadonlyMap<string, string>,
  cancellations: Record<string, unknown>[],
  send: (status: number, payload: unknown) => void,
  fail: (status: number, message: string) => void,
): void {
  const problems: string[] = [];
  const before = typeof body?.started_before === "string" ? Date.parse(body.started_before) : Number.NaN;
  if (typeof body?.app_id !== "string" || body.app_id === "") problems.push("app_id is required");
  if (typeof body?.function_id !== "string" || body.function_id === "")
    problems.push("function_id is required");
  if (Number.isNaN(before)) problems.push("started_before is required");
  else if (before > Date.now() + 5_000) problems.push("started_before must be in the past");
  if (typeof body?.started_after === "string" && Date.parse(body.started_after) > before) {
    problems.push("started_after must be before started_before");
  }
  if (problems.length > 0) {
    fail(400, problems.join("\n"));
    return;
  }
  const slug = body?.function_id as string;
  const internalId = functions.get(slug);
  if (internalId === undefined) {
    fail(404, "function not found");
    return;
  }
  const cancellation = {
    created_at: new Date().toISOString(),
    name: null,
    id: newUlid(),
    account_id: "00000000-0000-0000-0000-000000000000",
    environment_id: "00000000-0000-0000-0000-000000000000",
    app_id: "00000000-0000-0000-0000-000000000001",
    function_internal_id: internalId,
    function_id: slug,
    started_after: body?.started_after ?? null,
    started_before: body?.started_before,
    ...(typeof body?.if === "string" ? { if: body.if } : {}),
    kind: "bulk_run",
    cause: "api",
    queue_name: null,
  };
  cancellations.push(cancellation);
  send(200, { data: cancellation, metadata: { fetched_at: new Date().toISOString() } });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
