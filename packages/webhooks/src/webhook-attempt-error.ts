/**
 * What {@link WebhookAttemptError} reports.
 *
 * @example The error a retried 503 attempt throws, for a test
 * ```ts
 * import { WebhookAttemptError, type WebhookAttemptErrorDetails } from "@jobkit/webhooks";
 *
 * const details: WebhookAttemptErrorDetails = {
 *   webhookId: "wh_42",
 *   url: "https://hooks.example.com/acme",
 *   attempt: 2,
 *   status: 503,
 *   received: "503 Service Unavailable",
 * };
 * export const retried = new WebhookAttemptError(details);
 * ```
 */
export interface WebhookAttemptErrorDetails {
  readonly webhookId: string;
  /** The URL without credentials, query or fragment. */
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The response status, when a response came. */
  readonly status?: number;
  /** Status and body excerpt, or the network error. */
  readonly received: string;
}

/**
 * A delivery attempt that failed in a way worth retrying (408, 429, 5xx, timeout, connection error);
 * thrown inside the `deliver` step so the backoff policy schedules the next attempt.
 *
 * @example Spot retried attempts in an Inngest middleware or a test
 * ```ts
 * import { WebhookAttemptError } from "@jobkit/webhooks";
 *
 * const isRetriedAttempt = (error: unknown) => error instanceof WebhookAttemptError;
 * ```
 */
export class WebhookAttemptError extends Error {
  override readonly name = "WebhookAttemptError";
  readonly webhookId: string;
  readonly url: string;
  readonly attempt: number;
  readonly status: number | undefined;

  constructor(details: WebhookAttemptErrorDetails, options?: ErrorOptions) {
    super(
      `Webhook ${details.webhookId} attempt ${details.attempt} to ${details.url} failed, will retry: ${details.received}`,
      options,
    );
    this.webhookId = details.webhookId;
    this.url = details.url;
    this.attempt = details.attempt;
    this.status = details.status;
  }
}
