import { describe, expect, it } from "vitest";
import { formatDuration, JobError, parseDuration } from "./index";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["5m", 300_000],
    ["1.5h", 5_400_000],
    ["7d", 604_800_000],
    ["1w", 604_800_000],
  ] as const)("parses %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("takes a number as milliseconds", () => {
    expect(parseDuration(2500)).toBe(2500);
  });

  it.each(["", "5", "5 m", "5min", "-5s", "1h30m"])("rejects %j", (text) => {
    expect(() => parseDuration(text as never)).toThrowError(JobError);
  });

  it("checks bounds and names the field", () => {
    expect(() =>
      parseDuration("2d", { functionId: "sync", path: "rateLimit.period", minMs: 1000, maxMs: 86_400_000 }),
    ).toThrowError(
      'Invalid option "rateLimit.period" for function "sync": "2d"\n  expected: between 1s and 1d',
    );
  });
});

describe("formatDuration", () => {
  it("writes Inngest time strings, largest unit first, in whole seconds", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(90_000)).toBe("1m30s");
    expect(formatDuration(1500)).toBe("2s");
    expect(formatDuration(8 * 86_400_000)).toBe("1w1d");
  });
});
