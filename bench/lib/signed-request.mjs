// What Inngest's executor sends to `serve()` in cloud mode: canonical JSON bodies signed with the signing key.
// The same protocol the examples' tests use (examples/*/test/inngest-request.ts), in plain JS for the bench.
import { createHmac } from "node:crypto";

/** JSON with sorted keys and no whitespace: the canonical form (RFC 8785) the SDK verifies against. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `t=<unix seconds>&s=<hex HMAC-SHA256 of body + t>`, keyed with the signing key minus `signkey-<env>-`. */
export function inngestSignature(body, signingKey, now = new Date()) {
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${timestamp}&s=${createHmac("sha256", key)
    .update(body + timestamp)
    .digest("hex")}`;
}

/** The body of one executor call for `event`, with the steps (by hashed id) that already ran, in order. */
export function executorBody({ event, runId, steps = {}, stack = [] }) {
  return canonicalJson({
    event,
    events: [event],
    steps: Object.fromEntries(Object.entries(steps).map(([id, data]) => [id, { type: "data", data }])),
    version: 2,
    ctx: { run_id: runId, attempt: 0, use_api: false, stack: { stack, current: stack.length } },
  });
}

/** A test signing key (never a real one): the same on the server and the load generator. */
export const benchSigningKey = `signkey-test-${"5f".repeat(32)}`;
