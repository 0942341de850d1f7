import { describe, expect, it } from "vitest";
import { fromWallClock, isKnownTimezone, toWallClock } from "./zoned-clock";

const utc = (iso: string) => Date.parse(iso);

describe("toWallClock", () => {
  it("reads New York time as EST in winter and EDT in summer", () => {
    expect(toWallClock(utc("2026-01-15T14:00:00Z"), "America/New_York")).toBe(utc("2026-01-15T09:00:00Z"));
    expect(toWallClock(utc("2026-07-15T13:00:00Z"), "America/New_York")).toBe(utc("2026-07-15T09:00:00Z"));
  });

  it("keeps the milliseconds of the instant", () => {
    expect(toWallClock(utc("2026-01-15T14:00:00.250Z"), "Asia/Kolkata")).toBe(
      utc("2026-01-15T19:30:00.250Z"),
    );
  });
});

describe("fromWallClock", () => {
  it("returns the instant clocks in the zone read the given time", () => {
    expect(fromWallClock(utc("2026-03-07T09:00:00Z"), "America/New_York")).toBe(utc("2026-03-07T14:00:00Z"));
    expect(fromWallClock(utc("2026-03-10T09:00:00Z"), "America/New_York")).toBe(utc("2026-03-10T13:00:00Z"));
  });

  it("moves a reading inside the spring-forward gap forward by the gap", () => {
    // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
    expect(fromWallClock(utc("2026-03-08T02:30:00Z"), "America/New_York")).toBe(utc("2026-03-08T07:30:00Z"));
  });

  it("picks the earlier instant for a reading that happens twice in the fall-back hour", () => {
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(fromWallClock(utc("2026-11-01T01:30:00Z"), "America/New_York")).toBe(utc("2026-11-01T05:30:00Z"));
  });

  it("treats UTC as the identity", () => {
    expect(fromWallClock(utc("2026-11-01T01:30:00Z"), "UTC")).toBe(utc("2026-11-01T01:30:00Z"));
  });
});

describe("isKnownTimezone", () => {
  it("accepts IANA names and rejects made-up ones", () => {
    expect(isKnownTimezone("Europe/Rome")).toBe(true);
    expect(isKnownTimezone("Mars/Olympus_Mons")).toBe(false);
  });
});
