/**
 * Longest input the name search compares: edit distance is quadratic, and a name longer than any real
 * event, option or zone name is not a typo of one (a 256 KiB event name must not block the event loop).
 */
const maxComparedLength = 128;

/**
 * Options of {@link suggestNames}.
 *
 * @example Suggest option names, ignoring case
 * ```ts
 * import { type SuggestNamesOptions, suggestNames } from "@jobkit/events/internal";
 *
 * const options: SuggestNamesOptions = { limit: 1, ignoreCase: true };
 * suggestNames("Concurency", ["concurrency", "throttle"], options); // ["concurrency"]
 * ```
 */
export interface SuggestNamesOptions {
  /** How many suggestions at most; 3 by default. */
  readonly limit?: number;
  /** Compare case-insensitively (option names, zone names); names are case-sensitive by default. */
  readonly ignoreCase?: boolean;
  /** Also suggest candidates this returns true for even when they are further apart (same namespace, …). */
  readonly related?: (candidate: string) => boolean;
}

/**
 * Edit distance (insert, delete, replace) of `a` and `b`, or `limit + 1` as soon as it is certainly above
 * `limit` — so a far-off candidate costs one row, not the whole table.
 */
function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known names closest to `input` (typos, a wrong segment), closest first: the one name-suggestion
 * search every jobkit package uses for "did you mean …?" hints.
 *
 * @example Suggest an event name
 * ```ts
 * import { suggestNames } from "@jobkit/events/internal";
 *
 * suggestNames("user/craeted", ["user/created", "user/deleted", "order/placed"]); // ["user/created", "user/deleted"]
 * ```
 */
export function suggestNames(
  input: string,
  known: Iterable<string>,
  options: SuggestNamesOptions = {},
): string[] {
  const { limit = 3, ignoreCase = false, related } = options;
  if (typeof input !== "string" || input.length === 0 || input.length > maxComparedLength) return [];
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const wanted = fold(input);
  const threshold = Math.max(2, Math.floor(input.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of known) {
    if (candidate.length > maxComparedLength) continue;
    const folded = fold(candidate);
    const contains = folded.includes(wanted) || wanted.includes(folded);
    const distance = boundedEditDistance(wanted, folded, threshold);
    if (distance <= threshold || contains || related?.(candidate) === true) {
      scored.push({ candidate, distance: contains ? Math.min(distance, threshold) : distance });
    }
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
