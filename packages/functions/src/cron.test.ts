import { describe, expect, it } from "vitest";
import { checkTimezone, cronSpecOf } from "./cron";
import { defineCronFunction, JobError, nextRuns, parseCron } from "./index";

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("parseCron", () => {
  it("emits Inngest's TZ-prefixed schedule, UTC by default", () => {
    expect(parseCron("0 9 * * 1-5", "Europe/Paris").schedule).toBe("TZ=Europe/Paris 0 9 * * 1-5");
    expect(parseCron("*/15 * * * *").schedule).toBe("TZ=UTC */15 * * * *");
  });

  it("accepts ranges, steps, lists and month and day names", () => {
    expect(parseCron("0 9-17/2 1,15 JAN-MAR mon-fri").expression).toBe("0 9-17/2 1,15 JAN-MAR mon-fri");
  });

  it("expands robfig's descriptors to five fields, spelled exactly", () => {
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
    ["@fortnightly", "unknown descriptor"],
    ["@DAILY", 'unknown descriptor, did you mean "@daily"?'],
    ["0 0 * * 7", "day-of-week: 7 is outside 0-6"],
    ["0 0 L * *", "L, W and # are not part of Inngest's cron grammar"],
    ["0 9 * * MONDAY", 'did you mean "MON"?'],
    ["60/5 * * * *", 'minute: "60/5" starts at 60, after the last value 59'],
    ["0 0 * * * *", "6 fields: Inngest crons have five, no seconds or year field"],
    ["0 0 31 2 *", "it never runs"],
  ])("rejects %j: %s", (expression, fragment) => {
    expect(() => parseCron(expression, "UTC", "daily-report")).toThrowError(fragment);
  });
});

describe("parseCron: robfig/cron grammar (issue 17)", () => {
  it('accepts "0/15 * * * *" and runs it as 0-59/15, as Inngest does', () => {
    expect(parseCron("0/15 * * * *").schedule).toBe("TZ=UTC 0/15 * * * *");
    expect(iso(nextRuns(parseCron("0/15 * * * *"), 3, new Date("2026-05-01T10:50:00Z")))).toEqual([
      "2026-05-01T11:00:00.000Z",
      "2026-05-01T11:15:00.000Z",
      "2026-05-01T11:30:00.000Z",
    ]);
  });

  it('accepts "0 0 ? * 1" and reads "?" as "*"', () => {
    expect(parseCron("0 0 ? * 1").expression).toBe("0 0 ? * 1");
    expect(iso(nextRuns(parseCron("0 0 ? * 1"), 2, new Date("2026-05-01T00:00:00Z")))).toEqual([
      "2026-05-04T00:00:00.000Z",
      "2026-05-11T00:00:00.000Z",
    ]);
  });

  it("runs on days matching EITHER day field when both are restricted, BOTH when one is a star", () => {
    expect(cronSpecOf("0 12 1 * MON").dayOfMonth.star).toBe(false);
    expect(iso(nextRuns(parseCron("0 12 1 * MON"), 3, new Date("2026-05-30T00:00:00Z")))).toEqual([
      "2026-06-01T12:00:00.000Z",
      "2026-06-08T12:00:00.000Z",
      "2026-06-15T12:00:00.000Z",
    ]);
    // "*/1" keeps robfig's star bit: the 1st AND a Monday is not needed, any Monday is
    expect(iso(nextRuns(parseCron("0 12 */1 * MON"), 1, new Date("2026-05-30T00:00:00Z")))).toEqual([
      "2026-06-01T12:00:00.000Z",
    ]);
  });

  it("normalises whitespace to single spaces in the schedule Inngest receives", () => {
    expect(parseCron(" 0\t9  * * 1-5 ", "Europe/Paris").schedule).toBe("TZ=Europe/Paris 0 9 * * 1-5");
  });

  it("refuses a schedule longer than Inngest's 255 bytes", () => {
    expect(() =>
      parseCron(`${Array.from({ length: 120 }, (_, i) => i % 60).join(",")} * * * *`),
    ).toThrowError(/longer than the 255 bytes Inngest accepts/);
  });
});

describe("checkTimezone", () => {
  it("returns a zone Inngest accepts unchanged, links and legacy names included", () => {
    expect(checkTimezone("America/New_York")).toBe("America/New_York");
    expect(checkTimezone("Asia/Calcutta")).toBe("Asia/Calcutta");
    expect(checkTimezone("EST5EDT")).toBe("EST5EDT");
  });

  it.each(["PST", "IST", "JST", "BST", "SystemV/EST5"])(
    "refuses %j, which Intl may know but Go's LoadLocation does not (issue 17)",
    (zone) => {
      expect(() => parseCron("0 9 * * *", zone, "report")).toThrowError(
        new RegExp(`Invalid timezone for function "report": "${zone}"`),
      );
    },
  );

  it("suggests the zone a typo is close to", () => {
    expect(() => checkTimezone("Europe/Pariss")).toThrowError(/did you mean "Europe\/Paris"/);
    expect(() => checkTimezone("america/new_york")).toThrowError(
      /zone names are case-sensitive for Inngest: write "America\/New_York"/,
    );
  });

  it("refuses Local and Factory, which Go loads but which name no place", () => {
    expect(() => checkTimezone("Local")).toThrowError(/the Inngest server's own zone/);
    expect(() => checkTimezone("Factory")).toThrowError(/placeholder/);
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

  it("includes the repeated hour of the New York fall-back day for */15 (issue 17)", () => {
    const runs = iso(
      nextRuns(parseCron("*/15 * * * *", "America/New_York"), 8, new Date("2026-11-01T05:10:00Z")),
    );
    expect(runs).toEqual([
      "2026-11-01T05:15:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T05:45:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T06:15:00.000Z",
      "2026-11-01T06:30:00.000Z",
      "2026-11-01T06:45:00.000Z",
      "2026-11-01T07:00:00.000Z",
    ]);
  });

  it.each([
    ["America/New_York", "2026-03-07T00:00:00Z", ["2026-03-07T07:30:00.000Z", "2026-03-09T06:30:00.000Z"]],
    ["Europe/Paris", "2026-03-28T00:00:00Z", ["2026-03-28T01:30:00.000Z", "2026-03-30T00:30:00.000Z"]],
  ])("skips 02:30 on the day %s springs forward, as Inngest does (issue 17)", (zone, from, expected) => {
    expect(iso(nextRuns(parseCron("30 2 * * *", zone), 2, new Date(from)))).toEqual(expected);
  });

  it.each([
    ["America/New_York", "2026-11-01T00:00:00Z", ["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]],
    ["Europe/Paris", "2026-10-25T00:00:00Z", ["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]],
  ])(
    "runs twice in the hour %s repeats when clocks fall back, as Inngest does (issue 17)",
    (zone, from, expected) => {
      const time = zone === "Europe/Paris" ? "30 2 * * *" : "30 1 * * *";
      expect(iso(nextRuns(parseCron(time, zone), 2, new Date(from)))).toEqual(expected);
    },
  );

  it("starts strictly after `from`", () => {
    const [first] = nextRuns(at9("UTC"), 1, new Date("2026-01-01T09:00:00Z"));
    expect(first?.toISOString()).toBe("2026-01-02T09:00:00.000Z");
  });

  it("rejects a definition without a cron trigger and a bad count", () => {
    expect(() => nextRuns({ triggers: [{ type: "event" }] }, 1)).toThrowError(/no cron trigger/);
    expect(() => nextRuns(at9("UTC"), 0)).toThrowError(/a whole number from 1 to 1000/);
  });
});
