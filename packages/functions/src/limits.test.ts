import { defineEvent } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  defineCronFunction,
  defineEventFunction,
  defineStepFunction,
  inngestLimits,
  JobError,
} from "./index";

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

  it("accepts it with the limits option of a self-hosted server", () => {
    const definition = defineEventFunction({ ...batched, limits: { maxBatchSize: 1000 } });
    expect(definition.config.batchEvents?.maxSize).toBe(500);
  });

  it("applies the limits option to every kind of definition", () => {
    const longId = "a".repeat(200);
    const handler = async () => undefined;
    expect(() => defineCronFunction({ id: longId, cron: "0 3 * * *", handler })).toThrowError(
      /1-128 characters/,
    );
    expect(
      defineCronFunction({ id: longId, cron: "0 3 * * *", handler, limits: { maxFunctionIdLength: 255 } }).id,
    ).toBe(longId);
    const steps = (chain: { step: (id: string, run: () => number) => unknown }) => chain.step("one", () => 1);
    expect(() =>
      defineStepFunction({
        id: "few-steps",
        on: pageViewed,
        steps: steps as never,
        limits: { maxStepsPerRun: 0.5 },
      }),
    ).toThrowError(/at most 0.5 steps/);
  });

  it("rejects unknown or non-positive overrides, naming the function and the closest limit", () => {
    const misspelt = () => defineEventFunction({ ...batched, limits: { maxBatchSzie: 5 } as never });
    expect(misspelt).toThrowError(JobError);
    expect(misspelt).toThrowError(/limits\.maxBatchSzie[\s\S]*did you mean "maxBatchSize"/);
    expect(misspelt).toThrowError(/for function "ingest"/);
    expect(() => defineEventFunction({ ...batched, limits: { maxRetries: 0 } })).toThrowError(
      /a positive number/,
    );
    expect(() => defineEventFunction({ ...batched, limits: "big" as never })).toThrowError(
      /an object of Inngest limit overrides/,
    );
  });
});
