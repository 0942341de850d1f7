/**
 * One HTTP request the delivery asks a {@link WebhookTransport} to make, after the SSRF guard passed it.
 *
 * @example A transport for tests that records requests
 * ```ts
 * import type { TransportRequest, WebhookTransport } from "@jobkit/webhooks";
 *
 * export const requests: TransportRequest[] = [];
 *
 * export const recording: WebhookTransport = async (request) => {
 *   requests.push(request);
 *   return { status: 204, statusText: "No Content", headers: {}, body: new Uint8Array() };
 * };
 * ```
 */
export interface TransportRequest {
  readonly method: "POST";
  readonly url: URL;
  /** The vetted IP address to connect to; never resolve `url.hostname` again. */
  readonly address: string;
  readonly family: 4 | 6;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Read at most this many response bytes, then close the connection. */
  readonly maxResponseBytes: number;
  /** Aborted when the attempt's time is up; stop everything and reject. */
  readonly signal: AbortSignal;
}

/**
 * What a {@link WebhookTransport} got back.
 *
 * @example Answer 503 for one host to exercise retries
 * ```ts
 * import { createNodeTransport, type TransportResponse, type WebhookTransport } from "@jobkit/webhooks";
 *
 * const node = createNodeTransport();
 * const unavailable: TransportResponse = {
 *   status: 503,
 *   statusText: "Service Unavailable",
 *   headers: { "retry-after": "120" },
 *   body: new TextEncoder().encode("maintenance"),
 * };
 * export const flaky: WebhookTransport = async (request) =>
 *   request.url.hostname === "hooks.example.com" ? unavailable : node(request);
 * ```
 */
export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  /** Response headers with lower-case names; repeated headers joined with `", "`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The start of the body, at most `maxResponseBytes`. */
  readonly body: Uint8Array;
}

/**
 * Makes one HTTP request to a vetted address. The default, `nodeTransport`, uses `node:http`/`node:https`
 * and connects only to `request.address`; inject your own for tests or a proxy, and keep that rule.
 *
 * @example A transport that fails a test if the delivery ever tries the network
 * ```ts
 * import type { WebhookTransport } from "@jobkit/webhooks";
 *
 * const noNetwork: WebhookTransport = async (request) => {
 *   throw new Error(`unexpected request to ${request.address}`);
 * };
 * ```
 */
export type WebhookTransport = (request: TransportRequest) => Promise<TransportResponse>;
