import { NonRetriableError } from "inngest";

/**
 * What {@link WebhookDeliveryError} reports.
 *
 * @example The final error of a delivery that got a 410, for a test
 * ```ts
 * import { WebhookDeliveryError, type WebhookDeliveryErrorDetails } from "@jobkit/webhooks";
 *
 * const details: WebhookDeliveryErrorDetails = {
 *   webhookId: "wh_42",
 *   messageId: "msg_2aQ9",
 *   url: "https://hooks.example.com/acme",
 *   attempts: 1,
 *   status: 410,
 *   received: "410 Gone",
 * };
 * export const gone = new WebhookDeliveryError(details);
 * ```
 */
export interface WebhookDeliveryErrorDetails {
  readonly webhookId: string;
  readonly messageId: string;
  /** The URL without credentials, query or fragment. */
  readonly url: string;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** The last response status, when a response came. */
  readonly status?: number;
  /** Why: status and body excerpt, the refusal, or the network error of the last attempt. */
  readonly received: string;
}

/**
 * The final error of a `webhookDelivery` run that did not deliver: a 4xx other than 408/429, a refused
 * URL, or retries used up. A `NonRetriableError`, so Inngest stops at once; `webhook/failed` has been
 * sent before it is thrown.
 *
 * @example Read it in onFailure
 * ```ts
 * import { webhookDelivery } from "@jobkit/webhooks";
 *
 * export const deliver = webhookDelivery({
 *   secretFor: async () => process.env.WEBHOOK_SECRET ?? "",
 *   onFailure: ({ error, logger }) => logger.warn("webhook not delivered", { message: error.message }),
 * });
 * ```
 */
export class WebhookDeliveryError extends NonRetriableError {
  override readonly name = "WebhookDeliveryError";
  readonly webhookId: string;
  readonly messageId: string;
  readonly url: string;
  readonly attempts: number;
  readonly status: number | undefined;

  constructor(details: WebhookDeliveryErrorDetails, options?: ErrorOptions) {
    super(
      [
        `Webhook ${details.webhookId} (message ${details.messageId}) not delivered to ${details.url} after ${details.attempts} attempt(s): ${details.received}`,
        "  expected: a 2xx response; the subscriber must fix the endpoint, then send webhook/deliver again",
      ].join("\n"),
      options,
    );
    this.webhookId = details.webhookId;
    this.messageId = details.messageId;
    this.url = details.url;
    this.attempts = details.attempts;
    this.status = details.status;
  }
}
