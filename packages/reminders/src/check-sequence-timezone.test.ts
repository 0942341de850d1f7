import { defineEvent } from "@jobkit/events";
import { JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineReminderSequence } from "./define-reminder-sequence";
import { resolveTimezone } from "./plan-reminders";

const trialStarted = defineEvent("trial/started", { schema: z.object({ userId: z.string() }) });
const base = {
  id: "trial-nudges",
  on: trialStarted,
  schedule: [{ id: "day-1", after: "1d" }],
  send: () => {},
};

/** What defineReminderSequence says about a fixed zone: accepted, or the JobError it threw. */
function defineWith(timezone: string): JobError | "accepted" {
  try {
    defineReminderSequence({ ...base, timezone } as never);
    return "accepted";
  } catch (error) {
    if (error instanceof JobError) return error;
    throw error;
  }
}

/** Whether the run-time path (a zone read from the event) accepts the same name. */
function acceptedAtRunTime(timezone: string): boolean {
  try {
    resolveTimezone(() => timezone, {}, "trial-nudges");
    return true;
  } catch {
    return false;
  }
}

describe("a sequence's fixed timezone", () => {
  it("passes exactly when a zone read from the event would: the runtime's Intl decides, not Go's zone list", () => {
    // "Asia/Calcutta" is a link Go and ICU both load; "PST" is refused by Go (a cron's TZ=) but ICU resolves
    // it, and the reminders' own arithmetic runs on ICU; "Local" and "Factory" are Go-only placeholders.
    const names = [
      "Europe/Rome",
      "UTC",
      "Asia/Calcutta",
      "PST",
      "europe/rome",
      "Local",
      "Factory",
      "Moon/Base",
    ];
    for (const name of names) expect(defineWith(name) === "accepted", name).toBe(acceptedAtRunTime(name));
    expect(defineWith("Europe/Rome")).toBe("accepted");
    expect(defineWith("Moon/Base")).not.toBe("accepted");
  });

  it("refuses a misspelt zone with the close names and an example", () => {
    const error = defineWith("America/New_Yrok") as JobError;
    expect(error.path).toBe("timezone");
    expect(error.functionId).toBe("trial-nudges");
    expect(error.message).toContain('did you mean "America/New_York"');
    expect(error.message).toContain('"America/New_Yrok"');
    expect(error.message).toContain("Europe/Rome");
  });

  it("refuses a UTC offset, which would not follow daylight saving time", () => {
    for (const offset of ["+02:00", "UTC+2", "GMT-05:00"]) {
      const error = defineWith(offset) as JobError;
      expect(error.path).toBe("timezone");
      expect(error.message).toContain("daylight saving");
    }
  });

  it("refuses an empty name", () => {
    expect((defineWith("") as JobError).path).toBe("timezone");
  });
});
