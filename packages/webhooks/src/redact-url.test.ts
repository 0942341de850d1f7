import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it("keeps scheme, host, port and path, and hides credentials, query and fragment", () => {
    expect(redactUrl("https://user:pass@hooks.example.com:8443/a/b?token=s3cr3t#x")).toBe(
      "https://hooks.example.com:8443/a/b?…",
    );
    expect(redactUrl("https://hooks.example.com/a")).toBe("https://hooks.example.com/a");
  });

  it("shortens a long path and survives a string that is not a URL", () => {
    expect(redactUrl(`https://h.example/${"p".repeat(200)}`)).toHaveLength("https://h.example".length + 81);
    expect(redactUrl("nope")).toBe("(not a URL)");
  });
});
