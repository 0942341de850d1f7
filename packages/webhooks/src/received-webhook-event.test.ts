import { describe, expect, it } from "vitest";
import { receivedWebhookEvent } from "./received-webhook-event";

describe("receivedWebhookEvent", () => {
  it("builds a valid webhook/received event with lower-cased headers", () => {
    const event = receivedWebhookEvent({
      source: "acme",
      event: "invoice.paid",
      payload: { invoiceId: "inv_1" },
      headers: {
        "Content-Type": "application/json",
        "webhook-id": "msg_1",
        "x-forwarded-for": ["1.2.3.4", "5.6.7.8"],
      },
      receivedAt: new Date("2026-01-01T00:00:00Z"),
    });
    expect(event).toMatchObject({
      name: "webhook/received",
      data: {
        source: "acme",
        event: "invoice.paid",
        payload: { invoiceId: "inv_1" },
        headers: {
          "content-type": "application/json",
          "webhook-id": "msg_1",
          "x-forwarded-for": "1.2.3.4, 5.6.7.8",
        },
        receivedAt: "2026-01-01T00:00:00.000Z",
      },
    });
  });

  it("drops headers that carry credentials or signatures", () => {
    const event = receivedWebhookEvent({
      source: "acme",
      event: "invoice.paid",
      payload: {},
      headers: new Headers({
        authorization: "Bearer abc",
        cookie: "session=1",
        "x-api-key": "k",
        "x-auth-token": "t",
        "webhook-signature": "v1,abc",
        "stripe-signature": "t=1,v1=abc",
        "x-request-id": "req_1",
      }),
    });
    expect(event.data.headers).toEqual({ "x-request-id": "req_1" });
  });
});
