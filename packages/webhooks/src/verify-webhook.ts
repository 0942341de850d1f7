import { timingSafeEqual } from "node:crypto";
import { type Duration, parseDuration } from "@jobkit/functions";
import { computeSignature } from "./compute-signature";
import { decodeWebhookSecrets } from "./decode-webhook-secret";
import { webhookDefaults } from "./webhook-defaults";
import { WebhookVerificationError } from "./webhook-verification-error";

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
 *
 * @example Accept a sender with a slow clock
 * ```ts
 * import { z } from "zod";
 * import { verifyWebhook, type VerifyWebhookOptions } from "@jobkit/webhooks";
 *
 * const orderShipped = z.object({ type: z.literal("order.shipped"), orderId: z.string() });
 * const options: VerifyWebhookOptions<typeof orderShipped> = { tolerance: "10m", schema: orderShipped };
 *
 * export const shippedOrderId = (secret: string, headers: Record<string, string>, body: string) =>
 *   verifyWebhook(secret, headers, body, options).payload.orderId;
 * ```
 */
export interface VerifyWebhookOptions<TSchema extends PayloadSchema = PayloadSchema> {
  /** How far `webhook-timestamp` may be from now, either way; default `"5m"` (a number is milliseconds). */
  readonly tolerance?: Duration | number;
  /** The current time, for tests; defaults to the clock. */
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
  /** The JSON body, parsed (and checked by `schema` when given). */
  readonly payload: TPayload;
}

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return typeof value === "string" ? value : value === undefined ? undefined : value.join(" ");
}

function requireHeader(
  headers: WebhookHeaders,
  name: "webhook-id" | "webhook-timestamp" | "webhook-signature",
) {
  const value = headerOf(headers, name)?.trim();
  if (value === undefined || value === "") {
    throw new WebhookVerificationError({
      code: "missing-header",
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
  throw new WebhookVerificationError({
    code: "body-not-raw",
    received: body === null ? "null" : `a ${typeof body}`,
    expected:
      'the raw request body as a string or bytes, before JSON parsing, e.g. express.raw({ type: "application/json" })',
  });
}

/**
 * Verifies a Standard Webhooks request for a receiver: the three `webhook-*` headers, a timestamp within
 * `tolerance` of now (either way, against replays), and a `v1` signature made with one of `secret`
 * (pass several during a rotation), compared in constant time. Returns the id, timestamp and parsed JSON
 * payload; throws {@link WebhookVerificationError} (or `WebhookSecretError` for a bad secret).
 *
 * @example A Node.js route that reads the raw body
 * ```ts
 * import { createServer } from "node:http";
 * import { verifyWebhook, WebhookVerificationError } from "@jobkit/webhooks";
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
 *       res.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
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
  const keys = decodeWebhookSecrets(secret, "secret");
  const toleranceMs =
    options.tolerance === undefined
      ? webhookDefaults.toleranceMs
      : parseDuration(options.tolerance, { functionId: undefined, path: "tolerance", minMs: 1000 });
  const bytes = rawBody(body);
  const id = requireHeader(headers, "webhook-id");
  const timestampText = requireHeader(headers, "webhook-timestamp");
  const signatureText = requireHeader(headers, "webhook-signature");
  if (!/^\d{1,15}$/.test(timestampText)) {
    throw new WebhookVerificationError({
      code: "invalid-timestamp",
      header: "webhook-timestamp",
      received: `${timestampText.length} characters that are not whole seconds`,
      expected: "Unix seconds, e.g. 1767225600",
    });
  }
  const sentAt = Number(timestampText) * 1000;
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const skew = now - sentAt;
  if (Math.abs(skew) > toleranceMs) {
    const seconds = Math.round(Math.abs(skew) / 1000);
    throw new WebhookVerificationError({
      code: skew > 0 ? "timestamp-too-old" : "timestamp-in-future",
      header: "webhook-timestamp",
      received: `signed ${seconds} s ${skew > 0 ? "ago" : "ahead of this clock"}`,
      expected: `within ${Math.round(toleranceMs / 1000)} s of now; check both clocks, or this may be a replay`,
    });
  }
  const provided = signatureText
    .split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .map((entry) => Buffer.from(entry.slice(3), "base64"));
  const expected = keys.map((key) => computeSignature(key, id, timestampText, bytes));
  // Compare every pair so the time taken does not tell which secret or signature matched.
  let matched = false;
  for (const candidate of provided) {
    for (const signature of expected) {
      if (candidate.length === signature.length && timingSafeEqual(candidate, signature)) matched = true;
    }
  }
  if (!matched) {
    throw new WebhookVerificationError({
      code: "invalid-signature",
      header: "webhook-signature",
      received:
        provided.length === 0
          ? 'no "v1," signature'
          : `${provided.length} v1 signature(s), none made with the ${keys.length} secret(s) given`,
      expected:
        "a signature by the endpoint's secret over the exact raw body; check the secret, and that the body was not parsed and re-serialised",
    });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (error) {
    throw new WebhookVerificationError(
      {
        code: "invalid-json",
        received: `a body of ${bytes.length} bytes that is not JSON`,
        expected: "a JSON body",
      },
      { cause: error },
    );
  }
  if (options.schema !== undefined) {
    try {
      payload = options.schema.parse(payload);
    } catch (error) {
      throw new WebhookVerificationError(
        {
          code: "invalid-payload",
          received: "a signed payload that does not match the schema (see cause)",
          expected: "a payload the schema accepts",
        },
        { cause: error },
      );
    }
  }
  return { id, timestamp: new Date(sentAt), payload: payload as PayloadOf<TSchema> };
}
