const orList = new Intl.ListFormat("en", { type: "disjunction" });
const andList = new Intl.ListFormat("en", { type: "conjunction" });

/**
 * Joins names for an error message, each quoted: `"a", "b", or "c"` (`"and"` for a conjunction).
 *
 * @example List the allowed values
 * ```ts
 * import { formatList } from "@jobkit/events/internal";
 *
 * formatList(["hour", "day", "week"]); // '"hour", "day", or "week"'
 * ```
 */
export function formatList(items: readonly string[], kind: "or" | "and" = "or"): string {
  const quoted = items.map((item) => JSON.stringify(item));
  return (kind === "or" ? orList : andList).format(quoted);
}

/**
 * A "did you mean …?" line for an error message, or `undefined` when there is nothing to suggest.
 *
 * @example Hint at a misspelt option
 * ```ts
 * import { didYouMean } from "@jobkit/events/internal";
 *
 * didYouMean(["concurrency"]); // 'did you mean "concurrency"?'
 * ```
 */
export function didYouMean(suggestions: readonly string[]): string | undefined {
  return suggestions.length === 0 ? undefined : `did you mean ${formatList(suggestions)}?`;
}
