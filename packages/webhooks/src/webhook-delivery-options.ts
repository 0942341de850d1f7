import type { webhookDeliver } from "@jobkit/events/standard";
import type { FunctionDefinition, ReadyMadeOptions, ReceivedEventOf, RetryOptions } from "@jobkit/functions";
import type { SendWebhookOptions } from "./send-policy";

/**
 * The `webhook/deliver` event a delivery run receives.
 *
 * @example A test fixture for the delivery job
 * ```ts
 * import type { WebhookDeliverEvent } from "@jobkit/webhooks";
 *
 * export const deliver: WebhookDeliverEvent = {
 *   name: "webhook/deliver",
 *   id: "evt_1",
 *   ts: Date.parse("2026-03-02T09:00:00Z"),
 *   data: {
 *     webhookId: "wh_42",
 *     url: "https://hooks.example.com/acme",
 *     eventType: "invoice.paid",
 *     payload: { invoiceId: "inv_1" },
 *   },
 * };
 * ```
 */
export type WebhookDeliverEvent = ReceivedEventOf<typeof webhookDeliver>;

/**
 * Looks up the signing secret(s) of an endpoint by its `webhookId`; return several during a rotation
 * (each signs, the receiver accepts any). Runs inside the `deliver` step, so the secret is never stored
 * as a step result or put in an event.
 *
 * @example Sign with both secrets during a rotation
 * ```ts
 * import { type WebhookSecretLookup, webhookDelivery } from "@jobkit/webhooks";
 *
 * declare const db: {
 *   endpoints: { secrets(webhookId: string): Promise<{ current: string; previous?: string }> };
 * };
 *
 * const secretFor: WebhookSecretLookup = async (webhookId) => {
 *   const { current, previous } = await db.endpoints.secrets(webhookId);
 *   return previous === undefined ? current : [current, previous];
 * };
 * export const deliverWebhooks = webhookDelivery({ secretFor });
 * ```
 */
export type WebhookSecretLookup = (
  webhookId: string,
  event: WebhookDeliverEvent,
) => string | readonly string[] | Promise<string | readonly string[]>;

/**
 * The options of {@link webhookDelivery}: `secretFor`, the SSRF guard and request limits of
 * {@link SendWebhookOptions}, and the options every ready-made takes (`ReadyMadeOptions`: `id`
 * (default `"webhook-delivery"`), `if`, retries, concurrency, `onFailure`, `limits` of a self-hosted Inngest, …).
 *
 * @example Options for an intranet receiver
 * ```ts
 * import type { WebhookDeliveryOptions } from "@jobkit/webhooks";
 *
 * const options: WebhookDeliveryOptions = {
 *   secretFor: () => process.env.INTERNAL_WEBHOOK_SECRET ?? "",
 *   allowHosts: ["hooks.corp.example"], // dangerous: trusted whatever it resolves to
 *   requestTimeout: "30s",
 *   retries: { attempts: 5, backoff: "exponential", minTimeout: "1m" },
 * };
 * ```
 */
export interface WebhookDeliveryOptions
  extends Omit<ReadyMadeOptions<WebhookDeliverEvent>, "retries">,
    SendWebhookOptions {
  /** Returns the endpoint's `whsec_…` secret(s); required, every webhook is signed. */
  readonly secretFor: WebhookSecretLookup;
  /**
   * Retries after the first attempt and their backoff; default `{ attempts: 10, backoff: "exponential",
   * minTimeout: "30s", maxTimeout: "12h", jitter: 0.2 }`. An event's `retryCount` can lower `attempts`
   * for one message, never raise it. Which failures are retried is decided by the response, so `retry`
   * is not accepted.
   */
  readonly retries?: number | (Omit<RetryOptions, "retry"> & { readonly retry?: never });
  /**
   * Send the Standard Webhooks envelope `{ type, timestamp, data }` (`type` from `eventType`, `timestamp`
   * from the event) instead of the bare `payload`; default `false`.
   */
  readonly envelope?: boolean;
  /** Send `webhook/delivered` and `webhook/failed`; default `true`. */
  readonly emitEvents?: boolean;
}

/**
 * What a delivery run returns when the endpoint accepted the webhook.
 *
 * @example A row of the subscriber's delivery log
 * ```ts
 * import type { WebhookDeliveryResult } from "@jobkit/webhooks";
 *
 * export function logRow(result: WebhookDeliveryResult) {
 *   return {
 *     message: result.messageId,
 *     status: result.status,
 *     tries: result.attempts,
 *     ms: result.durationMs,
 *   };
 * }
 * ```
 */
export interface WebhookDeliveryResult {
  readonly webhookId: string;
  readonly messageId: string;
  /** The 2xx status. */
  readonly status: number;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** Duration of the successful attempt. */
  readonly durationMs: number;
}

/**
 * The definition {@link webhookDelivery} returns.
 *
 * @example Spell out the job's type in a module's exports
 * ```ts
 * import { type WebhookDeliveryDefinition, webhookDelivery } from "@jobkit/webhooks";
 *
 * declare const db: { endpoints: { secret(webhookId: string): Promise<string> } };
 *
 * export const deliverWebhooks: WebhookDeliveryDefinition = webhookDelivery({
 *   secretFor: (webhookId) => db.endpoints.secret(webhookId),
 * });
 * ```
 */
export type WebhookDeliveryDefinition = FunctionDefinition<
  "event",
  WebhookDeliverEvent,
  WebhookDeliveryResult
>;
