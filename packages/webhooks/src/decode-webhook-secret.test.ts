import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeWebhookSecret, decodeWebhookSecrets } from "./decode-webhook-secret";
import { WebhookError } from "./webhook-error";

const key = randomBytes(32);
const secret = `whsec_${key.toString("base64")}`;

function errorFor(value: unknown): WebhookError {
  try {
    decodeWebhookSecret(value, "secret");
  } catch (error) {
    if (error instanceof WebhookError && error.code === "invalid-secret") return error;
    throw error;
  }
  throw new Error("expected an invalid-secret WebhookError");
}

describe("decodeWebhookSecret", () => {
  it("decodes the base64 after whsec_ into the HMAC key", () => {
    expect(decodeWebhookSecret(secret, "secret").equals(key)).toBe(true);
  });

  it("accepts the base64 without the prefix, as the reference libraries do", () => {
    expect(decodeWebhookSecret(key.toString("base64"), "secret").equals(key)).toBe(true);
  });

  it.each([
    ["whsec_", "an empty secret"],
    [`whsec_${randomBytes(16).toString("base64")}`, "decodes to 16 bytes, outside 24-64"],
    [`whsec_${randomBytes(65).toString("base64")}`, "decodes to 65 bytes, outside 24-64"],
    ["whsec_not*base64!but-long-enough-to-matter", "characters that are not base64"],
    [42, "a number, not a string"],
  ])("refuses %j: %s", (value, problem) => {
    expect(errorFor(value).message).toContain(problem);
  });

  it("never puts the secret, or its base64, in the message", () => {
    const short = `whsec_${randomBytes(20).toString("base64")}`;
    const error = errorFor(short);
    expect(error.message).not.toContain(short.slice(6));
    expect(error.message).toMatch(/^Invalid webhook signing secret \(secret\): decodes to 20 bytes/);
  });

  it("names the entry of a list that is wrong, and refuses an empty list", () => {
    expect(() => decodeWebhookSecrets([secret, "whsec_AAAA"], "secrets")).toThrow(/\(secrets\[1\]\)/);
    expect(() => decodeWebhookSecrets([], "secrets")).toThrow(/an empty list of secrets/);
  });
});
