import { describeValue } from "@jobkit/functions/internal";
import { messageIdProblem } from "./check-message-id";
import { computeSignature } from "./compute-signature";
import { decodeWebhookSecrets } from "./decode-webhook-secret";
import { invalidInput } from "./webhook-error";

/**
 * What {@link signWebhook} signs.
 */
export interface SignWebhookInput {
  /** The message id, sent as `webhook-id`: the same on every retry, so receivers can deduplicate. */
  readonly id: string;
  /** The exact request body. */
  readonly body: string | Uint8Array;
  /** A `whsec_…` secret, or several during a rotation (every one signs; receivers accept any). */
  readonly secret: string | readonly string[];
  /** When this attempt is made, as a `Date` or Unix seconds; defaults to now. */
  readonly timestamp?: Date | number;
}

/**
 * The three Standard Webhooks request headers; a type alias, so it fits `fetch`'s `HeadersInit`.
 *
 * @example Post a signed request with fetch
 * ```ts
 * import { generateWebhookSecret, signWebhook, type WebhookSignatureHeaders } from "@jobkit/webhooks";
 *
 * // E.g. in a receiver's integration test.
 * export async function postSigned(url: string, body: string, secret = generateWebhookSecret()) {
 *   const signature: WebhookSignatureHeaders = signWebhook({ id: "msg_test_1", body, secret });
 *   return fetch(url, {
 *     method: "POST",
 *     body,
 *     headers: { "content-type": "application/json", ...signature },
 *   });
 * }
 * ```
 */
export type WebhookSignatureHeaders = {
  readonly "webhook-id": string;
  /** Unix seconds. */
  readonly "webhook-timestamp": string;
  /** Space-separated `v1,<base64 HMAC-SHA256>` signatures, one per secret. */
  readonly "webhook-signature": string;
};

/**
 * Signs a webhook the Standard Webhooks way: HMAC-SHA256 of `id.timestamp.body` with the key inside each
 * `whsec_` secret, returned as the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers.
 *
 * @example Sign a body for a request you send yourself
 * ```ts
 * import { generateWebhookSecret, signWebhook } from "@jobkit/webhooks";
 *
 * const body = JSON.stringify({ type: "invoice.paid", data: { invoiceId: "inv_1" } });
 * const headers = signWebhook({ id: "msg_1", body, secret: generateWebhookSecret() });
 * // { "webhook-id": "msg_1", "webhook-timestamp": "1767225600", "webhook-signature": "v1,…" }
 * ```
 */
export function signWebhook(input: SignWebhookInput): WebhookSignatureHeaders {
  if (typeof input !== "object" || input === null) {
    invalidInput("input", describeValue(input), "an object { id, body, secret, timestamp? }");
  }
  const problem = messageIdProblem(input.id);
  if (problem !== undefined) {
    invalidInput(
      "id",
      problem,
      'printable ASCII without "." or spaces, at most 256 characters, e.g. "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"',
    );
  }
  if (typeof input.body !== "string" && !(input.body instanceof Uint8Array)) {
    invalidInput("body", describeValue(input.body), "the exact request body, a string or bytes");
  }
  const keys = decodeWebhookSecrets(input.secret, "secret");
  const timestamp = String(timestampSeconds(input.timestamp));
  const signature = keys
    .map((key) => `v1,${computeSignature(key, input.id, timestamp, input.body).toString("base64")}`)
    .join(" ");
  return { "webhook-id": input.id, "webhook-timestamp": timestamp, "webhook-signature": signature };
}

function timestampSeconds(at: unknown): number {
  if (at === undefined) return Math.floor(Date.now() / 1000);
  const seconds =
    at instanceof Date
      ? Math.floor(at.getTime() / 1000)
      : typeof at === "number"
        ? Math.floor(at)
        : Number.NaN;
  // Whole Unix seconds the receiver's `^\d+$` check and `Date` can both hold.
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > maxTimestampSeconds) {
    invalidInput(
      "timestamp",
      at instanceof Date ? "an invalid Date" : describeValue(at),
      "a Date or Unix seconds, e.g. new Date()",
    );
  }
  return seconds;
}

const maxTimestampSeconds = 8_640_000_000_000;
