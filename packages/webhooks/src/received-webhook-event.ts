import { webhookReceived } from "@jobkit/events/standard";
import type { WebhookHeaders } from "./verify-webhook";

/**
 * What {@link receivedWebhookEvent} turns into a `webhook/received` event.
 *
 * @example Turn a verified webhook into a webhook/received event
 * ```ts
 * import { z } from "zod";
 * import { type ReceivedWebhookInput, receivedWebhookEvent, verifyWebhook } from "@jobkit/webhooks";
 *
 * const acmePayload = z.looseObject({ type: z.string() });
 *
 * export function toEvent(secret: string, headers: Record<string, string>, body: string) {
 *   const webhook = verifyWebhook(secret, headers, body, { schema: acmePayload });
 *   const input: ReceivedWebhookInput = {
 *     source: "acme",
 *     event: webhook.payload.type,
 *     payload: webhook.payload,
 *     headers,
 *   };
 *   return receivedWebhookEvent(input);
 * }
 * ```
 */
export interface ReceivedWebhookInput {
  /** Who sent it, e.g. `"stripe"` or `"acme"`. */
  readonly source: string;
  /** The sender's event type, e.g. `"invoice.paid"`. */
  readonly event: string;
  /** The verified JSON payload. */
  readonly payload: Record<string, unknown>;
  /** The request headers; credentials and signatures are dropped. */
  readonly headers: WebhookHeaders;
  /** Defaults to now. */
  readonly receivedAt?: Date;
}

const droppedHeader = /auth|cookie|secret|token|password|signature|api-?key|session/i;

function headerEntries(headers: WebhookHeaders): [string, string][] {
  const entries: [string, string][] = [];
  const forEach = (headers as { forEach?: unknown }).forEach;
  if (typeof forEach === "function") {
    (headers as unknown as { forEach(callback: (value: string, name: string) => void): void }).forEach(
      (value, name) => {
        entries.push([name, value]);
      },
    );
    return entries;
  }
  for (const [name, value] of Object.entries(
    headers as Record<string, string | readonly string[] | undefined>,
  )) {
    if (value !== undefined) entries.push([name, typeof value === "string" ? value : value.join(", ")]);
  }
  return entries;
}

/**
 * Builds the `webhook/received` event for an incoming webhook after `verifyWebhook` accepted it: header
 * names lower-cased, and headers that carry credentials or signatures (`authorization`, `cookie`, `*-token`,
 * `*-signature`, `x-api-key`, …) left out, since Inngest stores events and shows them in its dashboard.
 *
 * @example Hand a verified webhook to a job
 * ```ts
 * import { receivedWebhookEvent } from "@jobkit/webhooks";
 *
 * const event = receivedWebhookEvent({
 *   source: "acme",
 *   event: "invoice.paid",
 *   payload: { invoiceId: "inv_1" },
 *   headers: { "content-type": "application/json", authorization: "Bearer x" }, // authorization is dropped
 * });
 * // await inngest.send(event);
 * ```
 */
export function receivedWebhookEvent(input: ReceivedWebhookInput): ReturnType<typeof webhookReceived.create> {
  const headers: Record<string, string> = {};
  for (const [name, value] of headerEntries(input.headers)) {
    const key = name.toLowerCase();
    if (droppedHeader.test(key)) continue;
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return webhookReceived.create({
    source: input.source,
    event: input.event,
    payload: input.payload,
    headers,
    receivedAt: (input.receivedAt ?? new Date()).toISOString(),
  });
}
