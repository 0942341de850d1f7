import type { StandardCatalog } from "@jobkit/events/standard";
import type { EventSender } from "@jobkit/functions";
import { receivedWebhookEvent, verifyWebhook, WebhookError } from "@jobkit/webhooks";
import express, { type Router } from "express";

/** What the webhook receiver needs. */
export interface WebhookRouterOptions {
  /** Standard Webhooks secrets (`whsec_…`); several while rotating. */
  readonly secrets: readonly string[];
  /** The sender's name, the `source` of the `webhook/received` events. */
  readonly source: string;
  readonly sender: EventSender<StandardCatalog>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `POST /incoming`: verifies a Standard Webhooks request (signature over the raw body, timestamp within
 * five minutes) and hands it to the jobs as a `webhook/received` event whose id is the webhook's id, so a
 * retried delivery is deduplicated by Inngest. Unsigned or stale requests get a 401, nothing is sent.
 *
 * @example Mount it only when a secret is configured
 * ```ts
 * import express from "express";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender } from "@jobkit/functions";
 * import { Inngest } from "inngest";
 * import { webhookRouter } from "./webhook-router";
 *
 * const sender = createSender(new Inngest({ id: "shop" }), standardCatalog);
 * const secret = process.env.WEBHOOK_SECRET;
 * if (secret) express().use("/webhooks", webhookRouter({ secrets: [secret], source: "acme", sender }));
 * ```
 */
export function webhookRouter({ secrets, source, sender }: WebhookRouterOptions): Router {
  const router = express.Router();
  // The signature covers the exact bytes: keep the body raw. An event holds at most 256 KiB.
  router.post("/incoming", express.raw({ type: () => true, limit: "200kb" }), async (request, response) => {
    const body: unknown = request.body;
    let webhook: ReturnType<typeof verifyWebhook>;
    try {
      webhook = verifyWebhook(secrets, request.headers, Buffer.isBuffer(body) ? body : "");
    } catch (error) {
      if (error instanceof WebhookError && error.code === "verification-failed") {
        const payloadProblem = error.reason === "invalid-json" || error.reason === "invalid-payload";
        response.status(payloadProblem ? 400 : 401).json({ error: error.reason, message: error.message });
        return;
      }
      if (error instanceof WebhookError && error.code === "invalid-secret") {
        console.error("webhook secret misconfigured:", error.message);
        response.status(500).json({ error: "internal_error", message: "Internal server error" });
        return;
      }
      throw error;
    }
    const { payload } = webhook;
    if (!isRecord(payload) || typeof payload.type !== "string" || payload.type === "") {
      response.status(400).json({
        error: "invalid_payload",
        message:
          'Expected a Standard Webhooks payload: a JSON object with a "type", e.g. { "type": "invoice.paid", "data": { … } }',
      });
      return;
    }
    const event = receivedWebhookEvent({ source, event: payload.type, payload, headers: request.headers });
    try {
      const { ids } = await sender.send("webhook/received", event.data, {
        id: `webhook-${source}-${webhook.id}`,
      });
      response.status(202).json({ received: webhook.id, ids });
    } catch (error) {
      // A 5xx makes the sender retry later, with the same webhook id.
      response.status(502).json({
        error: "send_failed",
        message: `Could not hand the webhook to Inngest: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
  return router;
}
