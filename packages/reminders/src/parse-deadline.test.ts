import { describe, expect, it } from "vitest";
import { parseDeadline } from "./parse-deadline";

const utc = (iso: string) => Date.parse(iso);

describe("parseDeadline", () => {
  it("reads ISO strings with Z or an offset exactly", () => {
    expect(parseDeadline("2026-03-10T13:00:00Z", "America/New_York")).toBe(utc("2026-03-10T13:00:00Z"));
    expect(parseDeadline("2026-03-10T09:00:00-04:00", "UTC")).toBe(utc("2026-03-10T13:00:00Z"));
    expect(parseDeadline("2026-03-10T09:00:00.5+0530", "UTC")).toBe(utc("2026-03-10T03:30:00.500Z"));
  });

  it("reads a bare date as midnight in the sequence's time zone", () => {
    expect(parseDeadline("2026-03-10", "America/New_York")).toBe(utc("2026-03-10T04:00:00Z"));
    expect(parseDeadline("2026-03-10", "UTC")).toBe(utc("2026-03-10T00:00:00Z"));
  });

  it("reads a date-time without an offset in the sequence's time zone, not the server's", () => {
    expect(parseDeadline("2026-01-10T09:00", "Europe/Rome")).toBe(utc("2026-01-10T08:00:00Z"));
  });

  it("accepts Dates and epoch milliseconds", () => {
    expect(parseDeadline(new Date("2026-03-10T13:00:00Z"), "UTC")).toBe(utc("2026-03-10T13:00:00Z"));
    expect(parseDeadline(1_773_147_600_000, "UTC")).toBe(1_773_147_600_000);
  });

  it("returns undefined for a missing deadline", () => {
    expect(parseDeadline(undefined, "UTC")).toBeUndefined();
    expect(parseDeadline(null, "UTC")).toBeUndefined();
  });

  it("returns NaN for values that are not dates", () => {
    expect(parseDeadline("next tuesday", "UTC")).toBeNaN();
    expect(parseDeadline("2026-02-31", "UTC")).toBeNaN();
    expect(parseDeadline("2026-03-10T25:00:00Z", "UTC")).toBeNaN();
    expect(parseDeadline(Number.POSITIVE_INFINITY, "UTC")).toBeNaN();
    expect(parseDeadline(new Date("nope"), "UTC")).toBeNaN();
    expect(parseDeadline({} as never, "UTC")).toBeNaN();
  });
});
