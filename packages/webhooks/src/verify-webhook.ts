import { timingSafeEqual } from "node:crypto";
import { type Duration, parseDuration } from "@jobkit/functions";
import { checkKnownOptions, configFailure, describeValue } from "@jobkit/functions/internal";
import { computeSignature } from "./compute-signature";
import { decodeWebhookSecrets } from "./decode-webhook-secret";
import { webhookDefaults } from "./webhook-defaults";
import { invalidInput, WebhookError } from "./webhook-error";

/**
 * Request headers as frameworks hand them over: a fetch `Headers` or Node's `req.headers`.
 *
 * @example One verifier for fetch and Node.js handlers
 * ```ts
 * import type { IncomingHttpHeaders } from "node:http";
 * import { verifyWebhook, type WebhookHeaders } from "@jobkit/webhooks";
 *
 * function verify(headers: WebhookHeaders, body: string) {
 *   return verifyWebhook(process.env.ACME_WEBHOOK_SECRET ?? "", headers, body);
 * }
 * export const fromFetch = async (request: Request) => verify(request.headers, await request.text());
 * export const fromNode = (headers: IncomingHttpHeaders, body: string) => verify(headers, body);
 * ```
 */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A schema with a `parse` method, such as a zod schema, that types and checks the payload.
 *
 * @example Check a payload without zod
 * ```ts
 * import { type PayloadSchema, verifyWebhook } from "@jobkit/webhooks";
 *
 * const ping: PayloadSchema<{ type: "ping" }> = {
 *   parse: (value) => {
 *     if ((value as { type?: unknown } | null)?.type !== "ping") throw new Error("not a ping");
 *     return { type: "ping" };
 *   },
 * };
 * export const verifyPing = (secret: string, headers: Record<string, string>, body: string) =>
 *   verifyWebhook(secret, headers, body, { schema: ping });
 * ```
 */
export interface PayloadSchema<TPayload = unknown> {
  parse(value: unknown): TPayload;
}

/**
 * The payload type a {@link PayloadSchema} produces.
 *
 * @example Type a handler by the payload schema
 * ```ts
 * import { z } from "zod";
 * import type { PayloadOf } from "@jobkit/webhooks";
 *
 * const invoicePaid = z.object({
 *   type: z.literal("invoice.paid"),
 *   data: z.object({ invoiceId: z.string() }),
 * });
 *
 * // Takes exactly what verifyWebhook(…, { schema: invoicePaid }) returns as payload.
 * export function onInvoicePaid(payload: PayloadOf<typeof invoicePaid>): string {
 *   return payload.data.invoiceId;
 * }
 * ```
 */
export type PayloadOf<TSchema> = TSchema extends PayloadSchema<infer TPayload> ? TPayload : unknown;

/**
 * Options of {@link verifyWebhook}.
 */
export interface VerifyWebhookOptions<TSchema extends PayloadSchema = PayloadSchema> {
  /**
   * How far `webhook-timestamp` may be from now, either way, in whole seconds; default `"5m"` (a number is
   * milliseconds, a multiple of 1000).
   */
  readonly tolerance?: Duration | number;
  /** The current time, for tests: a valid `Date` or epoch milliseconds; defaults to the clock. */
  readonly now?: Date | number;
  /** Checks and types the payload after the signature matched, e.g. a zod schema. */
  readonly schema?: TSchema;
}

/**
 * A request that passed {@link verifyWebhook}.
 *
 * @example Process each message once
 * ```ts
 * import type { VerifiedWebhook } from "@jobkit/webhooks";
 *
 * const processed = new Set<string>();
 *
 * // Senders retry with the same id.
 * export function isDuplicate(webhook: VerifiedWebhook): boolean {
 *   if (processed.has(webhook.id)) return true;
 *   processed.add(webhook.id);
 *   return false;
 * }
 * ```
 */
export interface VerifiedWebhook<TPayload = unknown> {
  /** `webhook-id`: the same on every retry; use it to process each message once. */
  readonly id: string;
  /** `webhook-timestamp`: when this attempt was signed. */
  readonly timestamp: Date;
  /** The JSON body, parsed (and checked by `schema` when given); `undefined` for an empty body. */
  readonly payload: TPayload;
}

type HeaderRecord = Readonly<Record<string, unknown>>;

const headerValueExpected =
  "a string, a list of strings or nothing, as fetch Headers and Node's req.headers give";

function headerOf(headers: WebhookHeaders, name: SignatureHeader): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") {
    const value: unknown = (headers as { get(name: string): unknown }).get(name);
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "string")
      invalidInput(`headers.get("${name}")`, describeValue(value), headerValueExpected);
    return value;
  }
  const record = headers as HeaderRecord;
  let key: string | undefined = Object.hasOwn(record, name) ? name : undefined;
  key ??= Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value === undefined || typeof value === "string") return value;
  if (Array.isArray(value) && value.every((part) => typeof part === "string")) return value.join(" ");
  return invalidInput(`headers["${name}"]`, describeValue(value), headerValueExpected);
}

type SignatureHeader = "webhook-id" | "webhook-timestamp" | "webhook-signature";

function requireHeader(headers: WebhookHeaders, name: SignatureHeader): string {
  const value = headerOf(headers, name);
  // Like the reference library: an empty header counts as missing, and the value is used as sent.
  if (value === undefined || value === "") {
    throw new WebhookError({
      code: "verification-failed",
      reason: "missing-header",
      header: name,
      received: "no such header",
      expected:
        "the webhook-id, webhook-timestamp and webhook-signature headers of a Standard Webhooks request",
    });
  }
  return value;
}

function rawBody(body: unknown): Uint8Array {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return invalidInput(
    "body",
    describeValue(body),
    'the raw request body as a string or bytes, before JSON parsing, e.g. express.raw({ type: "application/json" })',
  );
}

function toleranceSeconds(tolerance: VerifyWebhookOptions["tolerance"]): number {
  if (tolerance === undefined) return webhookDefaults.toleranceMs / 1000;
  const ms = parseDuration(tolerance, { functionId: undefined, path: "tolerance", minMs: 1000 });
  if (ms % 1000 !== 0) {
    configFailure(undefined)(
      "tolerance",
      tolerance,
      "whole seconds: the timestamp header has no finer unit",
      {
        example: '"5m"',
      },
    );
  }
  return ms / 1000;
}

function nowMs(now: unknown): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : typeof now === "number" ? now : Number.NaN;
  // A clock that is not a number would make every timestamp "within tolerance": refuse it instead.
  if (!Number.isFinite(ms)) {
    invalidInput(
      "options.now",
      now instanceof Date ? "an invalid Date" : describeValue(now),
      "a valid Date or epoch milliseconds, or nothing for the clock",
    );
  }
  return ms;
}

/** Constant-time equality of two strings' UTF-8 bytes; unequal lengths differ at once, as in the reference. */
function sameText(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a Standard Webhooks request for a receiver exactly as the reference `standardwebhooks` library
 * does: the three `webhook-*` headers, a `webhook-timestamp` within `tolerance` (whole seconds) of now
 * either way, against replays, and a `webhook-signature` entry that is, character for character,
 * `v1,` + the padded standard base64 of the HMAC made with one of `secret` (pass several during a
 * rotation), compared in constant time. Returns the id, timestamp and parsed JSON payload (`undefined` for
 * an empty body); throws a {@link WebhookError}: `verification-failed` for a request to refuse (4xx),
 * `invalid-secret` or `invalid-input` for the receiver's own mistake (5xx).
 *
 * @example A Node.js route that reads the raw body
 * ```ts
 * import { createServer } from "node:http";
 * import { verifyWebhook, WebhookError } from "@jobkit/webhooks";
 *
 * createServer((req, res) => {
 *   const chunks: Buffer[] = [];
 *   req.on("data", (chunk: Buffer) => chunks.push(chunk));
 *   req.on("end", () => {
 *     try {
 *       const webhook = verifyWebhook(process.env.ACME_WEBHOOK_SECRET ?? "", req.headers, Buffer.concat(chunks));
 *       console.log(webhook.id, webhook.payload); // process each webhook.id once
 *       res.writeHead(204).end();
 *     } catch (error) {
 *       const refused = error instanceof WebhookError && error.code === "verification-failed";
 *       res.writeHead(refused ? 400 : 500).end();
 *     }
 *   });
 * }).listen(3000);
 * ```
 */
export function verifyWebhook<TSchema extends PayloadSchema = PayloadSchema<unknown>>(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions<TSchema> = {},
): VerifiedWebhook<PayloadOf<TSchema>> {
  if (typeof options !== "object" || options === null) {
    invalidInput(
      "options",
      describeValue(options),
      "an options object { tolerance?, now?, schema? } or nothing",
    );
  }
  checkKnownOptions(undefined, options, ["tolerance", "now", "schema"], "options");
  const keys = decodeWebhookSecrets(secret, "secret");
  const tolerance = toleranceSeconds(options.tolerance);
  const now = Math.floor(nowMs(options.now) / 1000);
  if (options.schema !== undefined && typeof options.schema?.parse !== "function") {
    invalidInput(
      "options.schema",
      describeValue(options.schema),
      "a schema with a parse method, e.g. a zod schema",
    );
  }
  const bytes = rawBody(body);
  if (typeof headers !== "object" || headers === null) {
    invalidInput(
      "headers",
      describeValue(headers),
      "the request headers: fetch Headers or Node's req.headers",
    );
  }
  const id = requireHeader(headers, "webhook-id");
  const timestampText = requireHeader(headers, "webhook-timestamp");
  const signatureText = requireHeader(headers, "webhook-signature");
  if (!/^\d{1,15}$/.test(timestampText)) {
    throw new WebhookError({
      code: "verification-failed",
      reason: "invalid-timestamp",
      header: "webhook-timestamp",
      received: `${timestampText.length} characters that are not whole seconds`,
      expected: "Unix seconds, e.g. 1767225600",
    });
  }
  const sentAt = Number(timestampText);
  if (now - sentAt > tolerance || sentAt > now + tolerance) {
    const old = sentAt < now;
    throw new WebhookError({
      code: "verification-failed",
      reason: old ? "timestamp-too-old" : "timestamp-in-future",
      header: "webhook-timestamp",
      received: `signed ${Math.abs(now - sentAt)} s ${old ? "ago" : "ahead of this clock"}`,
      expected: `within ${tolerance} s of now; check both clocks, or this may be a replay`,
    });
  }
  // The signed content uses the number the header holds, as the reference does ("017…" signs as "17…").
  const expected = keys.map((key) =>
    Buffer.from(`v1,${computeSignature(key, id, String(sentAt), bytes).toString("base64")}`, "latin1"),
  );
  const entries = signatureText.split(" ");
  // Compare every entry with every expected signature so the time taken does not tell which one matched;
  // an entry of another length differs at once, as in the reference.
  let matched = false;
  for (const entry of entries) {
    if (entry.length !== (expected[0] as Buffer).length) continue;
    const candidate = Buffer.from(entry, "utf8");
    for (const signature of expected) {
      if (sameText(candidate, signature)) matched = true;
    }
  }
  if (!matched) {
    const versioned = entries.filter((entry) => entry.startsWith("v1,")).length;
    throw new WebhookError({
      code: "verification-failed",
      reason: "invalid-signature",
      header: "webhook-signature",
      received:
        versioned === 0
          ? 'no "v1," signature'
          : `${versioned} v1 signature(s), none made with the ${keys.length} secret(s) given`,
      expected:
        "a signature by the endpoint's secret over the exact raw body; check the secret, and that the body was not parsed and re-serialised",
    });
  }
  let payload: unknown;
  // A signed empty body is valid and has no payload, as in the reference library.
  if (bytes.length > 0) {
    try {
      payload = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
    } catch (error) {
      throw new WebhookError(
        {
          code: "verification-failed",
          reason: "invalid-json",
          received: `a body of ${bytes.length} bytes that is not JSON`,
          expected: "a JSON body",
        },
        { cause: error },
      );
    }
  }
  if (options.schema !== undefined) {
    try {
      payload = options.schema.parse(payload);
    } catch (error) {
      throw new WebhookError(
        {
          code: "verification-failed",
          reason: "invalid-payload",
          received: "a signed payload that does not match the schema (see cause)",
          expected: "a payload the schema accepts",
        },
        { cause: error },
      );
    }
  }
  return { id, timestamp: new Date(sentAt * 1000), payload: payload as PayloadOf<TSchema> };
}
