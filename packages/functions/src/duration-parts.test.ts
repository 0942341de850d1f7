import { describe, expect, it } from "vitest";
import { readDuration, readDurationParts } from "./duration";

const hour = 3_600_000;
const day = 24 * hour;

describe("readDurationParts", () => {
  it("names each part's unit however it is spelled", () => {
    expect(readDurationParts("3 days")).toEqual([{ ms: 3 * day, unit: "d" }]);
    expect(readDurationParts("1 Week")).toEqual([{ ms: 7 * day, unit: "w" }]);
    expect(readDurationParts("1d 12hrs")).toEqual([
      { ms: day, unit: "d" },
      { ms: 12 * hour, unit: "h" },
    ]);
    expect(readDurationParts("2 mins 5 msecs")).toEqual([
      { ms: 120_000, unit: "m" },
      { ms: 5, unit: "ms" },
    ]);
    expect(readDurationParts("250")).toEqual([{ ms: 250, unit: "ms" }]);
  });

  it("refuses what readDuration refuses", () => {
    for (const text of ["", "soon", "1h30", "3 eons"]) {
      expect(readDurationParts(text)).toBeUndefined();
      expect(readDuration(text)).toBeUndefined();
    }
  });
});
