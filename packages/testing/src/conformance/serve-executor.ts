/**
 * The other side of the differential conformance suite: a function served by the SDK's real `serve()`
 * handler (`inngest/node`) on 127.0.0.1 in cloud mode with a test signing key, driven by a small executor
 * loop that sends signed requests and follows the op codes the way Inngest's executor does. The same
 * loopback server stubs the event API (`/e/:key`) and the checkpoint API (`/v1/checkpoint/:run/async`).
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Inngest, type InngestFunction, internalEvents } from "inngest";
import { serve } from "inngest/node";

export const signingKey = `signkey-test-${"ab".repeat(32)}`;

/** JSON with sorted keys and no whitespace: the canonical form the SDK verifies signatures against. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function signature(body: string): string {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${timestamp}&s=${createHmac("sha256", key)
    .update(body + timestamp)
    .digest("hex")}`;
}

type Memo = { type: "data"; data: unknown } | { type: "error"; error: unknown };
interface Op {
  id: string;
  op: string;
  name?: string;
  data?: unknown;
  error?: unknown;
  opts?: { timeout?: string };
}

/** How a served run ended, and what the executor saw on the way. */
export interface ServedRun {
  readonly status: "completed" | "failed";
  readonly output: unknown;
  readonly error: { name: string; message: string } | undefined;
  readonly requests: number;
  readonly failedEvent: Record<string, unknown> | undefined;
}

type Pending =
  | { kind: "discover"; at: number; attempt: number; seq: number }
  | { kind: "run"; at: number; attempt: number; id: string; seq: number }
  | { kind: "resolve"; at: number; id: string; memo: Memo; seq: number };

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });

function durationMs(text: string | undefined): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text ?? "");
  if (!match) return 1000;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "ms"];
  return Number(match[1]) * unit;
}

/** One loopback server for a whole test file: serves each scenario's client under its own path. */
export class ServeExecutor {
  #server: Server | undefined;
  #handlers = new Map<string, ReturnType<typeof serve>>();
  #checkpoint: ((steps: Op[]) => void) | undefined;
  #sent: { name: string; data: unknown }[] = [];
  #scenario = 0;
  #sentCount = 0;
  origin = "";

  async start(): Promise<void> {
    this.#server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const parts = url.pathname.split("/");
      if (parts[1] === "api") {
        const handler = this.#handlers.get(parts[2] ?? "");
        if (handler) return handler(req, res);
      }
      const body = await readBody(req);
      res.setHeader("content-type", "application/json");
      if (parts[1] === "e") {
        const events = JSON.parse(body) as { name: string; data: unknown }[];
        this.#sent.push(...events.map(({ name, data }) => ({ name, data })));
        // Ids as runJob numbers the events of a run, so outputs that carry them compare.
        res.end(JSON.stringify({ ids: events.map(() => `evt-sent-${this.#sentCount++}`), status: 200 }));
        return;
      }
      if (parts[1] === "v1" && parts[2] === "checkpoint") {
        this.#checkpoint?.((JSON.parse(body) as { steps: Op[] }).steps);
        res.end("{}");
        return;
      }
      res.statusCode = 404;
      res.end("{}");
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Client options that point a client at this server, in cloud mode with the test signing key. */
  clientOptions(): { isDev: false; signingKey: string; eventKey: string; baseUrl: string } {
    return { isDev: false, signingKey, eventKey: "test-event-key", baseUrl: this.origin };
  }

  /** Events the stub event API received since the last call. */
  takeSent(): { name: string; data: unknown }[] {
    this.#sentCount = 0;
    return this.#sent.splice(0);
  }

  /** Serves `fn` on `client` and runs it to the end for `event`. */
  async run(
    client: Inngest.Any,
    fn: InngestFunction.Any,
    event: { name: string; data: unknown },
  ): Promise<ServedRun> {
    const key = `s${++this.#scenario}`;
    this.#handlers.set(
      key,
      serve({ client, functions: [fn], serveOrigin: this.origin, servePath: `/api/${key}` }),
    );
    const trigger = { id: "01JCONFORMANCE0000000000000", ts: Date.UTC(2026, 0, 1), ...event };
    const slug = fn.id(client.id);
    const maxAttempts = (fn.opts.retries ?? 3) + 1;
    const main = await this.#drive(key, slug, trigger, maxAttempts, "run-conformance");
    let failedEvent: Record<string, unknown> | undefined;
    if (main.status === "failed") {
      failedEvent = {
        name: internalEvents.FunctionFailed,
        data: { function_id: slug, run_id: "run-conformance", error: main.rawError, event: trigger },
      };
      if (fn.opts.onFailure) {
        const failure = {
          id: "01JCONFORMANCEFAILED0000000",
          ts: Date.UTC(2026, 0, 1),
          ...failedEvent,
        } as typeof trigger;
        await this.#drive(key, `${slug}-failure`, failure, 2, "run-conformance-failure");
      }
    }
    this.#handlers.delete(key);
    return { ...main, failedEvent };
  }

  async #drive(
    key: string,
    slug: string,
    event: { name: string; data: unknown },
    maxAttempts: number,
    runId: string,
  ) {
    const steps: Record<string, Memo> = {};
    const stack: string[] = [];
    const pending: Pending[] = [];
    let seq = 0;
    let now = 0;
    let parallel = false;
    let requests = 0;
    const known = new Set<string>();
    const memoize = (id: string, memo: Memo) => {
      if (id in steps) return;
      steps[id] = memo;
      stack.push(id);
      known.add(id);
    };
    const removePending = (id: string) => {
      for (let index = pending.length - 1; index >= 0; index--) {
        const item = pending[index];
        if (item && item.kind !== "discover" && item.id === id) pending.splice(index, 1);
      }
    };
    const discoverWhenDrained = () => {
      if (pending.some((item) => item.kind !== "discover")) return;
      parallel = false;
      if (!pending.some((item) => item.kind === "discover" && item.at === now)) {
        pending.push({ kind: "discover", at: now, attempt: 0, seq: seq++ });
      }
    };
    this.#checkpoint = (ops) => {
      for (const op of ops)
        if (op.op === "StepRun" || op.op === "Step") memoize(op.id, { type: "data", data: op.data ?? null });
    };
    pending.push({ kind: "discover", at: 0, attempt: 0, seq: seq++ });
    for (let guard = 0; guard < 5000; guard++) {
      pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = pending.shift();
      if (!next) throw new Error("the served run stopped with nothing left to do");
      now = Math.max(now, next.at);
      if (next.kind === "resolve") {
        memoize(next.id, next.memo);
        discoverWhenDrained();
        continue;
      }
      const stepId = next.kind === "run" ? next.id : "step";
      const disable = parallel && next.kind === "discover";
      const body = {
        event,
        events: [event],
        steps,
        ctx: {
          run_id: runId,
          attempt: next.attempt,
          fn_id: `${runId}-fn`,
          qi_id: `${runId}-queue-item`,
          disable_immediate_execution: disable,
          max_attempts: maxAttempts,
          stack: { stack, current: stack.length },
        },
        version: 2,
        use_api: false,
      };
      const text = canonicalJson(body);
      requests++;
      const response = await fetch(
        `${this.origin}/api/${key}?fnId=${encodeURIComponent(slug)}&stepId=${encodeURIComponent(stepId)}`,
        {
          method: "POST",
          body: text,
          headers: {
            "content-type": "application/json",
            "x-inngest-signature": signature(text),
            "x-request-id": `${runId}-request-${requests}`,
            "x-inngest-job-id": `${runId}-job`,
          },
        },
      );
      const result = (await response.json()) as unknown;
      if (response.status === 200)
        return {
          status: "completed" as const,
          output: result,
          error: undefined,
          rawError: undefined,
          requests,
        };
      if (response.status !== 206) {
        const raw = result as { name: string; message: string };
        const final =
          response.headers.get("x-inngest-no-retry") === "true" || next.attempt + 1 >= maxAttempts;
        if (final) {
          return {
            status: "failed" as const,
            output: undefined,
            error: { name: raw.name, message: raw.message },
            rawError: raw,
            requests,
          };
        }
        if (next.kind === "run")
          pending.push({ kind: "run", at: now + 1000, attempt: next.attempt + 1, id: next.id, seq: seq++ });
        else pending.push({ kind: "discover", at: now + 1000, attempt: next.attempt + 1, seq: seq++ });
        continue;
      }
      const ops = result as Op[];
      const fresh = ops.filter((op) => op.op !== "RunComplete" && op.op !== "StepRun" && !known.has(op.id));
      if (fresh.length > 1) parallel = true;
      for (const op of ops) {
        if (op.op === "RunComplete")
          return {
            status: "completed" as const,
            output: op.data ?? null,
            error: undefined,
            rawError: undefined,
            requests,
          };
        if (op.op === "StepRun" || op.op === "Step") {
          // A lone StepRun is a step that ran in this request; beside other ops it is a checkpoint flush.
          const ran = ops.length === 1;
          memoize(op.id, { type: "data", data: op.data ?? null });
          removePending(op.id);
          if (ran) discoverWhenDrained();
        } else if (op.op === "StepFailed") {
          memoize(op.id, { type: "error", error: op.error });
          removePending(op.id);
          discoverWhenDrained();
        } else if (op.op === "StepError") {
          removePending(op.id);
          pending.push({ kind: "run", at: now + 1000, attempt: next.attempt + 1, id: op.id, seq: seq++ });
        } else if (known.has(op.id)) {
          // already planned or waiting
        } else if (op.op === "StepPlanned") {
          known.add(op.id);
          pending.push({ kind: "run", at: now, attempt: 0, id: op.id, seq: seq++ });
        } else if (op.op === "Sleep") {
          known.add(op.id);
          pending.push({
            kind: "resolve",
            at: now + durationMs(op.name),
            id: op.id,
            memo: { type: "data", data: null },
            seq: seq++,
          });
        } else if (op.op === "WaitForEvent") {
          known.add(op.id);
          pending.push({
            kind: "resolve",
            at: now + durationMs(op.opts?.timeout),
            id: op.id,
            memo: { type: "data", data: null },
            seq: seq++,
          });
        } else {
          throw new Error(`the conformance executor cannot follow op ${op.op}`);
        }
      }
    }
    throw new Error("the served run did not end after 5000 requests");
  }
}
