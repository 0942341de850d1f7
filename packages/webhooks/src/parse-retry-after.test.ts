import { inngestLimits } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./parse-retry-after";

const now = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads whole seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an IMF-fixdate relative to the response's Date header, ignoring clock skew", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:02:00 GMT", now)).toBe(120_000);
    const skewed = "Thu, 01 Jan 2026 00:10:00 GMT";
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:10:30 GMT", now, skewed)).toBe(30_000);
  });

  it("falls back to the local clock when the Date header is unreadable", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now, "yesterday-ish")).toBe(5000);
    // A Date header in another HTTP date format is not an IMF-fixdate either.
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now, "Wed Dec 31 23:00:00 2025")).toBe(5000);
  });

  it("ignores a Date header more than a day away from the local clock", () => {
    const retryAt = "Thu, 01 Jan 2026 00:00:05 GMT";
    expect(parseRetryAfter(retryAt, now, "Tue, 30 Dec 2025 23:59:59 GMT")).toBe(5000);
    expect(parseRetryAfter(retryAt, now, "Fri, 02 Jan 2026 00:00:01 GMT")).toBe(5000);
    // 23 hours behind is trusted: the receiver asked for 23 hours and 5 seconds by its own clock.
    expect(parseRetryAfter(retryAt, now, "Wed, 31 Dec 2025 01:00:00 GMT")).toBe(82_805_000);
  });

  it("never returns a negative delay for a date in the past", () => {
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });

  it("clamps seconds and dates to the longest retry delay the delivery job uses", () => {
    const max = inngestLimits.maxRetryDelayMs;
    expect(parseRetryAfter(String(max / 1000 + 1), now)).toBe(max);
    expect(parseRetryAfter("99999999999999999999999", now)).toBe(max);
    expect(parseRetryAfter("Fri, 01 Jan 2027 00:00:00 GMT", now)).toBe(max);
  });

  it.each([
    undefined,
    "",
    "soon",
    "-5",
    "1.5",
    "12abc",
    "a 1",
    "1e3",
    "0x10",
    "Thu, 01 Jan 2026 00:02:00", // no GMT
    "Thu, 1 Jan 2026 00:02:00 GMT", // one-digit day
    "Thursday, 01-Jan-26 00:02:00 GMT", // obsolete RFC 850 format
    "Thu Jan  1 00:02:00 2026", // obsolete asctime format
    "2026-01-01T00:02:00Z",
    "Thu, 31 Feb 2026 00:02:00 GMT", // no such day
    "Thu, 01 Jan 2026 24:00:00 GMT",
  ])("ignores %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
