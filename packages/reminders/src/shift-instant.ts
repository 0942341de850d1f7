import { type Duration, parseDuration } from "@jobkit/functions";
import { type DurationField, readDurationParts } from "@jobkit/functions/internal";
import { fromWallClock, toWallClock } from "./zoned-clock";

const dayMs = 86_400_000;

/** A duration split into calendar days (from its day and week parts) and an exact remainder in milliseconds. */
export interface CalendarDuration {
  /** Whole calendar days: the same wall-clock time that many days later, in the sequence's time zone. */
  readonly days: number;
  /** Exact milliseconds on top of the days: `"12h"`, or the half day of `"1.5d"`. */
  readonly ms: number;
}

/**
 * Parses a {@link Duration} into calendar days and exact milliseconds by the unit of each part, however
 * it is spelled: `"3d"` and `"3 days"` are 3 calendar days, `"1w"` and `"1 week"` 7, `"36h"` 36 exact
 * hours, `"1.5d"` 1 day and 12 exact hours, and `"1d12h"` 1 calendar day and 12 exact hours (Temporal's
 * rule: the date part on the calendar, the time part exact). Years and numbers of milliseconds are exact.
 * Throws `JobError` for a malformed value.
 */
export function toCalendarDuration(value: Duration, field: DurationField): CalendarDuration {
  const total = parseDuration(value, { minMs: 0, ...field });
  if (typeof value !== "string") return { days: 0, ms: total };
  let calendarMs = 0;
  for (const part of readDurationParts(value) ?? []) {
    if (part.unit === "d" || part.unit === "w") calendarMs += part.ms;
  }
  const days = Math.floor(calendarMs / dayMs);
  return { days, ms: total - days * dayMs };
}

/**
 * The instant `by` after (`direction` 1) or before (-1) `instant`: calendar days keep the wall-clock time
 * in `timezone`, so "3 days before 09:00" is 09:00 even when daylight saving time changes in between; the
 * exact remainder is added afterwards.
 */
export function shiftInstant(
  instant: number,
  by: CalendarDuration,
  direction: 1 | -1,
  timezone: string,
): number {
  let shifted = instant;
  if (by.days !== 0) {
    const wall = toWallClock(instant, timezone);
    shifted = fromWallClock(wall + direction * by.days * dayMs, timezone);
    // fromWallClock picks the earlier of two readings; keep the original's side of a clock change instead,
    // when the shifted reading exists twice.
    const sameOffset = wall - instant;
    const candidate = wall + direction * by.days * dayMs - sameOffset;
    if (candidate !== shifted && toWallClock(candidate, timezone) === toWallClock(shifted, timezone)) {
      shifted = candidate;
    }
  }
  return shifted + direction * by.ms;
}
