/**
 * Why a webhook request got no response: name resolution, the connection, or the time limit.
 *
 * @example Explain a failed request to a subscriber
 * ```ts
 * import { WebhookRequestError, type WebhookRequestFailure } from "@jobkit/webhooks";
 *
 * const advice: Record<WebhookRequestFailure, string> = {
 *   dns: "the host name does not resolve",
 *   network: "the connection was refused or reset",
 *   timeout: "the endpoint answered too slowly",
 * };
 * export const explain = (error: unknown) =>
 *   error instanceof WebhookRequestError ? advice[error.code] : "unknown error";
 * ```
 */
export type WebhookRequestFailure = "dns" | "network" | "timeout";

/**
 * What {@link WebhookRequestError} reports.
 *
 * @example A test transport that times out without the network
 * ```ts
 * import {
 *   WebhookRequestError,
 *   type WebhookRequestErrorDetails,
 *   type WebhookTransport,
 * } from "@jobkit/webhooks";
 *
 * export const timingOut: WebhookTransport = async (request) => {
 *   const details: WebhookRequestErrorDetails = {
 *     url: request.url.origin,
 *     code: "timeout",
 *     received: "no response within 10s",
 *   };
 *   throw new WebhookRequestError(details);
 * };
 * ```
 */
export interface WebhookRequestErrorDetails {
  /** The URL without credentials, query or fragment. */
  readonly url: string;
  readonly code: WebhookRequestFailure;
  /** What happened, e.g. `connect ECONNREFUSED 203.0.113.7:443` or `no response within 10s`. */
  readonly received: string;
}

/**
 * A webhook request that got no HTTP response: the host did not resolve, the connection failed or was
 * reset, or the time limit passed. Delivery retries these with the backoff policy.
 *
 * @example Tell a timeout from a refused connection
 * ```ts
 * import { WebhookRequestError } from "@jobkit/webhooks";
 *
 * function describe(error: unknown): string {
 *   return error instanceof WebhookRequestError && error.code === "timeout" ? "too slow" : "unreachable";
 * }
 * ```
 */
export class WebhookRequestError extends Error {
  override readonly name = "WebhookRequestError";
  readonly url: string;
  readonly code: WebhookRequestFailure;

  constructor(details: WebhookRequestErrorDetails, options?: ErrorOptions) {
    super(`Webhook request to ${details.url} failed (${details.code}): ${details.received}`, options);
    this.url = details.url;
    this.code = details.code;
  }
}
