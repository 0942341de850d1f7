import { fromWallClock } from "./zoned-clock";

/**
 * What a schedule entry's `of` may return: a `Date`, milliseconds since the epoch, or an ISO 8601 string.
 * `null` or `undefined` means "no such deadline for this event": the reminder is skipped, not failed.
 *
 * @example No deadline for cancelled subscriptions
 * ```ts
 * import type { DeadlineInput } from "@jobkit/reminders";
 *
 * type Subscription = { renewsAt: string; cancelled: boolean };
 *
 * // null skips the renewal reminder instead of failing the run.
 * export const renewalDate = (subscription: Subscription): DeadlineInput =>
 *   subscription.cancelled ? null : subscription.renewsAt;
 * ```
 */
export type DeadlineInput = Date | number | string | null | undefined;

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The instant of a deadline in milliseconds since the epoch, `undefined` when there is none, or `NaN`
 * when the value is not a date. ISO strings with `Z` or an offset are exact; a date (`"2026-03-10"`) or a
 * date-time without an offset is a wall-clock reading in `timezone` (midnight for a date), never in the
 * server's local zone, so every machine and every replay reads it the same way.
 */
export function parseDeadline(value: DeadlineInput, timezone: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== "string") return Number.NaN;
  const match = isoPattern.exec(value.trim());
  if (!match) return Number.NaN;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0", offset] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Math.floor(Number(`0.${fraction}`) * 1000),
  );
  // Date.UTC rolls 2026-02-31 over to March; a deadline that does not exist is a mistake, not a date.
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return Number.NaN;
  }
  if (offset === undefined) return fromWallClock(wall, timezone);
  if (offset.toUpperCase() === "Z") return wall;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const offsetMs = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * 60_000;
  return wall - sign * offsetMs;
}
