import { JobError } from "@jobkit/functions";
import { describeValue } from "@jobkit/functions/internal";

/**
 * Options of {@link dedupe}.
 *
 * @example Keep the latest identify per user
 * ```ts
 * import { type DedupeOptions, dedupe } from "@jobkit/batching";
 *
 * const identifies = [
 *   { userId: "usr_1", traits: { plan: "free" } },
 *   { userId: "usr_1", traits: { plan: "pro" } },
 * ];
 * const latest: DedupeOptions = { keep: "last" };
 * dedupe(identifies, (identify) => identify.userId, latest);
 * // [{ userId: "usr_1", traits: { plan: "pro" } }]
 * ```
 */
export interface DedupeOptions {
  /** Which item of a set of duplicates to keep: the first (default) or the last one seen. */
  readonly keep?: "first" | "last";
}

/**
 * Drops items whose key `keyOf` returns was already seen, keeping the first of each (or the last, with
 * `keep: "last"`) in the order the kept items appear; keys are compared with `SameValueZero`, like a `Set`.
 *
 * @param keyOf - Called once per item with the item and its index.
 * @example Keep one page view per visitor and path
 * ```ts
 * import { dedupe } from "@jobkit/batching";
 *
 * const views = [
 *   { data: { anonymousId: "anon_1", path: "/pricing" } },
 *   { data: { anonymousId: "anon_1", path: "/pricing" } },
 *   { data: { anonymousId: "anon_1", path: "/docs" } },
 * ];
 * const unique = dedupe(views, (view) => `${view.data.anonymousId} ${view.data.path}`);
 * unique.length; // 2
 * ```
 */
export function dedupe<TItem, TKey>(
  items: Iterable<TItem>,
  keyOf: (item: TItem, index: number) => TKey,
  options: DedupeOptions = {},
): TItem[] {
  const keep = options.keep ?? "first";
  if (keep !== "first" && keep !== "last") {
    throw new JobError({
      functionId: undefined,
      subject: 'option "keep" of dedupe()',
      path: "keep",
      received: describeValue(keep),
      expected: '"first" or "last"',
      example: '{ keep: "last" }',
    });
  }
  const kept = new Map<TKey, { readonly item: TItem; readonly position: number }>();
  let index = 0;
  for (const item of items) {
    const key = keyOf(item, index);
    if (keep === "last" || !kept.has(key)) kept.set(key, { item, position: index });
    index++;
  }
  if (keep === "first") return [...kept.values()].map((entry) => entry.item);
  return [...kept.values()].sort((a, b) => a.position - b.position).map((entry) => entry.item);
}
