import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const signingKey = `signkey-test-${"5eed".repeat(16)}`;

beforeEach(() => {
  vi.resetModules();
  vi.stubEnv("INNGEST_DEV", undefined);
  vi.stubEnv("INNGEST_SIGNING_KEY", undefined);
  vi.stubEnv("NEXT_PHASE", undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("lib/inngest", () => {
  it("refuses to load in cloud mode without a signing key, naming the variable", async () => {
    await expect(import("../lib/inngest/client")).rejects.toThrow(/INNGEST_SIGNING_KEY is not set/);
  });

  it("loads without a signing key while `next build` reads route configuration", async () => {
    vi.stubEnv("NEXT_PHASE", "phase-production-build");

    const { inngest } = await import("../lib/inngest/client");

    expect(inngest.mode).toBe("dev");
  });

  it("stays in cloud mode during the build when the signing key is given", async () => {
    vi.stubEnv("NEXT_PHASE", "phase-production-build");
    vi.stubEnv("INNGEST_SIGNING_KEY", signingKey);

    const { inngest } = await import("../lib/inngest/client");

    expect(inngest.mode).toBe("cloud");
  });

  it("uses the Inngest Dev Server under `next dev`", async () => {
    vi.stubEnv("NODE_ENV", "development");

    const { inngest } = await import("../lib/inngest/client");

    expect(inngest.mode).toBe("dev");
  });
});
