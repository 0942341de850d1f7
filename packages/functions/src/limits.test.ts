import { defineEvent } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEventFunction, inngestLimits, JobError, withLimits } from "./index";

const pageViewed = defineEvent("analytics/page.viewed", { schema: z.object({ path: z.string() }) });
const batched = {
  id: "ingest",
  on: pageViewed,
  batchEvents: { maxSize: 500, timeout: "5s" },
  handler: () => undefined,
} as const;

describe("limits", () => {
  it("holds Inngest's documented limits in one object", () => {
    expect(inngestLimits).toMatchObject({
      maxStepsPerRun: 1000,
      maxEventsPerSend: 5000,
      maxStepOutputBytes: 4 * 1024 * 1024,
      maxRunStateBytes: 32 * 1024 * 1024,
      maxEventBytes: 256 * 1024,
      maxBatchSize: 100,
      maxSleepMs: 365 * 24 * 60 * 60 * 1000,
      maxRetries: 20,
    });
    expect(Object.isFrozen(inngestLimits)).toBe(true);
  });

  it("rejects a batch over the default limit", () => {
    expect(() => defineEventFunction(batched as never)).toThrowError(/from 1 to 100/);
  });

  it("accepts it with overrides for a self-hosted server", () => {
    const { defineEventFunction: defineSelfHosted, limits } = withLimits({ maxBatchSize: 1000 });
    expect(defineSelfHosted(batched).config.batchEvents?.maxSize).toBe(500);
    expect(limits.maxRetries).toBe(20);
  });

  it("rejects unknown or non-positive overrides", () => {
    expect(() => withLimits({ maxBatchSzie: 5 } as never)).toThrowError(JobError);
    expect(() => withLimits({ maxRetries: 0 })).toThrowError(/a positive number/);
  });
});
