import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signWebhook } from "./sign-webhook";
import { verifyWebhook } from "./verify-webhook";

// Interop with the reference implementation, the official `standardwebhooks` package: whatever one signs the
// other verifies, and on altered signature text or skewed clocks both reach the same verdict.

const runs = Math.min(Number(process.env.FUZZ_RUNS ?? 200) || 200, 10_000);

// The published test vector of the Standard Webhooks libraries (the JavaScript, Go, C# and Java tests).
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

/** Message ids our signer accepts: printable ASCII without "." and space. */
const messageId = fc.string({
  unit: fc
    .integer({ min: 0x21, max: 0x7e })
    .filter((code) => code !== 0x2e)
    .map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 64,
});
const secret = fc
  .integer({ min: 24, max: 64 })
  .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }))
  .map((bytes) => `whsec_${Buffer.from(bytes).toString("base64")}`);
/** A JSON body as a sender writes it (unicode included), or the empty body. */
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constant(""),
  fc.string({ unit: "grapheme" }).map((text) => JSON.stringify({ text })),
);
/** Unix seconds from 1970 to 2100. */
const timestamp = fc.integer({ min: 0, max: 4_102_444_800 });

/** The reference reads the system clock; set it to `seconds` (plus `extraMs`) for one call. */
function atTime<TResult>(seconds: number, extraMs: number, run: () => TResult): TResult {
  vi.setSystemTime(seconds * 1000 + extraMs);
  return run();
}

function referenceAccepts(key: string, headers: Record<string, string>, payload: string): boolean {
  try {
    new Webhook(key).verify(payload, headers);
    return true;
  } catch {
    return false;
  }
}

function oursAccepts(key: string, headers: Record<string, string>, payload: string, now: number): boolean {
  try {
    verifyWebhook(key, headers, payload, { now });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "verification-failed") throw error;
    return false;
  }
}

describe("interop with the standardwebhooks reference library", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("signs the published test vector exactly, and both sides verify it", () => {
    const headers = signWebhook({
      id: vector.id,
      body: vector.body,
      secret: vector.secret,
      timestamp: vector.timestamp,
    });
    expect(headers["webhook-signature"]).toBe(vector.signature);
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(
      atTime(vector.timestamp, 0, () => new Webhook(vector.secret).verify(vector.body, headers)),
    ).toEqual({
      test: 2432232314,
    });
    expect(
      verifyWebhook(vector.secret, headers, vector.body, { now: vector.timestamp * 1000 }).payload,
    ).toEqual({
      test: 2432232314,
    });
  });

  it("signs what the reference verifies, for any body, id, timestamp and secret", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    fc.assert(
      fc.property(messageId, body, timestamp, secret, (id, payload, seconds, key) => {
        const headers = signWebhook({ id, body: payload, secret: key, timestamp: seconds });
        const parsed = atTime(seconds, 0, () => new Webhook(key).verify(payload, headers));
        expect(parsed).toEqual(payload === "" ? undefined : JSON.parse(payload));
      }),
      { numRuns: runs },
    );
  });

  it("verifies what the reference signs, with the same payload", () => {
    fc.assert(
      fc.property(messageId, body, timestamp, secret, (id, payload, seconds, key) => {
        const signature = new Webhook(key).sign(id, new Date(seconds * 1000), payload);
        const headers = {
          "webhook-id": id,
          "webhook-timestamp": String(seconds),
          "webhook-signature": signature,
        };
        const verified = verifyWebhook(key, headers, Buffer.from(payload), { now: seconds * 1000 });
        expect(verified.payload).toEqual(payload === "" ? undefined : JSON.parse(payload));
        expect(verified.timestamp.getTime()).toBe(seconds * 1000);
      }),
      { numRuns: runs },
    );
  });

  it("reaches the reference's verdict on altered signature text", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const alteration = fc.oneof(
      fc.constant((text: string) => text.replace(/=+$/, "")),
      fc.constant((text: string) => text.replaceAll("+", "-").replaceAll("/", "_")),
      fc.constant((text: string) => text.toUpperCase()),
      fc.string({ maxLength: 4 }).map((suffix) => (text: string) => `${text}${suffix}`),
      fc.string({ maxLength: 4 }).map((prefix) => (text: string) => `${prefix}${text}`),
      fc
        .tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }))
        .map(([at, character]) => (text: string) => {
          const index = at % text.length;
          return `${text.slice(0, index)}${character}${text.slice(index + 1)}`;
        }),
      fc.string({ maxLength: 60 }).map((other) => (text: string) => `${other} ${text}`),
    );
    fc.assert(
      fc.property(messageId, body, timestamp, secret, alteration, (id, payload, seconds, key, alter) => {
        const headers = signWebhook({ id, body: payload, secret: key, timestamp: seconds });
        const altered = { ...headers, "webhook-signature": alter(headers["webhook-signature"]) };
        const theirs = atTime(seconds, 0, () => referenceAccepts(key, altered, payload));
        expect(oursAccepts(key, altered, payload, seconds * 1000)).toBe(theirs);
      }),
      { numRuns: runs },
    );
  });

  it("reaches the reference's verdict on clock skew, counted in whole seconds", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const key = `whsec_${randomBytes(32).toString("base64")}`;
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 999 }),
        (seconds, skew, extraMs) => {
          const headers = signWebhook({ id: "msg_skew", body: "{}", secret: key, timestamp: seconds });
          const now = seconds + skew;
          const theirs = atTime(now, extraMs, () => referenceAccepts(key, headers, "{}"));
          expect(oursAccepts(key, headers, "{}", now * 1000 + extraMs)).toBe(theirs);
        },
      ),
      { numRuns: runs },
    );
  });
});
