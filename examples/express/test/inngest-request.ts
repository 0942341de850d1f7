import { createHmac } from "node:crypto";

// What Inngest sends to `serve()`, for tests that call the endpoint without an Inngest server. Kept
// identical in every example; the protocol is the SDK's (`helpers/net.js`, `InngestCommHandler.js`).

/** JSON with sorted keys and no whitespace: the canonical form (RFC 8785) the SDK verifies against. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The `X-Inngest-Signature` value: `t=<unix seconds>&s=<hex HMAC-SHA256 of body + t>`, keyed with the
 * signing key minus its `signkey-<env>-` prefix.
 */
export function inngestSignature(body: string, signingKey: string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${timestamp}&s=${createHmac("sha256", key)
    .update(body + timestamp)
    .digest("hex")}`;
}

/** A request signed the way Inngest signs it; without a body (GET) the empty string is signed. */
export function signedInit(
  method: "GET" | "POST" | "PUT",
  signingKey: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  const text = body === undefined ? "" : canonicalJson(body);
  return {
    method,
    headers: {
      "content-type": "application/json",
      "x-inngest-signature": inngestSignature(text, signingKey),
      ...headers,
    },
    ...(body === undefined ? {} : { body: text }),
  };
}

/** The body of a call that runs a function for `event`, with the results of steps that already ran. */
export function runBody(event: { name: string; data: unknown }, steps: Record<string, unknown> = {}) {
  const received = { id: "01JTESTEVENT0000000000000", ts: Date.UTC(2025, 0, 6, 9), ...event };
  return {
    event: received,
    events: [received],
    steps: Object.fromEntries(Object.entries(steps).map(([id, data]) => [id, { type: "data", data }])),
    version: 2,
    ctx: {
      run_id: "01JTESTRUN00000000000000000",
      attempt: 0,
      use_api: false,
      stack: { stack: [], current: 0 },
    },
  };
}

/** A step the SDK reports back: one that ran (with its data) or one it plans, such as a sleep. */
interface ReportedOp {
  readonly id: string;
  readonly op: string;
  readonly name: string;
  readonly data?: unknown;
}

/** How a run ended: the final response's status, `X-Inngest-No-Retry`, body, and every op on the way. */
export interface RunOutcome {
  readonly status: number;
  readonly noRetry: string | null;
  readonly result: unknown;
  readonly ops: readonly { readonly op: string; readonly name: string }[];
}

/**
 * Runs a function to the end the way Inngest's executor does: signed calls, each with the results of the
 * steps reported so far (a sleep's result is `null`), until the endpoint stops answering 206.
 */
export async function runToEnd(
  post: (init: RequestInit) => Promise<Response>,
  signingKey: string,
  event: { name: string; data: unknown },
): Promise<RunOutcome> {
  const steps: Record<string, unknown> = {};
  const ops: { op: string; name: string }[] = [];
  for (let call = 0; call < 20; call += 1) {
    const response = await post(signedInit("POST", signingKey, runBody(event, steps)));
    if (response.status !== 206) {
      const noRetry = response.headers.get("x-inngest-no-retry");
      return { status: response.status, noRetry, result: await response.json(), ops };
    }
    for (const { id, op, name, data } of (await response.json()) as ReportedOp[]) {
      ops.push({ op, name });
      steps[id] = data ?? null;
    }
  }
  throw new Error(`the run did not end after 20 calls: ${ops.map(({ op }) => op).join(", ")}`);
}
