// Built on first use, not at import: creating an Intl.ListFormat loads ICU data, a measurable share of an app's
// cold start (issue 24), and most processes never format an error message.
const formats: Partial<Record<"or" | "and", Intl.ListFormat>> = {};

function listFormat(kind: "or" | "and"): Intl.ListFormat {
  formats[kind] ??= new Intl.ListFormat("en", { type: kind === "or" ? "disjunction" : "conjunction" });
  return formats[kind];
}

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
  return listFormat(kind).format(quoted);
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

/**
 * A count and its noun for a message: `1 event`, `2 events` (regular plurals only).
 *
 * @example Count what a report found
 * ```ts
 * import { plural } from "@jobkit/events/internal";
 *
 * plural(1, "breaking change"); // "1 breaking change"
 * plural(3, "event"); // "3 events"
 * ```
 */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
