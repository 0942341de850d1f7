import { JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { batchingWithLimits } from "./batching-with-limits";

describe("batchingWithLimits", () => {
  it("checks batch sizes against the overridden cap, for every definer", () => {
    const { limits, defineBatchFunction, analyticsBatch, notificationDigest } = batchingWithLimits({
      maxBatchSize: 1000,
    });
    expect(limits.maxBatchSize).toBe(1000);
    expect(analyticsBatch({ write: () => undefined, maxSize: 1000 }).config.batchEvents?.maxSize).toBe(1000);
    expect(notificationDigest({ deliver: () => undefined, maxSize: 500 }).config.batchEvents?.maxSize).toBe(
      500,
    );
    expect(
      defineBatchFunction({
        id: "big",
        on: "app/tick",
        batch: { maxSize: 1000, timeout: "5s" },
        handler: () => null,
      }).config.batchEvents?.maxSize,
    ).toBe(1000);
    expect(() => analyticsBatch({ write: () => undefined, maxSize: 1001 })).toThrow(JobError);
  });

  it("rejects an unknown limit name", () => {
    expect(() => batchingWithLimits({ maxBatchSise: 5 } as never)).toThrow(JobError);
  });
});
