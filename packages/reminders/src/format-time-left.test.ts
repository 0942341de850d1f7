import { describe, expect, it } from "vitest";
import { formatTimeLeft } from "./format-time-left";

const hour = 3_600_000;

describe("formatTimeLeft", () => {
  it("uses the largest unit that divides the duration", () => {
    expect(formatTimeLeft(7 * 24 * hour)).toBe("7 days");
    expect(formatTimeLeft(24 * hour)).toBe("1 day");
    expect(formatTimeLeft(36 * hour)).toBe("36 hours");
    expect(formatTimeLeft(30 * 60_000)).toBe("30 minutes");
  });

  it("reads overdue (negative) durations by their size", () => {
    expect(formatTimeLeft(-2 * 24 * hour)).toBe("2 days");
  });

  it("rounds durations no unit divides and names sub-minute ones", () => {
    expect(formatTimeLeft(90 * 60_000 + 1)).toBe("2 hours");
    expect(formatTimeLeft(30_000)).toBe("less than a minute");
  });
});
