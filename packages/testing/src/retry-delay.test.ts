import { describe, expect, it } from "vitest";
import { inngestBackoffTable, retryDelay } from "./retry-delay";

describe("retryDelay", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("follows Inngest's default backoff table for plain errors", () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelay(true, attempt, now))).toEqual([
      15_000, 30_000, 60_000, 120_000,
    ]);
  });

  it("caps the default backoff at its last entry, two hours", () => {
    expect(retryDelay(true, 25, now)).toBe(2 * 60 * 60 * 1000);
    expect(inngestBackoffTable.at(-1)).toBe(7_200_000);
  });

  it("uses a RetryAfterError delay given in seconds", () => {
    expect(retryDelay("90", 0, now)).toBe(90_000);
  });

  it("uses a RetryAfterError date as the time of the next attempt", () => {
    expect(retryDelay("2026-01-01T01:00:00.000Z", 3, now)).toBe(3_600_000);
    expect(retryDelay("2025-12-31T00:00:00.000Z", 3, now)).toBe(0);
  });

  it("cuts a RetryAfterError delay to the maximum Inngest allows", () => {
    const day = 86_400_000;
    expect(retryDelay(String(3 * 86_400), 0, now, day)).toBe(day);
    expect(retryDelay("2026-01-05T00:00:00.000Z", 0, now, day)).toBe(day);
  });
});
