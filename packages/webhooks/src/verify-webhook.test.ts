import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { signWebhook } from "./sign-webhook";
import { verifyWebhook } from "./verify-webhook";
import { WebhookError, type WebhookErrorReason } from "./webhook-error";

const secret = generateWebhookSecret();
const body = JSON.stringify({ type: "invoice.paid", data: { invoiceId: "inv_1" } });
const sentAt = new Date("2026-01-01T12:00:00Z");
const headers = signWebhook({ id: "msg_1", body, secret, timestamp: sentAt });
const now = sentAt.getTime() + 1000;

function failure(run: () => unknown, code = "verification-failed"): WebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookError && error.code === code) return error;
    throw error;
  }
  throw new Error(`expected a ${code} WebhookError`);
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

  it.each<[string, () => unknown, WebhookErrorReason]>([
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
  ])("rejects %s", (_, run, reason) => {
    expect(failure(run).reason).toBe(reason);
  });

  it("refuses a parsed body as the receiver's own mistake (invalid-input)", () => {
    const error = failure(() => verifyWebhook(secret, headers, JSON.parse(body), { now }), "invalid-input");
    expect(error.path).toBe("body");
  });

  it("rejects a timestamp more than the tolerance away, in either direction", () => {
    const tolerance = 5 * 60 * 1000;
    expect(verifyWebhook(secret, headers, body, { now: sentAt.getTime() + tolerance }).id).toBe("msg_1");
    expect(verifyWebhook(secret, headers, body, { now: sentAt.getTime() - tolerance }).id).toBe("msg_1");
    expect(
      failure(() => verifyWebhook(secret, headers, body, { now: sentAt.getTime() + tolerance + 1000 }))
        .reason,
    ).toBe("timestamp-too-old");
    expect(
      failure(() => verifyWebhook(secret, headers, body, { now: sentAt.getTime() - tolerance - 1000 }))
        .reason,
    ).toBe("timestamp-in-future");
    expect(
      failure(() => verifyWebhook(secret, headers, body, { now: sentAt.getTime() + 61_000, tolerance: "1m" }))
        .reason,
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
    expect(error.reason).toBe("invalid-payload");
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it("rejects a signed body that is not JSON", () => {
    const text = "plain text";
    const signed = signWebhook({ id: "msg_1", body: text, secret, timestamp: sentAt });
    expect(failure(() => verifyWebhook(secret, signed, text, { now })).reason).toBe("invalid-json");
  });

  it("throws invalid-secret, not a verification failure, for a misconfigured secret", () => {
    expect(() => verifyWebhook("", headers, body, { now })).toThrow(
      expect.objectContaining({ code: "invalid-secret" }),
    );
  });
});

describe("verifyWebhook: the reference library's semantics", () => {
  // The published test vector of the Standard Webhooks libraries: its signature holds "+" and "/".
  const vector = {
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    body: '{"test": 2432232314}',
    headers: {
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    },
    now: 1614265330 * 1000,
  };
  const signature = vector.headers["webhook-signature"];
  const base64 = signature.slice(3);

  it("accepts the published test vector as written", () => {
    expect(verifyWebhook(vector.secret, vector.headers, vector.body, { now: vector.now }).payload).toEqual({
      test: 2432232314,
    });
  });

  it.each([
    ["without its padding", `v1,${base64.replace(/=+$/, "")}`],
    ["in the base64url alphabet", `v1,${base64.replaceAll("+", "-").replaceAll("/", "_")}`],
    ["with trailing characters the decoder ignores", `${signature}!!`],
    ["with four extra base64 characters", `${signature}AAAA`],
    ["with a trailing NUL", `${signature}\u0000`],
    ["with the version in capitals", `V1,${base64}`],
  ])("refuses the right signature written %s", (_, written) => {
    const error = failure(() =>
      verifyWebhook(vector.secret, { ...vector.headers, "webhook-signature": written }, vector.body, {
        now: vector.now,
      }),
    );
    expect(error.reason).toBe("invalid-signature");
  });

  it("returns no payload for a correctly signed empty body, as the reference does", () => {
    const empty = signWebhook({ id: "msg_empty", body: "", secret, timestamp: sentAt });
    expect(verifyWebhook(secret, empty, "", { now })).toEqual({
      id: "msg_empty",
      timestamp: sentAt,
      payload: undefined,
    });
    expect(verifyWebhook(secret, empty, new Uint8Array(), { now }).payload).toBeUndefined();
  });

  it("counts the tolerance in whole seconds of the clock", () => {
    const signedAt = sentAt.getTime();
    // 300.999 s after the signing second is still 300 whole seconds.
    expect(verifyWebhook(secret, headers, body, { now: signedAt + 300_999 }).id).toBe("msg_1");
    expect(failure(() => verifyWebhook(secret, headers, body, { now: signedAt + 301_000 })).reason).toBe(
      "timestamp-too-old",
    );
    // 299.5 s before the signing second is second 299 ahead: within 300.
    expect(verifyWebhook(secret, headers, body, { now: signedAt - 299_500 }).id).toBe("msg_1");
    expect(failure(() => verifyWebhook(secret, headers, body, { now: signedAt - 301_000 })).reason).toBe(
      "timestamp-in-future",
    );
  });

  it("refuses a tolerance that is not whole seconds", () => {
    expect(() => verifyWebhook(secret, headers, body, { now, tolerance: 1500 })).toThrow(/whole seconds/);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["an Invalid Date", new Date("nope")],
    ['"yesterday"', "yesterday"],
  ])("refuses now = %s instead of accepting a signature from 2001 (defect 2)", (_, bad) => {
    const old = signWebhook({ id: "msg_old", body, secret, timestamp: new Date("2001-09-09T01:46:40Z") });
    const error = failure(
      () => verifyWebhook(secret, old, body, { now: bad as unknown as number }),
      "invalid-input",
    );
    expect(error.path).toBe("options.now");
    expect(error.message).toContain("expected: a valid Date or epoch milliseconds");
  });

  it.each([
    ["a number", 5],
    ["an object", { value: "msg_1" }],
    ["a list holding a number", ["v1,abc", 5]],
  ])("names a header value that is %s instead of a TypeError (defect 13)", (_, value) => {
    const error = failure(
      () => verifyWebhook(secret, { ...headers, "webhook-id": value } as never, body, { now }),
      "invalid-input",
    );
    expect(error.path).toBe('headers["webhook-id"]');
    expect(error).not.toBeInstanceOf(TypeError);
  });

  it("names a Headers-like get() that returns something other than a string", () => {
    const odd = { get: (name: string) => (name === "webhook-id" ? 42 : null) };
    const error = failure(() => verifyWebhook(secret, odd as never, body, { now }), "invalid-input");
    expect(error.path).toBe('headers.get("webhook-id")');
  });
});
