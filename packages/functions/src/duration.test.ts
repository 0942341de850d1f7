import fc from "fast-check";
import { durationToMs } from "inngest";
import { describe, expect, it } from "vitest";
import { type Duration, formatDuration, parseDuration, readDuration } from "./duration";
import { JobError } from "./job-error";

/** The Inngest SDK's reading of a duration, `undefined` where it throws. */
const sdkReading = (value: string): number | undefined => {
  try {
    return durationToMs(value);
  } catch {
    return undefined;
  }
};

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

  it('reads the compound "1h30m" that Inngest and formatDuration write (issue 17)', () => {
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration(formatDuration(5_400_000))).toBe(5_400_000);
  });

  it('reads ".5h", which the Duration type allows (issue 17)', () => {
    const half: Duration = ".5h";
    expect(parseDuration(half)).toBe(1_800_000);
  });

  it("reads every other form the SDK reads: spaced compounds, long units, milliseconds", () => {
    expect(parseDuration("1h 30m" as Duration)).toBe(5_400_000);
    expect(parseDuration("2 days" as Duration)).toBe(172_800_000);
    expect(parseDuration("1500ms" as Duration)).toBe(1500);
  });

  it("takes a number as milliseconds", () => {
    expect(parseDuration(2500)).toBe(2500);
  });

  it.each(["", "5 mo", "1h30", "5min30", "-5s", "1h-30m", "1e3s", "soon", "1.0005s"])(
    "rejects %j",
    (text) => {
      expect(() => parseDuration(text as never)).toThrowError(JobError);
    },
  );

  it("explains that a bare number is milliseconds when it is below the minimum", () => {
    expect(() => parseDuration("5" as Duration)).toThrowError(
      /a number without a unit is milliseconds: 5 ms\n {2}expected: at least 1s/,
    );
  });

  it("checks bounds and names the field", () => {
    expect(() =>
      parseDuration("2d", { functionId: "sync", path: "rateLimit.period", minMs: 1000, maxMs: 86_400_000 }),
    ).toThrowError(
      'Invalid option "rateLimit.period" for function "sync": "2d"\n  expected: between 1s and 1d',
    );
  });

  it("reads zero where the field allows it", () => {
    expect(parseDuration("0s", { functionId: undefined, path: "offset", minMs: 0 })).toBe(0);
  });
});

/** Strings near the grammar: numbers (with dots, signs), units in any case and length, spaces, junk. */
const durationLike = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.nat({ max: 5000 }).map(String),
        fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 999 })).map(([whole, part]) => `${whole}.${part}`),
        fc.nat({ max: 99 }).map((part) => `.${part}`),
        fc.constantFrom("-1", "1e3", "", "0", "00"),
      ),
      fc.constantFrom("", " ", "  ", "\t"),
      fc.constantFrom(
        "",
        "ms",
        "s",
        "m",
        "h",
        "d",
        "w",
        "y",
        "sec",
        "mins",
        "Hours",
        "DAY",
        "weeks",
        "yr",
        "x",
      ),
      fc.constantFrom("", "", " ", ","),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.flat().join(""));

describe("one grammar: the Inngest SDK's durationToMs", () => {
  it("reads every string exactly as the SDK does (zero aside, which the SDK refuses)", () => {
    fc.assert(
      fc.property(fc.oneof(durationLike, fc.string()), (text) => {
        const ours = readDuration(text);
        const sdk = sdkReading(text);
        if (sdk === undefined) expect(ours === undefined || ours === 0, text).toBe(true);
        else expect(ours, text).toBe(sdk);
      }),
      { numRuns: 5000 },
    );
  });

  it("formatDuration's output always parses back to the milliseconds rounded up to a second", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 999 }), (ms) => {
        const text = formatDuration(ms);
        expect(parseDuration(text, { functionId: undefined, path: "ms", minMs: 0 })).toBe(
          Math.ceil(ms / 1000) * 1000,
        );
        if (ms > 0) expect(sdkReading(text)).toBe(Math.ceil(ms / 1000) * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it("a compound is the sum of its parts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 1000 }), fc.constantFrom("w", "d", "h", "m", "s")), { minLength: 1 }),
        (parts) => {
          const text = parts.map(([count, unit]) => `${count}${unit}`).join("");
          const sum = parts.reduce(
            (total, [count, unit]) => total + (readDuration(`${count}${unit}`) ?? Number.NaN),
            0,
          );
          expect(readDuration(text)).toBe(sum);
        },
      ),
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

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER])(
    "refuses %s, which has no time string that parses back",
    (ms) => {
      expect(() => formatDuration(ms)).toThrowError(JobError);
    },
  );
});
