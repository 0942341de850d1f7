/**
 * Milliseconds a `Retry-After` header asks to wait: whole seconds (`"7"`) or an HTTP date. A date is
 * measured from the response's own `Date` header when it has one, so clock skew between the two servers
 * does not matter; otherwise from `now`. Returns `undefined` for a missing or unreadable value.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number,
  dateHeader?: string,
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  const serverNow = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  return Math.max(0, at - (Number.isFinite(serverNow) ? serverNow : now));
}
