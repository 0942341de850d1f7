const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * The offset of an IANA time zone at an instant: the milliseconds to add to the UTC instant to get the
 * zone's wall-clock reading (taken as UTC), e.g. -4 h for `America/New_York` in July. Read through `Intl`,
 * which knows every zone and its history; throws a `RangeError` for a zone the runtime does not know.
 *
 * @example The offset of New York in summer
 * ```ts
 * import { zoneOffset } from "@jobkit/functions/internal";
 *
 * export const hours = zoneOffset(Date.parse("2026-07-15T13:00:00Z"), "America/New_York") / 3_600_000; // -4
 * ```
 */
export function zoneOffset(instant: number, zone: string): number {
  // Intl formats whole seconds; the milliseconds of an instant are the same in every zone.
  const whole = Math.floor(instant / 1000) * 1000;
  const part: Record<string, string> = {};
  for (const { type, value } of formatterOf(zone).formatToParts(whole)) part[type] = value;
  // Astronomical years: 1 BC is year 0. Date.UTC reads years 0-99 as 1900-1999, so those are set apart.
  const year = part.era === "BC" || part.era === "B" ? 1 - Number(part.year) : Number(part.year);
  const time = [Number(part.hour), Number(part.minute), Number(part.second)] as const;
  let wall = Date.UTC(year, Number(part.month) - 1, Number(part.day), ...time);
  if (year < 100 && year >= 0) {
    const date = new Date(0);
    date.setUTCFullYear(year, Number(part.month) - 1, Number(part.day));
    date.setUTCHours(...time);
    wall = date.getTime();
  }
  return wall - whole;
}
