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
        "X-Request-Id": ["req_1", "req_2"],
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
          "x-request-id": "req_1, req_2",
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

describe("receivedWebhookEvent: an allow-list of headers (defect 3)", () => {
  const base = { source: "acme", event: "invoice.paid", payload: {} };

  it("drops credentials a deny-list would miss, and client addresses", () => {
    const event = receivedWebhookEvent({
      ...base,
      headers: {
        "cf-access-jwt-assertion": "eyJ…",
        "x-functions-key": "k",
        "ocp-apim-subscription-key": "k",
        "x-access-key": "k",
        dpop: "eyJ…",
        "x-shopify-hmac-sha256": "abc=",
        "x-forwarded-for": "203.0.113.7",
        "content-type": "application/json",
        "user-agent": "Acme-Hookshot/1.0",
        "webhook-timestamp": "1767225600",
      },
    });
    expect(event.data.headers).toEqual({
      "content-type": "application/json",
      "user-agent": "Acme-Hookshot/1.0",
      "webhook-timestamp": "1767225600",
    });
  });

  it("keeps the extra headers named in keepHeaders, in any case", () => {
    const event = receivedWebhookEvent({
      ...base,
      headers: { "X-Acme-Event": "invoice.paid", "x-acme-token": "t" },
      keepHeaders: ["x-acme-event"],
    });
    expect(event.data.headers).toEqual({ "x-acme-event": "invoice.paid" });
  });

  it("stores a kept header named constructor as its value only (defect 11)", () => {
    const event = receivedWebhookEvent({
      ...base,
      headers: { constructor: "c", "content-type": "application/json" },
      keepHeaders: ["constructor"],
    });
    expect(event.data.headers).toEqual({ constructor: "c", "content-type": "application/json" });
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("refuses input it cannot build an event from with a named error", () => {
    expect(() => receivedWebhookEvent({ ...base, source: "", headers: {} })).toThrow(
      expect.objectContaining({ name: "WebhookError", code: "invalid-input", path: "source" }),
    );
    expect(() => receivedWebhookEvent({ ...base, headers: {}, receivedAt: new Date(Number.NaN) })).toThrow(
      expect.objectContaining({ code: "invalid-input", path: "receivedAt" }),
    );
  });
});

describe("receivedWebhookEvent: the payload", () => {
  it("keeps a payload key named __proto__ as data, without touching any prototype", () => {
    const payload = JSON.parse('{"__proto__":{"polluted":true},"id":"evt_1"}') as Record<string, unknown>;
    const event = receivedWebhookEvent({ source: "acme", event: "ping", payload, headers: {} });
    expect(Object.keys(event.data.payload)).toEqual(["__proto__", "id"]);
    expect(JSON.stringify(event.data.payload)).toBe('{"__proto__":{"polluted":true},"id":"evt_1"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
