import type { CronFieldSet, CronSpec } from "./cron-parse";
import { zoneOffset } from "./zone-offset";

/**
 * robfig/cron v3's `SpecSchedule.Next` (spec.go) ported line by line, with Go's `time.Date` rules for
 * wall-clock times, so every instant equals the one Inngest's scheduler computes: a local time that
 * daylight saving time skips does not run that day, one it repeats runs twice, and after five years
 * without a match there is no next run.
 */

// Literals, not products: in the built chunk esbuild cannot drop computed module-level values from bundles
// that never compute a cron run.
const second = 1000;
const minute = 60_000;
const hour = 3_600_000;
const day = 86_400_000;

/** Wall-clock fields of an instant in a zone, as Go's `t.Date()`, `t.Clock()` and `t.Weekday()` give them. */
interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** One UTC day of a zone: its offset, and where it changes when it does. */
interface DaySpan {
  readonly before: number;
  readonly change: number;
  readonly after: number;
}

/**
 * A zone's offsets through `Intl`, read once per UTC day: two lookups find whether the offset changes that
 * day, and a bisection to the second finds when (no zone changes its offset twice within one day).
 */
class ZoneClock {
  private readonly days = new Map<number, DaySpan>();

  constructor(private readonly zone: string) {}

  /** Milliseconds to add to a UTC instant to get its wall-clock time. */
  offsetAt(instant: number): number {
    const key = Math.floor(instant / day);
    let span = this.days.get(key);
    if (span === undefined) {
      span = this.daySpan(key * day);
      if (this.days.size > 20_000) this.days.clear();
      this.days.set(key, span);
    }
    return instant < span.change ? span.before : span.after;
  }

  private daySpan(start: number): DaySpan {
    const before = this.exactOffset(start);
    const after = this.exactOffset(start + day);
    if (before === after) return { before, change: start + day, after };
    let low = start;
    let high = start + day;
    while (high - low > second) {
      const middle = low + Math.floor((high - low) / 2 / second) * second;
      if (this.exactOffset(middle) === before) low = middle;
      else high = middle;
    }
    return { before, change: high, after };
  }

  wall(instant: number): Wall {
    const local = Math.floor((instant + this.offsetAt(instant)) / second);
    const days = Math.floor(local / 86_400);
    const secondOfDay = local - days * 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted): no Date objects
    // in the scheduler's inner loops.
    const shifted = days + 719_468;
    const era = Math.floor(shifted / 146_097);
    const dayOfEra = shifted - era * 146_097;
    const yearOfEra = Math.floor(
      (dayOfEra -
        Math.floor(dayOfEra / 1460) +
        Math.floor(dayOfEra / 36_524) -
        Math.floor(dayOfEra / 146_096)) /
        365,
    );
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
    const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    return {
      year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
      month,
      day: dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1,
      hour: Math.floor(secondOfDay / 3600),
      minute: Math.floor((secondOfDay % 3600) / 60),
      second: secondOfDay % 60,
      weekday: (((days + 4) % 7) + 7) % 7,
    };
  }

  /** Go's `time.Date(year, month, day, hour, min, sec, 0, loc)`, overflow normalised like Go's. */
  date(year: number, month: number, day: number, hours: number, minutes: number, seconds: number): number {
    const local = Date.UTC(year, month - 1, day, hours, minutes, seconds);
    // time.Date looks the offset up at the wall time read as UTC, then at the instant that gives; the
    // second lookup is the one it keeps (when both lie in one zone period they are equal).
    return local - this.offsetAt(local - this.offsetAt(local));
  }

  /** Go's `t.AddDate(0, months, days)`: the same wall clock, months and days later, through `time.Date`. */
  addDate(instant: number, months: number, days: number): number {
    const wall = this.wall(instant);
    return this.date(wall.year, wall.month + months, wall.day + days, wall.hour, wall.minute, wall.second);
  }

  private exactOffset(instant: number): number {
    return zoneOffset(instant, this.zone);
  }
}

const clocks = new Map<string, ZoneClock>();

function clockOf(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (clock === undefined) {
    clock = new ZoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

const has = (set: CronFieldSet, value: number) => set.values[value] === true;

function dayMatches(spec: CronSpec, wall: Wall): boolean {
  const dayOfMonth = has(spec.dayOfMonth, wall.day);
  const dayOfWeek = has(spec.dayOfWeek, wall.weekday);
  // robfig: when either day field is a star, both must match; when both are restricted, either may.
  if (spec.dayOfMonth.star || spec.dayOfWeek.star) return dayOfMonth && dayOfWeek;
  return dayOfMonth || dayOfWeek;
}

/**
 * The first run strictly after `from` (from the next whole second), or `undefined` when there is none
 * within five years: robfig's `Next` for a schedule whose seconds field is 0.
 */
export function nextRun(spec: CronSpec, zone: string, from: number): number | undefined {
  const clock = clockOf(zone);
  let t = Math.floor(from / second) * second + second;
  let added = false;
  const yearLimit = clock.wall(t).year + 5;

  wrap: for (;;) {
    let wall = clock.wall(t);
    if (wall.year > yearLimit) return undefined;

    while (!has(spec.month, wall.month)) {
      if (!added) {
        added = true;
        t = clock.date(wall.year, wall.month, 1, 0, 0, 0);
      }
      t = clock.addDate(t, 1, 0);
      wall = clock.wall(t);
      if (wall.month === 1) continue wrap;
    }

    while (!dayMatches(spec, wall)) {
      if (!added) {
        added = true;
        t = clock.date(wall.year, wall.month, wall.day, 0, 0, 0);
      }
      t = clock.addDate(t, 0, 1);
      // Where midnight does not exist the day starts at 1:00 (or 23:00 the day before): back to 0:00.
      const shifted = clock.wall(t).hour;
      if (shifted !== 0) t += (shifted > 12 ? 24 - shifted : -shifted) * hour;
      wall = clock.wall(t);
      if (wall.day === 1) continue wrap;
    }

    while (!has(spec.hour, wall.hour)) {
      if (!added) {
        added = true;
        t = clock.date(wall.year, wall.month, wall.day, wall.hour, 0, 0);
      }
      t += hour;
      wall = clock.wall(t);
      if (wall.hour === 0) continue wrap;
    }

    while (!has(spec.minute, wall.minute)) {
      if (!added) {
        added = true;
        t -= ((t % minute) + minute) % minute;
      }
      // robfig adds one minute at a time, starting over at minute 0. Where the offset stays the same the
      // wall minute rises by one per step, so jump straight to the next matching minute (or to minute 0).
      let steps = 1;
      while (wall.minute + steps < 60 && !has(spec.minute, wall.minute + steps)) steps++;
      if (steps > 1 && clock.offsetAt(t + steps * minute) !== clock.offsetAt(t)) steps = 1;
      t += steps * minute;
      wall = clock.wall(t);
      if (wall.minute === 0) continue wrap;
    }

    // robfig steps one second at a time until the second is 0 and then starts over; offsets are whole
    // minutes, so jumping to the next minute lands on the same instant.
    if (wall.second !== 0) {
      added = true;
      t += (60 - wall.second) * second;
      continue;
    }

    return t;
  }
}
