import type { CronTrigger } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { cronFindings } from "./cron-findings";

const january = new Date("2026-01-01T00:00:00Z");
const cron = (expression: string, timezone = "UTC"): CronTrigger => ({
  type: "cron",
  expression,
  timezone,
  schedule: `TZ=${timezone} ${expression}`,
});
const codes = (expression: string, timezone?: string) =>
  cronFindings("job", cron(expression, timezone), january).map((finding) => finding.code);

describe("cronFindings", () => {
  it("warns about a time of day that spring-forward skips, naming the day", () => {
    const [finding] = cronFindings("nightly", cron("30 2 * * *", "America/New_York"), january);
    expect(finding?.code).toBe("cron-dst-gap");
    expect(finding?.message).toContain("runs at 02:30, a time that does not exist on 2026-03-08");
    expect(finding?.message).toContain(
      "clocks jump from 02:00 to 03:00: Inngest's scheduler (robfig/cron) skips that run, it does not move it",
    );
  });

  it("warns about a time of day that fall-back repeats", () => {
    const [finding] = cronFindings("nightly", cron("30 1 * * *", "America/New_York"), january);
    expect(finding?.code).toBe("cron-dst-overlap");
    expect(finding?.message).toContain("runs at 01:30, a time that happens twice on 2026-11-01");
    expect(finding?.message).toContain(
      "Inngest's scheduler (robfig/cron) runs it twice, at 05:30Z and 06:30Z",
    );
  });

  it("stays quiet when the schedule does not run on the day of the change", () => {
    // 2026-03-08 and 2026-11-01 are Sundays
    expect(codes("30 2 * * 1", "America/New_York")).toEqual([]);
    expect(codes("30 1 * * MON-FRI", "America/New_York")).toEqual([]);
  });

  it("finds the southern-hemisphere change in October", () => {
    const findings = cronFindings("nightly", cron("15 2 * * *", "Australia/Sydney"), january);
    expect(findings.map((finding) => finding.code)).toEqual(["cron-dst-overlap", "cron-dst-gap"]);
    expect(findings[0]?.message).toContain("happens twice on 2026-04-05");
    expect(findings[1]?.message).toContain("does not exist on 2026-10-04");
  });

  it("stays quiet for times outside the change, UTC and hourly schedules", () => {
    expect(codes("0 9 * * *", "America/New_York")).toEqual([]);
    expect(codes("30 2 * * *")).toEqual([]);
    expect(codes("30 * * * *", "Europe/Berlin")).toEqual([]);
  });

  it("catches a step or range in the hour field that reaches the change", () => {
    expect(codes("0 */2 * * *", "Europe/Berlin")).toEqual(["cron-dst-gap", "cron-dst-overlap"]);
    expect(codes("0 */2 * * *", "America/New_York")).toEqual(["cron-dst-gap"]);
    expect(codes("0 1-3 * * *", "America/New_York")).toEqual(["cron-dst-gap", "cron-dst-overlap"]);
  });

  it("warns when day-of-month and day-of-week are both set", () => {
    const [finding] = cronFindings("monthly", cron("0 9 1 * 1"), january);
    expect(finding?.code).toBe("cron-day-or");
    expect(finding?.message).toContain('expected: one of them "*", e.g. "0 9 * * 1"');
  });

  it('reads "?" and "*/1" as a star, as robfig does: no OR warning', () => {
    expect(codes("0 9 ? * 1")).toEqual([]);
    expect(codes("0 9 */1 * MON")).toEqual([]);
  });

  it("reports an expression its parser rejects as an error", () => {
    const [finding] = cronFindings("broken", cron("0 25 * * *"), january);
    expect(finding).toMatchObject({ severity: "error", code: "invalid-cron", functionId: "broken" });
    expect(finding?.message).toContain("hour: 25 is outside 0-23");
  });

  it("reports an unknown timezone as an error", () => {
    expect(codes("0 9 * * *", "Europe/Pariss")).toEqual(["invalid-cron"]);
  });
});
