import type { FunctionDefinition, ReadyMadeOptions } from "@jobkit/functions";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  type VerifiedWebhook,
  verifyWebhook,
  type WebhookAttempt,
  type WebhookDeliverEvent,
  type WebhookDeliveryResult,
  WebhookError,
  type WebhookErrorCode,
  webhookDelivery,
} from "./index";
import type { WebhookErrorReason } from "./webhook-error";

declare const secret: string;
declare const body: string;

describe("webhookDelivery types", () => {
  it("returns an event definition on webhook/deliver with a typed result", () => {
    const definition = webhookDelivery({ secretFor: () => secret });
    expectTypeOf(definition).toEqualTypeOf<
      FunctionDefinition<"event", WebhookDeliverEvent, WebhookDeliveryResult>
    >();
    expectTypeOf<WebhookDeliverEvent["name"]>().toEqualTypeOf<"webhook/deliver">();
    expectTypeOf<WebhookDeliverEvent["data"]["webhookId"]>().toEqualTypeOf<string>();
  });

  it("types secretFor's arguments and accepts one secret, several, or a promise", () => {
    webhookDelivery({
      secretFor: (webhookId, event) => {
        expectTypeOf(webhookId).toEqualTypeOf<string>();
        expectTypeOf(event.data.url).toEqualTypeOf<string>();
        return [secret, secret];
      },
    });
    webhookDelivery({ secretFor: async () => secret });
    // @ts-expect-error secretFor is required: every webhook is signed.
    webhookDelivery({});
    // @ts-expect-error a secret is a string, not a number.
    webhookDelivery({ secretFor: () => 42 });
  });

  it("checks key paths against the webhook/deliver schema", () => {
    webhookDelivery({ secretFor: () => secret, concurrency: { limit: 5, key: "event.data.url" } });
    // @ts-expect-error "event.data.host" is not a field of webhook/deliver.
    webhookDelivery({ secretFor: () => secret, concurrency: { limit: 5, key: "event.data.host" } });
  });

  it("rejects unknown options and a retry decider", () => {
    // @ts-expect-error a misspelt option.
    webhookDelivery({ secretFor: () => secret, allowHTTP: true });
    // @ts-expect-error the response decides what is retried.
    webhookDelivery({ secretFor: () => secret, retries: { attempts: 3, retry: () => true } });
  });
});

describe("verifyWebhook types", () => {
  it("types the payload from a schema, and as unknown without one", () => {
    const schema = z.object({ type: z.string(), data: z.object({ invoiceId: z.string() }) });
    expectTypeOf(verifyWebhook(secret, {}, body, { schema })).toEqualTypeOf<
      VerifiedWebhook<{ type: string; data: { invoiceId: string } }>
    >();
    expectTypeOf(verifyWebhook(secret, {}, body).payload).toEqualTypeOf<unknown>();
  });

  it("takes the raw body only, and headers from fetch or Node", () => {
    verifyWebhook([secret, secret], new Headers(), Buffer.from(body));
    verifyWebhook(secret, { "webhook-id": ["a"] }, new Uint8Array());
    // @ts-expect-error a parsed body cannot be verified.
    verifyWebhook(secret, {}, { type: "invoice.paid" });
    // @ts-expect-error a schema needs a parse method.
    verifyWebhook(secret, {}, body, { schema: { validate: () => true } });
  });
});

describe("WebhookAttempt", () => {
  it("narrows on ok", () => {
    const attempt = {} as WebhookAttempt;
    if (attempt.ok) expectTypeOf(attempt.status).toEqualTypeOf<number>();
    else {
      expectTypeOf(attempt.retriable).toEqualTypeOf<boolean>();
      expectTypeOf(attempt.status).toEqualTypeOf<number | undefined>();
    }
  });
});

describe("webhookDelivery options: the ready-made base", () => {
  it("takes the shared ReadyMadeOptions, limits included, and refuses unknown options", () => {
    // Shared settings of an app's ready-mades; a retry() decider in them would be refused here.
    const shared = { retries: 5, limits: { maxRetryDelayMs: 3_600_000 } } satisfies ReadyMadeOptions;
    webhookDelivery({ ...shared, secretFor: () => secret });
    webhookDelivery({ secretFor: () => secret, id: "billing-webhooks", if: "event.data.webhookId != ''" });
    // @ts-expect-error a misspelt option is a type error, not ignored.
    webhookDelivery({ secretFor: () => secret, requestTimout: "30s" });
    // @ts-expect-error the response decides what is retried: no retry() decider.
    webhookDelivery({ secretFor: () => secret, retries: { attempts: 3, retry: () => true } });
  });
});

describe("WebhookError", () => {
  it("has one code union and the structured fields of every code", () => {
    expectTypeOf<WebhookError["code"]>().toEqualTypeOf<WebhookErrorCode>();
    expectTypeOf<WebhookError["reason"]>().toEqualTypeOf<WebhookErrorReason | undefined>();
    expectTypeOf<WebhookError["received"]>().toEqualTypeOf<string>();
    // @ts-expect-error a request-failed error needs its reason.
    new WebhookError({ code: "request-failed", url: "https://h.example/", received: "x" });
    // @ts-expect-error a verification reason is not a request reason.
    new WebhookError({ code: "request-failed", reason: "invalid-signature", url: "u", received: "x" });
  });
});
