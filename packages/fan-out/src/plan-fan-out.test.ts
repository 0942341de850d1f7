import { inngestLimits, JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { checkChunkSize, planFanOut } from "./plan-fan-out";

describe("planFanOut", () => {
  it("sends a list in chunks of 1000 by default, after one plan step", () => {
    const plan = planFanOut({ events: 12_000 });
    expect(plan).toMatchObject({
      chunkSize: 1000,
      eventsPerChunk: 1000,
      chunks: 12,
      pages: 0,
      steps: 13,
      withinBudget: true,
    });
  });

  it("rounds a partial last chunk up", () => {
    expect(planFanOut({ events: 12_001 }).chunks).toBe(13);
    expect(planFanOut({ events: 0 }).chunks).toBe(0);
  });

  it("counts one fetch step per page plus the sends of each page", () => {
    const plan = planFanOut({ events: 100_000, eventsPerPage: 1000 });
    expect(plan).toMatchObject({ pages: 100, chunks: 100, steps: 200, maxSteps: 1000, withinBudget: true });
  });

  it("splits pages bigger than a chunk into several sends", () => {
    const plan = planFanOut({ events: 10_000, eventsPerPage: 2500, chunkSize: 1000 });
    expect(plan).toMatchObject({ pages: 4, chunks: 12, steps: 16 });
  });

  it("counts a short last page and the fetch of an empty source", () => {
    expect(planFanOut({ events: 2500, eventsPerPage: 1000 })).toMatchObject({
      pages: 3,
      chunks: 3,
      steps: 6,
    });
    expect(planFanOut({ events: 0, eventsPerPage: 1000 })).toMatchObject({ pages: 1, chunks: 0, steps: 1 });
  });

  it("reports a plan over the step limit as outside the budget", () => {
    expect(planFanOut({ events: 999, chunkSize: 1 })).toMatchObject({ steps: 1000, withinBudget: true });
    expect(planFanOut({ events: 1000, chunkSize: 1 })).toMatchObject({ steps: 1001, withinBudget: false });
    expect(planFanOut({ events: 600_000, eventsPerPage: 1000 }).withinBudget).toBe(false);
  });

  it("checks against overridden limits", () => {
    const plan = planFanOut({ events: 20_000, limits: { maxStepsPerRun: 10 } });
    expect(plan).toMatchObject({ steps: 21, maxSteps: 10, withinBudget: false });
  });

  it("counts more, smaller chunks for events that fill a send request before chunkSize", () => {
    // 255 events of 2048 bytes (and their commas) fit in 512 KiB; 256 do not.
    expect(planFanOut({ events: 20_000, eventBytes: 2048 })).toMatchObject({
      chunkSize: 1000,
      eventsPerChunk: 255,
      chunks: 79,
      steps: 80,
    });
    expect(planFanOut({ events: 20_000, eventBytes: 100 })).toMatchObject({
      eventsPerChunk: 1000,
      chunks: 20,
    });
    expect(planFanOut({ events: 10_000, eventsPerPage: 1000, eventBytes: 2048 })).toMatchObject({
      pages: 10,
      chunks: 40,
      steps: 50,
    });
  });

  it("reports a plan over budget because of its event sizes", () => {
    const limits = { maxStepsPerRun: 10 };
    expect(planFanOut({ events: 3000, limits }).withinBudget).toBe(true);
    expect(planFanOut({ events: 3000, eventBytes: 2048, limits })).toMatchObject({
      chunks: 12,
      steps: 13,
      withinBudget: false,
    });
  });

  it("refuses event sizes no send can carry", () => {
    expect(() => planFanOut({ events: 10, eventBytes: 300_000 })).toThrow(
      'Invalid option "eventBytes": 300000\n' +
        "  an event may have 262144 bytes (256 KiB) (maxEventBytes) and a send request 524288 bytes (512 KiB) (maxSendRequestBytes)\n" +
        "  expected: a whole number of bytes from 1 to 262144, e.g. 2048",
    );
    expect(() => planFanOut({ events: 10, eventBytes: 0 })).toThrow(JobError);
  });

  it("refuses counts that are not whole numbers", () => {
    expect(() => planFanOut({ events: -1 })).toThrow(JobError);
    expect(() => planFanOut({ events: 10, eventsPerPage: 0 })).toThrow('Invalid option "eventsPerPage": 0');
  });
});

describe("checkChunkSize", () => {
  it("defaults to 1000 events per send", () => {
    expect(checkChunkSize("newsletter", undefined, inngestLimits)).toBe(1000);
  });

  it("refuses more events per send than Inngest accepts, naming the limit", () => {
    expect(() => checkChunkSize("newsletter", 6000, inngestLimits)).toThrow(
      'Invalid option "chunkSize" for function "newsletter": 6000\n' +
        "  Inngest accepts at most 5000 events per send request\n" +
        "  expected: a whole number from 1 to 5000 (events per step.sendEvent), e.g. 1000",
    );
  });

  it("refuses zero, fractions and strings", () => {
    for (const value of [0, 2.5, "1000"]) {
      expect(() => checkChunkSize("newsletter", value, inngestLimits)).toThrow(JobError);
    }
  });
});
