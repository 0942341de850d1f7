import { describe, expect, it } from "vitest";
import { decodeWebhookSecret } from "./decode-webhook-secret";
import { generateWebhookSecret } from "./generate-webhook-secret";

describe("generateWebhookSecret", () => {
  it("makes a whsec_ secret of 32 random bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(decodeWebhookSecret(secret, "secret")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it("makes 24 to 64 bytes on request and refuses other lengths", () => {
    expect(decodeWebhookSecret(generateWebhookSecret(64), "secret")).toHaveLength(64);
    expect(() => generateWebhookSecret(16)).toThrow(
      expect.objectContaining({ name: "WebhookError", code: "invalid-input", path: "bytes" }),
    );
  });
});
