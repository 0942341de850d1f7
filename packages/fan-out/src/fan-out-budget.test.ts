import { inngestLimits } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import {
  type BudgetSettings,
  checkUsage,
  listUsage,
  maxListEvents,
  planBytesPerChunkEnd,
  sendOutputBytesPerChunk,
} from "./fan-out-budget";
import { FanOutError } from "./fan-out-error";

const settings: BudgetSettings = {
  functionId: "newsletter",
  limits: inngestLimits,
  chunkSize: 1000,
  returnIds: true,
  triggerBytes: 200,
};

function refusal(run: () => void): FanOutError {
  try {
    run();
  } catch (error) {
    if (error instanceof FanOutError) return error;
    throw error;
  }
  throw new Error("expected a FanOutError");
}

describe("listUsage", () => {
  it("counts the plan step and one step per chunk", () => {
    expect(listUsage(settings, 12_000)).toMatchObject({ events: 12_000, chunks: 12, steps: 13 });
  });

  it("counts the chunks the request byte limit made, and the chunk ends the plan step records", () => {
    const byCount = listUsage(settings, 3000);
    const byBytes = listUsage(settings, 3000, { chunks: 12, splitByBytes: true });
    expect(byCount).toMatchObject({ chunks: 3, steps: 4, splitByBytes: false });
    expect(byBytes).toMatchObject({ chunks: 12, steps: 13, splitByBytes: true });
    // 9 more sendEvent outputs, and 12 recorded chunk ends.
    expect(byBytes.stateBytes - byCount.stateBytes).toBe(
      9 * sendOutputBytesPerChunk + 12 * planBytesPerChunkEnd,
    );
  });

  it("charges the ids to the result only when they are returned", () => {
    const withIds = listUsage(settings, 1000);
    const withoutIds = listUsage({ ...settings, returnIds: false }, 1000);
    expect(withIds.resultBytes - withoutIds.resultBytes).toBe(35_000);
    expect(withIds.stateBytes - withoutIds.stateBytes).toBe(35_000);
  });
});

describe("maxListEvents", () => {
  it("is the largest list whose ids fit in the 4 MiB result", () => {
    const max = maxListEvents(settings);
    expect(listUsage(settings, max).resultBytes).toBeLessThanOrEqual(inngestLimits.maxStepOutputBytes);
    expect(listUsage(settings, max + 1).resultBytes).toBeGreaterThan(inngestLimits.maxStepOutputBytes);
    expect(max).toBeGreaterThan(119_000);
  });

  it("is bounded by the step limit when each chunk is small", () => {
    expect(maxListEvents({ ...settings, chunkSize: 1 })).toBe(999);
  });

  it("is bounded by the run state without ids", () => {
    const unbounded = { ...settings, returnIds: false, chunkSize: 5000 };
    const max = maxListEvents(unbounded);
    expect(listUsage(unbounded, max).stateBytes).toBeLessThanOrEqual(inngestLimits.maxRunStateBytes);
    expect(listUsage(unbounded, max + 1).stateBytes).toBeGreaterThan(inngestLimits.maxRunStateBytes);
  });
});

describe("checkUsage", () => {
  it("accepts a plan within every limit", () => {
    expect(() =>
      checkUsage(settings, listUsage(settings, 12_000), { events: "12000 events", steps: "" }),
    ).not.toThrow();
  });

  it("refuses a plan over the step limit, saying how the steps add up", () => {
    const small = { ...settings, chunkSize: 1 };
    const error = refusal(() =>
      checkUsage(small, listUsage(small, 1000), {
        events: "1000 events",
        steps: "1 plan step + 1000 sendEvent steps of up to 1 event (chunkSize 1)",
      }),
    );
    expect(error.message).toBe(
      'Fan-out "newsletter" needs more steps than one run may have: 1001 steps for 1000 events\n' +
        "  1 plan step + 1000 sendEvent steps of up to 1 event (chunkSize 1)\n" +
        "  limit: 1000 steps per run (maxStepsPerRun)\n" +
        "  expected: at most 1000 steps: a larger chunkSize (up to 5000 events per step), pages, or fewer events per triggering event, e.g. chunkSize: 1000",
    );
    expect(error).toMatchObject({ code: "step-budget", limit: "maxStepsPerRun", functionId: "newsletter" });
  });

  it("points to smaller events, not a larger chunkSize, when the byte limit made the extra steps", () => {
    const error = refusal(() =>
      checkUsage(settings, listUsage(settings, 300_000, { chunks: 1200, splitByBytes: true }), {
        events: "300000 events",
        steps: "1 plan step + 1200 sendEvent steps",
      }),
    );
    expect(error.code).toBe("step-budget");
    expect(error.message).toContain(
      '  expected: at most 1000 steps: smaller events (a send request carries at most 524288 bytes (512 KiB)), or fewer events per triggering event, e.g. { userId: "usr_123" } instead of the whole user record',
    );
  });

  it("refuses a result whose ids would not fit in the output limit and points to returnIds", () => {
    const error = refusal(() =>
      checkUsage(settings, listUsage(settings, 130_000), { events: "130000 events", steps: "" }),
    );
    expect(error.code).toBe("result-size");
    expect(error.message).toContain(
      "would return a result over the output limit: the ids of 130000 events take 4550064 bytes (4.3 MiB)",
    );
    expect(error.message).toContain("expected: returnIds: false");
  });

  it("refuses a plan over the run state limit", () => {
    const noIds = { ...settings, returnIds: false, chunkSize: 5000 };
    const error = refusal(() =>
      checkUsage(noIds, listUsage(noIds, 1_200_000), { events: "1200000 events", steps: "" }),
    );
    expect(error.code).toBe("run-state");
    expect(error.message).toContain("limit: 33554432 bytes (32 MiB) per run (maxRunStateBytes)");
  });
});
