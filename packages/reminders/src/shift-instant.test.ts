import { type Duration, JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { shiftInstant, toCalendarDuration } from "./shift-instant";

const utc = (iso: string) => Date.parse(iso);
const field = { functionId: "test", path: "schedule[0].before" };

describe("toCalendarDuration", () => {
  it("counts d and w as calendar days and the rest as exact time", () => {
    expect(toCalendarDuration("3d", field)).toEqual({ days: 3, ms: 0 });
    expect(toCalendarDuration("1w", field)).toEqual({ days: 7, ms: 0 });
    expect(toCalendarDuration("1.5d", field)).toEqual({ days: 1, ms: 12 * 3_600_000 });
    expect(toCalendarDuration("36h", field)).toEqual({ days: 0, ms: 36 * 3_600_000 });
    expect(toCalendarDuration("0d", field)).toEqual({ days: 0, ms: 0 });
  });

  it("counts days and weeks as calendar days in every spelling the grammar accepts", () => {
    expect(toCalendarDuration("3 days" as Duration, field)).toEqual({ days: 3, ms: 0 });
    expect(toCalendarDuration("1 week" as Duration, field)).toEqual({ days: 7, ms: 0 });
    expect(toCalendarDuration("2D" as Duration, field)).toEqual({ days: 2, ms: 0 });
    expect(toCalendarDuration("36 hours" as Duration, field)).toEqual({ days: 0, ms: 36 * 3_600_000 });
  });

  it("puts the day part of a compound duration on the calendar and the time part on the clock", () => {
    expect(toCalendarDuration("1d12h" as Duration, field)).toEqual({ days: 1, ms: 12 * 3_600_000 });
    expect(toCalendarDuration("1w 2d 3h" as Duration, field)).toEqual({ days: 9, ms: 3 * 3_600_000 });
    expect(toCalendarDuration("12h1d" as Duration, field)).toEqual({ days: 1, ms: 12 * 3_600_000 });
  });

  it("keeps years exact", () => {
    expect(toCalendarDuration("1y" as Duration, field)).toEqual({ days: 0, ms: 365.25 * 86_400_000 });
  });

  it("rejects a malformed duration with the path it came from", () => {
    expect(() => toCalendarDuration("3 eons" as never, field)).toThrow(JobError);
    expect(() => toCalendarDuration("3 eons" as never, field)).toThrow(/schedule\[0\]\.before/);
  });
});

describe("shiftInstant", () => {
  it("keeps the wall-clock time when days cross the March daylight saving change", () => {
    // 09:00 EDT on March 10 minus 3 calendar days is 09:00 EST on March 7, 25 hours more than 72.
    const deadline = utc("2026-03-10T13:00:00Z");
    const at = shiftInstant(deadline, { days: 3, ms: 0 }, -1, "America/New_York");
    expect(new Date(at).toISOString()).toBe("2026-03-07T14:00:00.000Z");
  });

  it("keeps the wall-clock time when days cross the November change", () => {
    const deadline = utc("2026-11-03T14:00:00Z"); // 09:00 EST
    const at = shiftInstant(deadline, { days: 7, ms: 0 }, -1, "America/New_York");
    expect(new Date(at).toISOString()).toBe("2026-10-27T13:00:00.000Z"); // 09:00 EDT
  });

  it("adds exact hours without looking at the calendar", () => {
    const start = utc("2026-03-07T14:00:00Z");
    const at = shiftInstant(start, { days: 0, ms: 48 * 3_600_000 }, 1, "America/New_York");
    expect(new Date(at).toISOString()).toBe("2026-03-09T14:00:00.000Z"); // 10:00 EDT, 48 real hours
  });

  it("counts days as 24 hours in UTC", () => {
    const at = shiftInstant(utc("2026-03-10T13:00:00Z"), { days: 3, ms: 0 }, -1, "UTC");
    expect(new Date(at).toISOString()).toBe("2026-03-07T13:00:00.000Z");
  });

  it("keeps the original offset when the shifted time happens twice", () => {
    // 01:30 EST on Nov 8 (after the change) minus 7 days: Nov 1 01:30 happens twice; EST is the later one.
    const start = utc("2026-11-08T06:30:00Z");
    const at = shiftInstant(start, { days: 7, ms: 0 }, -1, "America/New_York");
    expect(new Date(at).toISOString()).toBe("2026-11-01T06:30:00.000Z");
  });
});
