import { describe, expect, it } from "vitest";
import { zoneOffset } from "./zone-offset";

const hour = 3_600_000;

describe("zoneOffset", () => {
  it("follows daylight saving time", () => {
    expect(zoneOffset(Date.parse("2026-01-15T14:00:00Z"), "America/New_York")).toBe(-5 * hour);
    expect(zoneOffset(Date.parse("2026-07-15T13:00:00Z"), "America/New_York")).toBe(-4 * hour);
  });

  it("gives half-hour offsets and ignores the milliseconds of the instant", () => {
    expect(zoneOffset(Date.parse("2026-01-15T14:00:00.750Z"), "Asia/Kolkata")).toBe(5.5 * hour);
  });

  it("reads years before the common era and before 100 as themselves", () => {
    expect(zoneOffset(Date.UTC(-100, 0, 1, 12), "UTC")).toBe(0);
    expect(zoneOffset(new Date("0050-06-01T12:00:00Z").getTime(), "UTC")).toBe(0);
  });

  it("throws a RangeError for a zone the runtime does not know", () => {
    expect(() => zoneOffset(0, "Mars/Olympus_Mons")).toThrowError(RangeError);
  });
});
