import { describe, expect, it } from "vitest";
import { hashSigningKey, resolveClientConfig } from "./client-config";
import { RunsError } from "./runs-error";

// The SDK's own hash, read from its build (it is not in inngest's exports map, nor typed there): the client
// must send exactly what inngest-js sends.
const sdkStrings: string = "../node_modules/inngest/helpers/strings.js";
const { hashSigningKey: sdkHashSigningKey } = (await import(sdkStrings)) as {
  hashSigningKey: (key: string) => string;
};

const key = "signkey-prod-0123456789abcdef0123456789abcdef";

describe("hashSigningKey", () => {
  it("hashes the key exactly as inngest-js does, prefix kept", () => {
    expect(hashSigningKey(key)).toBe(sdkHashSigningKey(key));
    expect(hashSigningKey(key)).toMatch(/^signkey-prod-[0-9a-f]{64}$/);
    expect(hashSigningKey("00ff")).toBe(sdkHashSigningKey("00ff"));
  });
});

describe("resolveClientConfig", () => {
  it("defaults to Inngest Cloud and requires a signing key there", () => {
    expect(() => resolveClientConfig({ environment: {} })).toThrow(/no signing key in cloud mode/);
    const config = resolveClientConfig({ environment: { INNGEST_SIGNING_KEY: key, INNGEST_APP_ID: "shop" } });
    expect(config.mode).toBe("cloud");
    expect(config.baseUrl.href).toBe("https://api.inngest.com/");
    expect(config.appId).toBe("shop");
    expect(config.keys).toEqual([{ which: "primary", token: sdkHashSigningKey(key) }]);
  });

  it("uses the dev server with INNGEST_DEV=1, or the URL INNGEST_DEV names", () => {
    expect(resolveClientConfig({ environment: { INNGEST_DEV: "1" } }).baseUrl.href).toBe(
      "http://localhost:8288/",
    );
    expect(resolveClientConfig({ environment: { INNGEST_DEV: "http://127.0.0.1:9999" } }).baseUrl.href).toBe(
      "http://127.0.0.1:9999/",
    );
    expect(resolveClientConfig({ environment: { NODE_ENV: "development" } }).mode).toBe("dev");
    expect(resolveClientConfig({ environment: { INNGEST_DEV: "0", INNGEST_SIGNING_KEY: key } }).mode).toBe(
      "cloud",
    );
  });

  it("lets the isDev option win over the environment, like createInngestClient", () => {
    expect(resolveClientConfig({ isDev: true, environment: { INNGEST_DEV: "0" } }).mode).toBe("dev");
    expect(() => resolveClientConfig({ isDev: false, environment: { INNGEST_DEV: "1" } })).toThrow(RunsError);
  });

  it("reads INNGEST_BASE_URL, INNGEST_API_BASE_URL and the fallback key from the environment", () => {
    const config = resolveClientConfig({
      environment: {
        INNGEST_SIGNING_KEY: key,
        INNGEST_SIGNING_KEY_FALLBACK: "signkey-prod-ffff",
        INNGEST_BASE_URL: "http://127.0.0.1:1234/inngest",
        INNGEST_ENV: "branch-1",
      },
    });
    expect(config.baseUrl.href).toBe("http://127.0.0.1:1234/inngest/");
    expect(config.keys.map((entry) => entry.which)).toEqual(["primary", "fallback"]);
    expect(config.env).toBe("branch-1");
    expect(
      resolveClientConfig({
        isDev: true,
        environment: { INNGEST_API_BASE_URL: "http://127.0.0.1:5/", INNGEST_BASE_URL: "http://127.0.0.1:6/" },
      }).baseUrl.port,
    ).toBe("5");
  });

  it("refuses a bad baseUrl or retries count with an invalid-input error", () => {
    expect(() => resolveClientConfig({ isDev: true, baseUrl: "not a url", environment: {} })).toThrow(
      expect.objectContaining({ code: "invalid-input" }),
    );
    expect(() => resolveClientConfig({ isDev: true, retries: 11, environment: {} })).toThrow(/retries/);
  });

  it("never puts a key into an error message", () => {
    expect.assertions(1);
    try {
      resolveClientConfig({ isDev: true, retries: -1, signingKey: key, environment: {} });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("0123456789abcdef");
    }
  });
});
