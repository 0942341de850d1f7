import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook";

const key = randomBytes(32);
const secret = `whsec_${key.toString("base64")}`;

// Written from the Standard Webhooks specification, independently of the code under test.
function referenceSignature(signingKey: Buffer, id: string, timestamp: string, body: string): string {
  return createHmac("sha256", signingKey).update(`${id}.${timestamp}.${body}`).digest("base64");
}

describe("signWebhook", () => {
  it("signs id.timestamp.body with HMAC-SHA256 of the decoded key, as v1,<base64>", () => {
    const body = JSON.stringify({ type: "invoice.paid", data: { invoiceId: "inv_1" } });
    const headers = signWebhook({ id: "msg_1", body, secret, timestamp: new Date("2026-01-01T00:00:00Z") });
    expect(headers).toEqual({
      "webhook-id": "msg_1",
      "webhook-timestamp": "1767225600",
      "webhook-signature": `v1,${referenceSignature(key, "msg_1", "1767225600", body)}`,
    });
  });

  it("matches the specification's published example", () => {
    // From the Standard Webhooks reference libraries' test vectors.
    const headers = signWebhook({
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    });
    expect(headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs with every secret of a rotation, space-separated", () => {
    const next = randomBytes(32);
    const headers = signWebhook({
      id: "msg_1",
      body: "{}",
      secret: [secret, `whsec_${next.toString("base64")}`],
      timestamp: 1,
    });
    expect(headers["webhook-signature"].split(" ")).toEqual([
      `v1,${referenceSignature(key, "msg_1", "1", "{}")}`,
      `v1,${referenceSignature(next, "msg_1", "1", "{}")}`,
    ]);
  });

  it("signs the exact bytes of a Uint8Array body", () => {
    const body = Buffer.from('{"name":"Zoë"}', "utf8");
    const headers = signWebhook({ id: "msg_1", body, secret, timestamp: 5 });
    expect(headers["webhook-signature"]).toBe(
      `v1,${referenceSignature(key, "msg_1", "5", '{"name":"Zoë"}')}`,
    );
  });

  it.each(["msg.1", "msg 1", "", "x".repeat(257)])("refuses the message id %j", (id) => {
    expect(() => signWebhook({ id, body: "{}", secret })).toThrow(
      expect.objectContaining({ name: "WebhookError", code: "invalid-input", path: "id" }),
    );
  });
});
