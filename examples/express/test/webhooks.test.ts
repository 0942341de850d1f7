import { generateWebhookSecret, signWebhook, type WebhookSignatureHeaders } from "@jobkit/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { AppConfigError } from "../src/config";
import { closedPort, type RunningApp, recordingFetch, silentLogger, startApp } from "./http-harness";

const secret = generateWebhookSecret();

describe("POST /webhooks/incoming", () => {
  let app: RunningApp;
  let sent: ReturnType<typeof recordingFetch>;
  beforeAll(async () => {
    const port = await closedPort();
    sent = recordingFetch();
    app = await startApp({
      environment: {
        INNGEST_DEV: "1",
        INNGEST_BASE_URL: `http://127.0.0.1:${port}`,
        WEBHOOK_SECRET: secret,
        WEBHOOK_SOURCE: "acme",
      },
      fetch: sent.fetch,
      logger: silentLogger,
    });
  });
  afterAll(() => app.close());

  const body = JSON.stringify({
    type: "invoice.paid",
    timestamp: "2026-03-02T09:00:00Z",
    data: { invoiceId: "inv_1" },
  });
  const deliver = (headers: WebhookSignatureHeaders | Record<string, string>, payload = body) =>
    fetch(`${app.url}/webhooks/incoming`, {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json", ...headers },
    });

  it("emits webhook/received for a signed webhook, with the webhook id as event id and no signature header", async () => {
    const before = sent.events().length;
    const response = await deliver({
      ...signWebhook({ id: "msg_1", body, secret }),
      authorization: "Bearer x",
    });
    expect(response.status).toBe(202);
    const [event] = sent.events().slice(before);
    expect(event).toMatchObject({
      name: "webhook/received",
      id: "webhook-acme-msg_1",
      data: { source: "acme", event: "invoice.paid", payload: { data: { invoiceId: "inv_1" } } },
    });
    expect(Object.keys(event?.data.headers as object)).not.toContain("webhook-signature");
    expect(Object.keys(event?.data.headers as object)).not.toContain("authorization");
  });

  it("answers 401 to an unsigned webhook, and sends nothing", async () => {
    const before = sent.requests.length;
    const response = await deliver({});
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("missing-header");
    expect(sent.requests.length).toBe(before);
  });

  it("answers 401 when the body was changed after signing", async () => {
    const before = sent.requests.length;
    const response = await deliver(
      signWebhook({ id: "msg_2", body, secret }),
      body.replace("inv_1", "inv_2"),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("invalid-signature");
    expect(sent.requests.length).toBe(before);
  });

  it("answers 401 to a replay signed more than five minutes ago", async () => {
    const stale = signWebhook({ id: "msg_3", body, secret, timestamp: new Date(Date.now() - 10 * 60_000) });
    const response = await deliver(stale);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("timestamp-too-old");
  });

  it("answers 400 to a signed payload without a type", async () => {
    const untyped = JSON.stringify({ data: { invoiceId: "inv_1" } });
    const response = await deliver(signWebhook({ id: "msg_4", body: untyped, secret }), untyped);
    expect(response.status).toBe(400);
  });
});

describe("WEBHOOK_SECRET checks", () => {
  it("leaves the route off without a secret", async () => {
    const app = await startApp({
      environment: { INNGEST_DEV: "1" },
      fetch: recordingFetch().fetch,
      logger: silentLogger,
    });
    try {
      const response = await fetch(`${app.url}/webhooks/incoming`, { method: "POST", body: "{}" });
      expect(response.status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it("refuses to start with a secret that is not a whsec_ secret, without printing it", () => {
    const build = () => createApp({ environment: { INNGEST_DEV: "1", WEBHOOK_SECRET: "not-a-secret" } });
    expect(build).toThrow(AppConfigError);
    expect(build).toThrow(/WEBHOOK_SECRET/);
    expect(build).not.toThrow(/not-a-secret/);
  });
});
