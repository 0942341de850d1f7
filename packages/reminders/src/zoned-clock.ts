import { zoneOffset } from "@jobkit/functions/internal";

const dayMs = 86_400_000;
/**
 * The wall-clock reading of `instant` in `timezone`, as milliseconds since the epoch of that reading taken
 * as UTC: `toWallClock(Date.parse("2026-03-10T13:00:00Z"), "America/New_York")` is
 * `Date.parse("2026-03-10T09:00:00Z")`.
 */
export function toWallClock(instant: number, timezone: string): number {
  if (timezone === "UTC") return instant;
  return instant + zoneOffset(instant, timezone);
}

/**
 * The instant at which clocks in `timezone` read `wall` (see {@link toWallClock}). A reading that happens
 * twice (clocks turned back) gives the earlier instant; one that never happens (clocks turned forward)
 * is moved forward by the gap, as Temporal's "compatible" disambiguation does.
 */
export function fromWallClock(wall: number, timezone: string): number {
  if (timezone === "UTC") return wall;
  // Zones change their offset at most once within a day, so the offsets a day either side are the two
  // candidates; `wall` stands in for the instant, which is within 14 hours of it.
  const offsetBefore = toWallClock(wall - dayMs, timezone) - (wall - dayMs);
  const offsetAfter = toWallClock(wall + dayMs, timezone) - (wall + dayMs);
  const early = wall - offsetBefore;
  const late = wall - offsetAfter;
  const earlyValid = toWallClock(early, timezone) === wall;
  const lateValid = toWallClock(late, timezone) === wall;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  // Valid, or in a gap: the offset before the change moves the reading past the gap.
  return early;
}

/** Whether `timezone` is an IANA time zone name this runtime knows. */
export function isKnownTimezone(timezone: string): boolean {
  if (timezone === "UTC") return true;
  try {
    zoneOffset(0, timezone);
    return true;
  } catch {
    return false;
  }
}
