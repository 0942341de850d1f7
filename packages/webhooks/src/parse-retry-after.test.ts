import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./parse-retry-after";

const now = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads whole seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date relative to the response's Date header, ignoring clock skew", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:02:00 GMT", now)).toBe(120_000);
    const skewed = "Thu, 01 Jan 2026 00:10:00 GMT";
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:10:30 GMT", now, skewed)).toBe(30_000);
  });

  it("falls back to the local clock when the Date header is unreadable", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now, "yesterday-ish")).toBe(5000);
  });

  it("never returns a negative delay for a date in the past", () => {
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });

  it.each([undefined, "", "soon", "-5", "1.5", "12abc"])("ignores %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
