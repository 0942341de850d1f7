import { z } from "zod";
import { defineEvent } from "../define-event";
import { jsonObjectSchema } from "./json-value-schema";
import { httpUrlSchema, idSchema, isoDateTimeSchema } from "./standard-schemas";
import { textSchema } from "./text-schema";

const webhookId = /* @__PURE__ */ idSchema(
  "The webhook endpoint (subscription) id; the signing secret is looked up by it",
);
const messageId = /* @__PURE__ */ idSchema(
  "Id of this message, sent as the webhook-id header; stable across retries",
);
const attempts = /* @__PURE__ */ z
  .int()
  .min(1)
  .max(21)
  .meta({ description: "HTTP attempts made, first one included" });
const headers = /* @__PURE__ */ (() => z.record(z.string(), z.string()))();

/**
 * `webhook/deliver`: POST a JSON payload to a subscriber's endpoint.
 *
 * The object is strict: a `secret` (or any unknown key) is refused, because event payloads are stored
 * by Inngest and shown in its dashboard. The delivering job looks the signing secret up by `webhookId`.
 *
 * @example Notify a subscriber that an invoice was paid
 * ```ts
 * import { webhookDeliver } from "@jobkit/events/standard";
 *
 * const event = webhookDeliver.create({
 *   webhookId: "wh_1",
 *   url: "https://hooks.example.com/acme",
 *   eventType: "invoice.paid",
 *   payload: { invoiceId: "inv_1" },
 * });
 * ```
 */
export const webhookDeliver = /* @__PURE__ */ (() =>
  defineEvent("webhook/deliver", {
    version: "1.0.0",
    description: "POST a JSON payload to a subscriber's webhook endpoint.",
    schema: z.strictObject({
      webhookId,
      messageId: messageId.optional(),
      url: httpUrlSchema,
      eventType: textSchema(1, 128).optional().meta({ description: "Type sent to the subscriber" }),
      payload: jsonObjectSchema,
      headers: headers.optional().meta({ description: "Extra request headers (not secrets)" }),
      retryCount: z.int().min(0).max(20).optional().meta({ description: "Retries allowed (0-20)" }),
    }),
    examples: [
      {
        webhookId: "wh_42",
        messageId: "msg_2aQ9",
        url: "https://hooks.example.com/acme",
        eventType: "invoice.paid",
        payload: { invoiceId: "inv_1", amount: 1900, currency: "USD" },
        headers: { "x-tenant": "acme" },
        retryCount: 5,
      },
    ],
  }))();

/**
 * `webhook/delivered`: a subscriber's endpoint accepted a webhook with a 2xx response.
 *
 * @example After a successful POST
 * ```ts
 * import { webhookDelivered } from "@jobkit/events/standard";
 *
 * const event = webhookDelivered.create({
 *   webhookId: "wh_1",
 *   messageId: "msg_1",
 *   url: "https://hooks.example.com/acme",
 *   status: 200,
 *   attempts: 1,
 *   deliveredAt: new Date().toISOString(),
 * });
 * ```
 */
export const webhookDelivered = /* @__PURE__ */ (() =>
  defineEvent("webhook/delivered", {
    version: "1.0.0",
    description: "A webhook endpoint accepted a delivery with a 2xx response.",
    schema: z.strictObject({
      webhookId,
      messageId,
      url: httpUrlSchema,
      status: z.int().min(200).max(299).meta({ description: "HTTP status of the accepting response" }),
      attempts,
      durationMs: z.int().nonnegative().optional().meta({ description: "Duration of the last attempt" }),
      deliveredAt: isoDateTimeSchema,
    }),
    examples: [
      {
        webhookId: "wh_42",
        messageId: "msg_2aQ9",
        url: "https://hooks.example.com/acme",
        status: 204,
        attempts: 2,
        durationMs: 182,
        deliveredAt: "2025-01-31T09:30:07Z",
      },
    ],
  }))();

/**
 * `webhook/failed`: delivering a webhook failed for good (a 4xx, or retries exhausted).
 *
 * `status` is absent when no response arrived (timeout, DNS or connection error). `error` is a short
 * description such as the status text or an excerpt of the response body; never put the secret in it.
 *
 * @example After the last retry
 * ```ts
 * import { webhookFailed } from "@jobkit/events/standard";
 *
 * const event = webhookFailed.create({
 *   webhookId: "wh_1",
 *   messageId: "msg_1",
 *   url: "https://hooks.example.com/acme",
 *   status: 410,
 *   attempts: 1,
 *   error: "410 Gone",
 *   failedAt: new Date().toISOString(),
 * });
 * ```
 */
export const webhookFailed = /* @__PURE__ */ (() =>
  defineEvent("webhook/failed", {
    version: "1.0.0",
    description: "Delivering a webhook failed for good.",
    schema: z.strictObject({
      webhookId,
      messageId,
      url: httpUrlSchema,
      status: z.int().min(100).max(599).optional().meta({ description: "HTTP status of the last response" }),
      attempts,
      error: textSchema(1, 2000).meta({ description: "Why it failed, e.g. 410 Gone or timeout" }),
      failedAt: isoDateTimeSchema,
    }),
    examples: [
      {
        webhookId: "wh_42",
        messageId: "msg_2aQ9",
        url: "https://hooks.example.com/acme",
        status: 410,
        attempts: 1,
        error: "410 Gone",
        failedAt: "2025-01-31T09:30:02Z",
      },
      {
        webhookId: "wh_42",
        messageId: "msg_7kP1",
        url: "https://hooks.example.com/acme",
        attempts: 6,
        error: "timeout after 10s",
        failedAt: "2025-01-31T11:02:40Z",
      },
    ],
  }))();

/**
 * `webhook/received`: an incoming webhook from a third party was accepted for processing.
 *
 * @example From a Stripe webhook route
 * ```ts
 * import { webhookReceived } from "@jobkit/events/standard";
 *
 * const event = webhookReceived.create({
 *   source: "stripe",
 *   event: "invoice.paid",
 *   payload: { id: "evt_1" },
 *   headers: { "content-type": "application/json" },
 *   receivedAt: new Date().toISOString(),
 * });
 * ```
 */
export const webhookReceived = /* @__PURE__ */ (() =>
  defineEvent("webhook/received", {
    version: "1.0.0",
    description: "An incoming third-party webhook was accepted for processing.",
    schema: z.object({
      source: textSchema(1, 100).meta({ description: "Sender, e.g. stripe, github" }),
      event: textSchema(1, 200).meta({ description: "The sender's event type" }),
      payload: jsonObjectSchema,
      headers: headers.meta({
        description: "Request headers, lower-cased; drop auth headers before sending",
      }),
      receivedAt: isoDateTimeSchema,
    }),
    examples: [
      {
        source: "stripe",
        event: "invoice.paid",
        payload: { id: "evt_1", type: "invoice.paid" },
        headers: { "content-type": "application/json" },
        receivedAt: "2025-01-31T09:30:00Z",
      },
    ],
  }))();
