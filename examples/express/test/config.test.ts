import { describe, expect, it } from "vitest";
import { AppConfigError, readConfig } from "../src/config";

describe("readConfig", () => {
  it("listens on 3000 with the admin API and webhooks off by default", () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      adminToken: undefined,
      webhookSecrets: [],
      webhookSource: "incoming",
    });
  });

  it("treats an empty ADMIN_TOKEN as unset, so the admin API stays off", () => {
    expect(readConfig({ ADMIN_TOKEN: "  " }).adminToken).toBeUndefined();
  });

  it("rejects a PORT that is not a port number, naming the variable and the value", () => {
    expect(() => readConfig({ PORT: "80a" })).toThrow(AppConfigError);
    expect(() => readConfig({ PORT: "80a" })).toThrow(
      'Invalid environment variable PORT: "80a"\n  expected: a TCP port number from 0 to 65535, e.g. 3000',
    );
    expect(() => readConfig({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("reads several space-separated webhook secrets, for rotation", () => {
    const secrets = ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_Y2hhbmdlZC1zZWNyZXQtb2YtMzItYnl0ZXM="];
    expect(readConfig({ WEBHOOK_SECRET: secrets.join(" ") }).webhookSecrets).toEqual(secrets);
  });
});
