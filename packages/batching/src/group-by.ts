/**
 * Groups items by the key `keyOf` returns, keeping the order in which each key first appears and the
 * order of items within a group; a `Map` because keys need not be strings.
 *
 * @param keyOf - Called once per item with the item and its index.
 * @example Group a batch of notifications by user
 * ```ts
 * import { groupBy } from "@jobkit/batching";
 *
 * const events = [
 *   { data: { userId: "usr_1", title: "New comment" } },
 *   { data: { userId: "usr_2", title: "New follower" } },
 *   { data: { userId: "usr_1", title: "New like" } },
 * ];
 * const byUser = groupBy(events, (event) => event.data.userId);
 * byUser.get("usr_1")?.length; // 2
 * [...byUser.keys()]; // ["usr_1", "usr_2"]
 * ```
 */
export function groupBy<TItem, TKey>(
  items: Iterable<TItem>,
  keyOf: (item: TItem, index: number) => TKey,
): Map<TKey, TItem[]> {
  const groups = new Map<TKey, TItem[]>();
  let index = 0;
  for (const item of items) {
    const key = keyOf(item, index++);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
