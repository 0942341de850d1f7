import { describe, expect, it } from "vitest";
import { didYouMean, formatList } from "./format-list";
import { suggestNames } from "./suggest-names";

describe("suggestNames", () => {
  it("suggests the closest names first", () => {
    expect(suggestNames("user/craeted", ["order/placed", "user/deleted", "user/created"])).toEqual([
      "user/created",
      "user/deleted",
    ]);
  });

  it("matches option names case-insensitively when asked", () => {
    expect(suggestNames("Concurency", ["concurrency", "retries"], { ignoreCase: true })).toEqual([
      "concurrency",
    ]);
    expect(suggestNames("RETRIES", ["retries"])).toEqual([]);
  });

  it("adds related candidates that are further apart", () => {
    expect(
      suggestNames("user/x", ["user/created", "order/placed"], { related: (c) => c.startsWith("user/") }),
    ).toEqual(["user/created"]);
  });

  it("answers at once for a name far longer than any real one", () => {
    const started = process.hrtime.bigint();
    const names = Array.from({ length: 200 }, (_, i) => `user/event-${i}`);
    expect(suggestNames(`user/${"x".repeat(262_144)}`, names)).toEqual([]);
    // Quadratic work on 256 KiB would take seconds; the cap makes it a length check.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it("suggests nothing for an empty or non-string input", () => {
    expect(suggestNames("", ["a"])).toEqual([]);
    expect(suggestNames(42 as unknown as string, ["a"])).toEqual([]);
  });
});

describe("formatList and didYouMean", () => {
  it("quotes and joins names", () => {
    expect(formatList(["hour", "day", "week"])).toBe('"hour", "day", or "week"');
    expect(formatList(["a", "b"], "and")).toBe('"a" and "b"');
    expect(didYouMean([])).toBeUndefined();
    expect(didYouMean(["concurrency"])).toBe('did you mean "concurrency"?');
  });
});
