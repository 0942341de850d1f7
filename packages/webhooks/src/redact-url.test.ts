import { webhookFailed } from "@jobkit/events/standard";
import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it("keeps scheme, host, port and path, and hides credentials, query and fragment", () => {
    expect(redactUrl("https://user:pass@hooks.example.com:8443/a/b?token=s3cr3t#x")).toBe(
      "https://hooks.example.com:8443/a/b?(redacted)",
    );
    expect(redactUrl("https://hooks.example.com/a")).toBe("https://hooks.example.com/a");
  });

  it("shortens a long path and survives a string that is not a URL", () => {
    expect(redactUrl(`https://h.example/${"p".repeat(200)}`)).toHaveLength("https://h.example".length + 83);
    expect(redactUrl("nope")).toBe("(not a URL)");
  });

  it("stays a plain ASCII URL the webhook/failed url field accepts", () => {
    const shown = redactUrl(`https://${"a".repeat(300)}.example/é?t=1`);
    expect(shown).toBe("https://host-name-too-long.invalid/%C3%A9?(redacted)");
    expect(
      webhookFailed.create.bind(webhookFailed, {
        webhookId: "wh_1",
        messageId: "msg_1",
        url: shown,
        attempts: 1,
        error: "x",
        failedAt: "2026-01-01T00:00:00Z",
      }),
    ).not.toThrow();
  });
});
