import { inngestLimits } from "@jobkit/functions";

/** How far a response's `Date` may be from the local clock and still be trusted. */
const maxDateSkewMs = 24 * 60 * 60 * 1000;
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const imfFixdate =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** The time an IMF-fixdate (RFC 7231 §7.1.1.1, `"Wed, 21 Oct 2015 07:28:00 GMT"`) names, or `undefined`. */
function parseImfFixdate(text: string): number | undefined {
  const match = imfFixdate.exec(text);
  if (match === null) return undefined;
  const monthIndex = months.indexOf(match[2] ?? "");
  const [y, d, h, min, sec] = [3, 1, 4, 5, 6].map((group) => Number(match[group])) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const at = Date.UTC(y, monthIndex, d, h, min, sec);
  const parsed = new Date(at);
  // Date.UTC rolls "31 Feb" or "25:00" over into the next unit; such a text is not a date.
  const valid =
    parsed.getUTCFullYear() === y &&
    parsed.getUTCMonth() === monthIndex &&
    parsed.getUTCDate() === d &&
    parsed.getUTCHours() === h &&
    parsed.getUTCMinutes() === min &&
    parsed.getUTCSeconds() === sec;
  return valid ? at : undefined;
}

/**
 * Milliseconds a `Retry-After` header asks to wait: whole seconds (`"7"`) or an IMF-fixdate
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`), at most Inngest's longest retry delay (one day). A date is measured
 * from the response's own `Date` header when it is an IMF-fixdate within a day of `now`, so clock skew
 * between the two servers does not matter; otherwise from `now`. Returns `undefined` for a missing or
 * unreadable value.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number,
  dateHeader?: string,
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, inngestLimits.maxRetryDelayMs);
  const at = parseImfFixdate(text);
  if (at === undefined) return undefined;
  const serverNow = dateHeader === undefined ? undefined : parseImfFixdate(dateHeader.trim());
  const from = serverNow !== undefined && Math.abs(serverNow - now) <= maxDateSkewMs ? serverNow : now;
  return Math.min(Math.max(0, at - from), inngestLimits.maxRetryDelayMs);
}
