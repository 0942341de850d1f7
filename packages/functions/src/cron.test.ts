import { describe, expect, it } from "vitest";
import { checkTimezone, defineCronFunction, JobError, nextRuns, parseCron } from "./index";

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("parseCron", () => {
  it("emits Inngest's TZ-prefixed schedule, UTC by default", () => {
    expect(parseCron("0 9 * * 1-5", "Europe/Paris").schedule).toBe("TZ=Europe/Paris 0 9 * * 1-5");
    expect(parseCron("*/15 * * * *").schedule).toBe("TZ=UTC */15 * * * *");
  });

  it("accepts ranges, steps, lists and month and day names", () => {
    expect(parseCron("0 9-17/2 1,15 JAN-MAR mon-fri").expression).toBe("0 9-17/2 1,15 JAN-MAR mon-fri");
  });

  it("expands nicknames to five fields", () => {
    expect(parseCron("@daily").expression).toBe("0 0 * * *");
    expect(parseCron("@hourly", "Asia/Tokyo").schedule).toBe("TZ=Asia/Tokyo 0 * * * *");
  });

  it.each([
    ["0 25 * * *", "hour: 25 is outside 0-23"],
    ["0 9 * 13 *", "month: 13 is outside 1-12"],
    ["0 9 0 * *", "day-of-month: 0 is outside 1-31"],
    ["*/0 * * * *", 'minute: step "/0" must be a whole number of at least 1'],
    ["5-3 * * * *", 'minute: range "5-3" runs backwards'],
    ["0 9 * FOO *", 'month: "FOO" is not a value in 1-12 or JAN-DEC'],
    ["0 9 * *", "4 fields instead of 5"],
    ["@fortnightly", "unknown nickname"],
  ])("rejects %j: %s", (expression, fragment) => {
    expect(() => parseCron(expression, "UTC", "daily-report")).toThrowError(fragment);
  });
});

describe("checkTimezone", () => {
  it("returns a valid IANA zone unchanged", () => {
    expect(checkTimezone("America/New_York")).toBe("America/New_York");
  });

  it("rejects an unknown zone with a JobError", () => {
    expect(() => checkTimezone("Europe/Atlantis")).toThrowError(JobError);
  });
});

describe("nextRuns", () => {
  const at9 = (timezone: string) =>
    defineCronFunction({ id: "morning", cron: "0 9 * * *", timezone, handler: () => undefined });

  it("keeps 9:00 local across the New York spring-forward change (UTC moves from 14:00 to 13:00)", () => {
    expect(iso(nextRuns(at9("America/New_York"), 4, new Date("2026-03-06T12:00:00Z")))).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
  });

  it("keeps 9:00 local across the Paris fall-back change (UTC moves from 07:00 to 08:00)", () => {
    expect(iso(nextRuns(at9("Europe/Paris"), 3, new Date("2026-10-23T12:00:00Z")))).toEqual([
      "2026-10-24T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
    ]);
  });

  it("runs once, not twice, in the hour New York repeats when clocks fall back", () => {
    const runs = nextRuns(parseCron("30 1 * * *", "America/New_York"), 2, new Date("2026-11-01T00:00:00Z"));
    expect(iso(runs)).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
  });

  it("still runs on the day Paris skips 02:00-03:00", () => {
    const runs = nextRuns(parseCron("30 2 * * *", "Europe/Paris"), 3, new Date("2026-03-28T12:00:00Z"));
    expect(runs.map((run) => run.toISOString().slice(0, 10))).toEqual([
      "2026-03-29",
      "2026-03-30",
      "2026-03-31",
    ]);
  });

  it("starts strictly after `from`", () => {
    const [first] = nextRuns(at9("UTC"), 1, new Date("2026-01-01T09:00:00Z"));
    expect(first?.toISOString()).toBe("2026-01-02T09:00:00.000Z");
  });

  it("rejects a definition without a cron trigger and a bad count", () => {
    expect(() => nextRuns({ triggers: [{ type: "event" }] }, 1)).toThrowError(/no cron trigger/);
    expect(() => nextRuns(at9("UTC"), 0)).toThrowError(/a whole number from 1 to 1000/);
  });
});
