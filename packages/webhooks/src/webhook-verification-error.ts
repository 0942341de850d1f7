/**
 * Why {@link WebhookVerificationError} rejected a request.
 *
 * @example A response status per failure
 * ```ts
 * import { WebhookVerificationError, type WebhookVerificationFailure } from "@jobkit/webhooks";
 *
 * const statusFor: Record<WebhookVerificationFailure, 400 | 401 | 422 | 500> = {
 *   "missing-header": 400,
 *   "invalid-timestamp": 400,
 *   "timestamp-too-old": 401,
 *   "timestamp-in-future": 401,
 *   "invalid-signature": 401,
 *   "body-not-raw": 500, // the receiver passed a parsed body: its own bug
 *   "invalid-json": 400,
 *   "invalid-payload": 422,
 * };
 * export const status = (error: unknown) =>
 *   error instanceof WebhookVerificationError ? statusFor[error.code] : 500;
 * ```
 */
export type WebhookVerificationFailure =
  /** `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent or empty. */
  | "missing-header"
  /** `webhook-timestamp` is not whole Unix seconds. */
  | "invalid-timestamp"
  /** Older than the tolerance: possibly a replay. */
  | "timestamp-too-old"
  /** Further in the future than the tolerance. */
  | "timestamp-in-future"
  /** No `v1` signature matches any of the secrets. */
  | "invalid-signature"
  /** The body was not the raw request body (a parsed object, say). */
  | "body-not-raw"
  /** The signature matched but the body is not JSON. */
  | "invalid-json"
  /** The signature matched but the payload failed the `schema`. */
  | "invalid-payload";

/**
 * What {@link WebhookVerificationError} reports.
 *
 * @example Log why a request was rejected, without its body
 * ```ts
 * import type { WebhookVerificationError, WebhookVerificationErrorDetails } from "@jobkit/webhooks";
 *
 * type Rejection = Pick<WebhookVerificationErrorDetails, "code" | "header"> & { readonly at: string };
 *
 * export function rejectionLog(error: WebhookVerificationError): Rejection {
 *   return { code: error.code, header: error.header, at: new Date().toISOString() };
 * }
 * ```
 */
export interface WebhookVerificationErrorDetails {
  readonly code: WebhookVerificationFailure;
  /** The header at fault, when one is. */
  readonly header?: "webhook-id" | "webhook-timestamp" | "webhook-signature";
  /** What was found, never a secret, a signature or the body. */
  readonly received: string;
  readonly expected: string;
}

/**
 * Thrown by `verifyWebhook` when a request is not a valid, fresh, signed webhook; answer it with a 4xx
 * (a `WebhookSecretError` instead means the receiver's own secret is misconfigured: a 5xx).
 *
 * @example Answer 400 or 401 from an Express route
 * ```ts
 * import { WebhookVerificationError } from "@jobkit/webhooks";
 *
 * function statusFor(error: unknown): number {
 *   if (!(error instanceof WebhookVerificationError)) return 500;
 *   return error.code === "invalid-signature" ? 401 : 400;
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  readonly code: WebhookVerificationFailure;
  readonly header: WebhookVerificationErrorDetails["header"];

  constructor(details: WebhookVerificationErrorDetails, options?: ErrorOptions) {
    const where = details.header === undefined ? "" : ` (${details.header})`;
    super(
      [
        `Webhook verification failed${where}: ${details.code}`,
        `  received: ${details.received}`,
        `  expected: ${details.expected}`,
      ].join("\n"),
      options,
    );
    this.code = details.code;
    this.header = details.header;
  }
}
