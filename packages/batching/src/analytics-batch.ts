import { analyticsIdentify, analyticsPageView, analyticsTrack } from "@jobkit/events/standard";
import type { Duration, FunctionDefinition, ReadyMadeOptions, ReceivedEventOf } from "@jobkit/functions";
import { checkReadyMadeOptions } from "@jobkit/functions/internal";
import { batchRefusals, checkBatchWindow } from "./check-batch";
import { type BatchContext, defineBatchFunction } from "./define-batch-function";
import { groupBy } from "./group-by";
import type { BatchResults, OnItemError } from "./map-items";

/**
 * An `analytics/track` event as a batch handler receives it.
 *
 * @example Sum the revenue of a batch
 * ```ts
 * import type { AnalyticsTrackEvent } from "@jobkit/batching";
 *
 * export function revenue(events: readonly AnalyticsTrackEvent[]): number {
 *   return events
 *     .filter((event) => event.data.event === "order_processed")
 *     .reduce((sum, event) => sum + Number(event.data.properties?.amount ?? 0), 0);
 * }
 * ```
 */
export type AnalyticsTrackEvent = ReceivedEventOf<typeof analyticsTrack>;
/**
 * An `analytics/page_view` event as a batch handler receives it.
 *
 * @example Map a page view to a warehouse row
 * ```ts
 * import type { AnalyticsPageViewEvent } from "@jobkit/batching";
 *
 * export function toRow({ data }: AnalyticsPageViewEvent) {
 *   return { path: data.path, visitor: data.userId ?? data.anonymousId, viewedAt: data.timestamp };
 * }
 * ```
 */
export type AnalyticsPageViewEvent = ReceivedEventOf<typeof analyticsPageView>;
/**
 * An `analytics/identify` event as a batch handler receives it.
 *
 * @example Merge the traits of a batch of identifies
 * ```ts
 * import type { AnalyticsIdentifyEvent } from "@jobkit/batching";
 *
 * // The latest value of each trait wins.
 * export function latestTraits(events: readonly AnalyticsIdentifyEvent[]): Map<string, object> {
 *   const traits = new Map<string, object>();
 *   for (const { data } of events) traits.set(data.userId, { ...traits.get(data.userId), ...data.traits });
 *   return traits;
 * }
 * ```
 */
export type AnalyticsIdentifyEvent = ReceivedEventOf<typeof analyticsIdentify>;

/**
 * The kinds of analytics events {@link analyticsBatch} can batch; `track` always, the others on request.
 *
 * @example One table per kind of analytics event
 * ```ts
 * import { type AnalyticsType, analyticsBatch } from "@jobkit/batching";
 *
 * declare const warehouse: { insert(table: string, rows: readonly object[]): Promise<number> };
 * const tables: Record<AnalyticsType, string> = {
 *   track: "events",
 *   page_view: "page_views",
 *   identify: "identities",
 * };
 *
 * export const analytics = analyticsBatch({
 *   include: ["page_view", "identify"],
 *   write: (group) =>
 *     warehouse.insert(
 *       tables[group.type],
 *       group.events.map((event) => event.data),
 *     ),
 * });
 * ```
 */
export type AnalyticsType = "track" | "page_view" | "identify";

interface AnalyticsGroups {
  readonly track: {
    readonly type: "track";
    /** The tracked event's name (`data.event`), e.g. `"order_processed"`. */
    readonly event: string;
    readonly events: readonly AnalyticsTrackEvent[];
  };
  readonly page_view: { readonly type: "page_view"; readonly events: readonly AnalyticsPageViewEvent[] };
  readonly identify: { readonly type: "identify"; readonly events: readonly AnalyticsIdentifyEvent[] };
}

/**
 * One group of a batch, written in one step: the `track` events of one event name, or all page views, or
 * all identifies, in batch order.
 *
 * @example Route each group to its warehouse table
 * ```ts
 * import type { AnalyticsGroup } from "@jobkit/batching";
 *
 * export function tableFor(group: AnalyticsGroup): string {
 *   switch (group.type) {
 *     case "track":
 *       return `track_${group.event}`;
 *     case "page_view":
 *       return "page_views";
 *     case "identify":
 *       return "identities";
 *   }
 * }
 * ```
 */
export type AnalyticsGroup<TType extends AnalyticsType = AnalyticsType> = AnalyticsGroups[TType];

/**
 * The options of {@link analyticsBatch}.
 */
export interface AnalyticsBatchOptions<TInclude extends readonly ("page_view" | "identify")[]>
  extends Omit<ReadyMadeOptions<AnalyticsEvent>, "debounce" | "priority"> {
  /** Writes one group to your analytics store, in a step per group, retried on its own when it throws. */
  readonly write: (group: AnalyticsGroup<"track" | TInclude[number]>) => unknown;
  /** Also batch `analytics/page_view` and/or `analytics/identify`; default none. */
  readonly include?: TInclude;
  /** Most events in one batch, at most 100 (Inngest's cap; the seed's 1000 is rejected); default 100. */
  readonly maxSize?: number;
  /** Longest wait for a batch to fill, 1s-60s; default `"1m"`. */
  readonly timeout?: Duration;
  /** One group's failed write is recorded (`"collect"`, default) or fails the run (`"fail"`). */
  readonly onItemError?: OnItemError;
}

/**
 * One group's outcome: its type, its event name for `track`, and how many events were written.
 *
 * @example Report what a run wrote
 * ```ts
 * import type { AnalyticsWriteOutcome, BatchResults } from "@jobkit/batching";
 *
 * export function written(results: BatchResults<AnalyticsWriteOutcome>): string[] {
 *   return results.items.flatMap((item) =>
 *     item.ok ? [`${item.value.event ?? item.value.type}: ${item.value.count} events`] : [],
 *   );
 * }
 * ```
 */
export interface AnalyticsWriteOutcome {
  readonly type: AnalyticsType;
  readonly event?: string;
  readonly count: number;
}

type AnalyticsEvent = AnalyticsTrackEvent | AnalyticsPageViewEvent | AnalyticsIdentifyEvent;

/**
 * The definition {@link analyticsBatch} returns for the included event types.
 *
 * @example Spell out the job's type in a module's exports
 * ```ts
 * import { type AnalyticsBatchDefinition, analyticsBatch } from "@jobkit/batching";
 *
 * declare const warehouse: { insert(table: string, rows: readonly object[]): Promise<number> };
 *
 * export const analytics: AnalyticsBatchDefinition<"track" | "page_view"> = analyticsBatch({
 *   include: ["page_view"],
 *   write: (group) =>
 *     warehouse.insert(
 *       group.type,
 *       group.events.map((event) => event.data),
 *     ),
 * });
 * ```
 */
export type AnalyticsBatchDefinition<TType extends AnalyticsType = AnalyticsType> = FunctionDefinition<
  "event",
  Extract<AnalyticsEvent, { readonly name: `analytics/${TType}` }>,
  BatchResults<AnalyticsWriteOutcome>
>;

const extras = { page_view: analyticsPageView, identify: analyticsIdentify } as const;

/** Splits a batch into write groups: track events by event name, then page views, then identifies. */
export function groupAnalyticsEvents(events: readonly AnalyticsEvent[]): AnalyticsGroup[] {
  const groups = groupBy(events, (event) =>
    event.name === "analytics/track" ? `track:${event.data.event}` : event.name,
  );
  return [...groups.values()].map((group): AnalyticsGroup => {
    const [first] = group;
    if (first?.name === "analytics/track") {
      return { type: "track", event: first.data.event, events: group as AnalyticsTrackEvent[] };
    }
    if (first?.name === "analytics/page_view") {
      return { type: "page_view", events: group as AnalyticsPageViewEvent[] };
    }
    return { type: "identify", events: group as AnalyticsIdentifyEvent[] };
  });
}

function isExtraType(type: unknown): type is "page_view" | "identify" {
  return typeof type === "string" && Object.hasOwn(extras, type);
}

const analyticsOwnOptions = ["write", "include", "maxSize", "timeout", "onItemError"];

type AnalyticsDefinition = typeof analyticsTrack | typeof analyticsPageView | typeof analyticsIdentify;

function groupKey(group: AnalyticsGroup): string {
  return group.type === "track" ? `track-${group.event}` : group.type;
}

/**
 * A ready-made analytics job: batches `analytics/track` events (and, with `include`, page views and
 * identifies), groups them by type (track events by event name) and writes each group in its own step.
 * Batches hold at most 100 events, Inngest's cap: the seed's `maxSize: 1000` is rejected with that reason.
 *
 * @example Write each group to a warehouse table
 * ```ts
 * import { analyticsBatch } from "@jobkit/batching";
 *
 * const warehouse = { insert: async (table: string, rows: readonly object[]) => rows.length };
 *
 * export const analytics = analyticsBatch({
 *   include: ["page_view"],
 *   write: (group) =>
 *     group.type === "track"
 *       ? warehouse.insert(`track_${group.event}`, group.events.map((event) => event.data))
 *       : warehouse.insert("page_views", group.events.map((event) => event.data)),
 * });
 * ```
 * @example Batches of 1000 on a self-hosted server
 * ```ts
 * import { analyticsBatch } from "@jobkit/batching";
 *
 * declare const warehouse: { insert(table: string, rows: readonly object[]): Promise<number> };
 *
 * export const analytics = analyticsBatch({
 *   maxSize: 1000,
 *   limits: { maxBatchSize: 1000 },
 *   write: (group) => warehouse.insert(group.type, group.events.map((event) => event.data)),
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/batching/README.md
 */
export function analyticsBatch<const TInclude extends readonly ("page_view" | "identify")[] = []>(
  options: AnalyticsBatchOptions<TInclude>,
): AnalyticsBatchDefinition<"track" | TInclude[number]> {
  const {
    options: checked,
    id,
    limits,
    fail,
  } = checkReadyMadeOptions(options, {
    defaultId: "analytics-batch",
    own: analyticsOwnOptions,
    refused: batchRefusals,
  });
  const {
    write,
    include = [],
    maxSize = 100,
    timeout = "1m",
    onItemError,
    name = "Analytics batch",
    ...shared
  } = checked as Record<string, unknown>;
  if (typeof write !== "function") {
    fail("write", write, "a function that writes one group of analytics events", {
      example: "(group) => warehouse.insert(group.type, group.events)",
    });
  }
  if (!Array.isArray(include) || include.some((type) => !isExtraType(type))) {
    const bad = Array.isArray(include) ? include.find((type) => !isExtraType(type)) : include;
    fail("include", bad, 'a list of "page_view" and "identify"', { example: '["page_view", "identify"]' });
  }
  checkBatchWindow(fail, id, { maxSize: "maxSize", timeout: "timeout" }, { maxSize, timeout }, limits);
  const writeGroup = write as (group: AnalyticsGroup) => unknown;
  const triggers: AnalyticsDefinition[] = [
    analyticsTrack,
    ...[...new Set<"page_view" | "identify">(include as ("page_view" | "identify")[])].map(
      (type) => extras[type],
    ),
  ];

  const handler = async ({ events, step, mapItems }: BatchContext<AnalyticsEvent>) =>
    mapItems(
      groupAnalyticsEvents(events),
      async (group): Promise<AnalyticsWriteOutcome> => {
        await step.run(`write-${groupKey(group)}`, () => writeGroup(group));
        return {
          type: group.type,
          ...(group.type === "track" ? { event: group.event } : {}),
          count: group.events.length,
        };
      },
      { key: groupKey },
    );

  return (defineBatchFunction as (input: unknown) => AnalyticsBatchDefinition<"track" | TInclude[number]>)({
    ...shared,
    id,
    name,
    on: triggers,
    batch: { maxSize, timeout },
    ...(onItemError === undefined ? {} : { onItemError }),
    handler,
  });
}
