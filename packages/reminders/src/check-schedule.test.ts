import { inngestLimits, JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { checkSchedule } from "./check-schedule";

const context = { functionId: "trial-reminders", limits: inngestLimits };
const endsAt = (event: { data: { endsAt: string } }) => event.data.endsAt;

function errorOf(schedule: unknown, limits = inngestLimits): JobError {
  try {
    checkSchedule(schedule, { ...context, limits });
  } catch (error) {
    if (error instanceof JobError) return error;
    throw error;
  }
  throw new Error("expected a JobError");
}

describe("checkSchedule", () => {
  it("returns each entry with its direction and calendar offset", () => {
    const [first, second] = checkSchedule(
      [
        { id: "first", after: "24h" },
        { id: "ends-in-3d", before: "3d", of: endsAt },
      ],
      context,
    );
    expect(first).toMatchObject({ id: "first", direction: 1, offset: { days: 0, ms: 86_400_000 } });
    expect(second).toMatchObject({ id: "ends-in-3d", direction: -1, offset: { days: 3, ms: 0 }, of: endsAt });
  });

  it("refuses a relative sleep longer than Inngest's maximum at definition time", () => {
    const error = errorOf([{ id: "too-late", after: "400d" }]);
    expect(error.path).toBe("schedule[0].after");
    expect(error.functionId).toBe("trial-reminders");
    expect(error.message).toContain("Inngest's longest sleep");
    expect(error.received).toBe('"400d"');
  });

  it("honours overridden limits for a self-hosted Inngest", () => {
    const limits = { ...inngestLimits, maxSleepMs: 7 * 86_400_000 };
    expect(errorOf([{ id: "later", after: "8d" }], limits).path).toBe("schedule[0].after");
    expect(checkSchedule([{ id: "later", after: "7d" }], { ...context, limits })).toHaveLength(1);
  });

  it("leaves long offsets from a deadline to the run, where the sleep is known", () => {
    expect(checkSchedule([{ id: "renewal", before: "400d", of: endsAt }], context)).toHaveLength(1);
  });

  it("rejects an empty schedule", () => {
    expect(errorOf([]).path).toBe("schedule");
  });

  it("rejects more reminders than fit in Inngest's steps per run", () => {
    const schedule = Array.from({ length: 334 }, (_, index) => ({ id: `r${index}`, after: "1h" }));
    expect(errorOf(schedule).message).toContain("at most 333 reminders");
  });

  it("rejects a repeated id, naming the first entry", () => {
    const error = errorOf([
      { id: "nudge", after: "1d" },
      { id: "nudge", after: "2d" },
    ]);
    expect(error.path).toBe("schedule[1].id");
    expect(error.expected).toContain("schedule[0]");
  });

  it("rejects ids that cannot name a step", () => {
    expect(errorOf([{ id: "Day 1", after: "1d" }]).path).toBe("schedule[0].id");
  });

  it("requires exactly one of after and before", () => {
    expect(errorOf([{ id: "both", after: "1d", before: "1d", of: endsAt }]).path).toBe("schedule[0]");
    expect(errorOf([{ id: "neither" }]).path).toBe("schedule[0]");
  });

  it("requires of for a reminder before a deadline", () => {
    const error = errorOf([{ id: "ends-in-3d", before: "3d" }]);
    expect(error.path).toBe("schedule[0].of");
    expect(error.message).toContain("event.data.trialEndsAt");
  });

  it("rejects a malformed duration with its path", () => {
    expect(errorOf([{ id: "first", after: "one day" }]).path).toBe("schedule[0].after");
  });
});
