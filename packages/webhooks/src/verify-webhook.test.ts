import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { signWebhook } from "./sign-webhook";
import { verifyWebhook } from "./verify-webhook";
import { WebhookSecretError } from "./webhook-secret-error";
import { WebhookVerificationError, type WebhookVerificationFailure } from "./webhook-verification-error";

const secret = generateWebhookSecret();
const body = JSON.stringify({ type: "invoice.paid", data: { invoiceId: "inv_1" } });
const sentAt = new Date("2026-01-01T12:00:00Z");
const headers = signWebhook({ id: "msg_1", body, secret, timestamp: sentAt });
const now = sentAt.getTime() + 1000;

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error("expected a WebhookVerificationError");
}

describe("verifyWebhook", () => {
  it("returns the id, the timestamp and the parsed payload of a valid request", () => {
    expect(verifyWebhook(secret, headers, body, { now })).toEqual({
      id: "msg_1",
      timestamp: sentAt,
      payload: { type: "invoice.paid", data: { invoiceId: "inv_1" } },
    });
  });

  it("accepts a signature made by an independent implementation of the specification", () => {
    const key = randomBytes(32);
    const ts = String(Math.floor(now / 1000));
    const signature = createHmac("sha256", key).update(`msg_9.${ts}.${body}`).digest("base64");
    const result = verifyWebhook(
      `whsec_${key.toString("base64")}`,
      { "webhook-id": "msg_9", "webhook-timestamp": ts, "webhook-signature": `v1,${signature}` },
      body,
      { now },
    );
    expect(result.id).toBe("msg_9");
  });

  it("reads headers from a fetch Headers object and from Node's headers in any case", () => {
    expect(verifyWebhook(secret, new Headers(headers), body, { now }).id).toBe("msg_1");
    const nodeHeaders = {
      "Webhook-Id": headers["webhook-id"],
      "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"],
      "webhook-signature": [headers["webhook-signature"]],
    };
    expect(verifyWebhook(secret, nodeHeaders, Buffer.from(body), { now }).id).toBe("msg_1");
  });

  it("accepts any of several secrets during a rotation, and any of several signatures", () => {
    const next = generateWebhookSecret();
    expect(verifyWebhook([next, secret], headers, body, { now }).id).toBe("msg_1");
    const both = signWebhook({ id: "msg_2", body, secret: [next, secret], timestamp: sentAt });
    expect(verifyWebhook(secret, both, body, { now }).id).toBe("msg_2");
    expect(verifyWebhook(next, both, body, { now }).id).toBe("msg_2");
  });

  it("ignores signature schemes it does not know, such as v1a", () => {
    const mixed = { ...headers, "webhook-signature": `v1a,AAAA ${headers["webhook-signature"]}` };
    expect(verifyWebhook(secret, mixed, body, { now }).id).toBe("msg_1");
  });

  it.each<[string, () => unknown, WebhookVerificationFailure]>([
    [
      "a wrong secret",
      () => verifyWebhook(generateWebhookSecret(), headers, body, { now }),
      "invalid-signature",
    ],
    [
      "a changed body",
      () => verifyWebhook(secret, headers, body.replace("inv_1", "inv_2"), { now }),
      "invalid-signature",
    ],
    [
      "a changed id",
      () => verifyWebhook(secret, { ...headers, "webhook-id": "msg_2" }, body, { now }),
      "invalid-signature",
    ],
    [
      "a changed timestamp",
      () =>
        verifyWebhook(
          secret,
          { ...headers, "webhook-timestamp": String(Number(headers["webhook-timestamp"]) + 1) },
          body,
          { now },
        ),
      "invalid-signature",
    ],
    [
      "a truncated signature",
      () =>
        verifyWebhook(
          secret,
          { ...headers, "webhook-signature": headers["webhook-signature"].slice(0, 20) },
          body,
          { now },
        ),
      "invalid-signature",
    ],
    [
      "no v1 signature",
      () => verifyWebhook(secret, { ...headers, "webhook-signature": "v2,abc" }, body, { now }),
      "invalid-signature",
    ],
    [
      "no webhook-id",
      () => verifyWebhook(secret, { ...headers, "webhook-id": "" }, body, { now }),
      "missing-header",
    ],
    [
      "a timestamp in milliseconds",
      () => verifyWebhook(secret, { ...headers, "webhook-timestamp": "17672256000001" }, body, { now }),
      "timestamp-in-future",
    ],
    [
      "a timestamp that is not a number",
      () => verifyWebhook(secret, { ...headers, "webhook-timestamp": "soon" }, body, { now }),
      "invalid-timestamp",
    ],
    ["a parsed body", () => verifyWebhook(secret, headers, JSON.parse(body), { now }), "body-not-raw"],
  ])("rejects %s", (_, run, code) => {
    expect(failure(run).code).toBe(code);
  });

  it("rejects a timestamp more than the tolerance away, in either direction", () => {
    const tolerance = 5 * 60 * 1000;
    expect(verifyWebhook(secret, headers, body, { now: sentAt.getTime() + tolerance }).id).toBe("msg_1");
    expect(verifyWebhook(secret, headers, body, { now: sentAt.getTime() - tolerance }).id).toBe("msg_1");
    expect(
      failure(() => verifyWebhook(secret, headers, body, { now: sentAt.getTime() + tolerance + 1000 })).code,
    ).toBe("timestamp-too-old");
    expect(
      failure(() => verifyWebhook(secret, headers, body, { now: sentAt.getTime() - tolerance - 1000 })).code,
    ).toBe("timestamp-in-future");
    expect(
      failure(() => verifyWebhook(secret, headers, body, { now: sentAt.getTime() + 61_000, tolerance: "1m" }))
        .code,
    ).toBe("timestamp-too-old");
  });

  it("explains a mismatch without echoing the secret, the signature or the body", () => {
    const error = failure(() => verifyWebhook(generateWebhookSecret(), headers, body, { now }));
    expect(error.message).toBe(
      [
        "Webhook verification failed (webhook-signature): invalid-signature",
        "  received: 1 v1 signature(s), none made with the 1 secret(s) given",
        "  expected: a signature by the endpoint's secret over the exact raw body; check the secret, and that the body was not parsed and re-serialised",
      ].join("\n"),
    );
    expect(error.header).toBe("webhook-signature");
  });

  it("checks and types the payload with a schema after the signature matched", () => {
    const schema = z.object({ type: z.string(), data: z.object({ invoiceId: z.string() }) });
    expect(verifyWebhook(secret, headers, body, { now, schema }).payload.data.invoiceId).toBe("inv_1");
    const strict = z.object({ type: z.literal("invoice.voided") });
    const error = failure(() => verifyWebhook(secret, headers, body, { now, schema: strict }));
    expect(error.code).toBe("invalid-payload");
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it("rejects a signed body that is not JSON", () => {
    const text = "plain text";
    const signed = signWebhook({ id: "msg_1", body: text, secret, timestamp: sentAt });
    expect(failure(() => verifyWebhook(secret, signed, text, { now })).code).toBe("invalid-json");
  });

  it("throws WebhookSecretError, not a verification failure, for a misconfigured secret", () => {
    expect(() => verifyWebhook("", headers, body, { now })).toThrow(WebhookSecretError);
  });
});
