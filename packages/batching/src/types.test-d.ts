import { defineEvent } from "@jobkit/events";
import { cel, type ReceivedEventOf } from "@jobkit/functions";
import type { EventOfDefinition, OutputOfDefinition } from "@jobkit/functions/internal";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { AnalyticsTrackEvent } from "./analytics-batch";
import {
  type AnalyticsGroup,
  analyticsBatch,
  type BatchResults,
  type DigestOutcome,
  dedupe,
  defineBatchFunction,
  groupBy,
  type NotificationDigest,
  notificationDigest,
} from "./index";

const rowSubmitted = defineEvent("import/row.submitted", {
  schema: z.object({
    accountId: z.string(),
    row: z.object({ id: z.string(), values: z.array(z.string()) }),
    valid: z.boolean(),
  }),
});
type RowSubmitted = ReceivedEventOf<typeof rowSubmitted>;
const rowDeleted = defineEvent("import/row.deleted", {
  schema: z.object({ accountId: z.string(), rowId: z.string() }),
});

describe("defineBatchFunction", () => {
  it("types every event of the batch from the trigger's schema", () => {
    defineBatchFunction({
      id: "import-rows",
      on: rowSubmitted,
      batch: { maxSize: 100, timeout: "10s" },
      handler: ({ events }) => {
        expectTypeOf(events).toEqualTypeOf<[RowSubmitted, ...RowSubmitted[]]>();
        expectTypeOf(events[0].name).toEqualTypeOf<"import/row.submitted">();
        expectTypeOf(events.map((event) => event.data.row.id)).toEqualTypeOf<string[]>();
        // @ts-expect-error -- not in the schema
        events[0].data.rowId;
      },
    });
  });

  it("gives a union of the trigger events for several triggers", () => {
    defineBatchFunction({
      id: "sync-rows",
      on: [rowSubmitted, rowDeleted],
      batch: { maxSize: 50, timeout: "5s", key: "event.data.accountId" },
      handler: ({ events }) => {
        for (const event of events) {
          if (event.name === "import/row.deleted") expectTypeOf(event.data.rowId).toEqualTypeOf<string>();
          else expectTypeOf(event.data.valid).toEqualTypeOf<boolean>();
        }
      },
    });
  });

  it("types mapItems' results and the definition's output", () => {
    const importRows = defineBatchFunction({
      id: "import-rows",
      on: rowSubmitted,
      batch: { maxSize: 100, timeout: "10s" },
      handler: async ({ events, mapItems }) => {
        const results = await mapItems(events, async (event) => ({ rowId: event.data.row.id }));
        expectTypeOf(results).toEqualTypeOf<BatchResults<{ rowId: string }>>();
        const item = results.items[0];
        if (item?.ok) expectTypeOf(item.value.rowId).toEqualTypeOf<string>();
        else if (item) expectTypeOf(item.error.message).toEqualTypeOf<string>();
        return results;
      },
    });
    expectTypeOf<OutputOfDefinition<typeof importRows>>().toEqualTypeOf<BatchResults<{ rowId: string }>>();
    expectTypeOf<EventOfDefinition<typeof importRows>["name"]>().toEqualTypeOf<"import/row.submitted">();
  });

  it("checks batch.key against the schema, with cel() for any other expression", () => {
    defineBatchFunction({
      id: "per-account",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s", key: "event.data.row.id" },
      handler: () => null,
    });
    defineBatchFunction({
      id: "per-account",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s", key: cel('event.data.accountId + "-" + event.data.row.id') },
      handler: () => null,
    });
    defineBatchFunction({
      id: "per-account",
      on: rowSubmitted,
      // @ts-expect-error -- batch.key: key path "event.data.acountId" is not in the schema
      batch: { maxSize: 10, timeout: "5s", key: "event.data.acountId" },
      handler: () => null,
    });
    defineBatchFunction({
      id: "per-account",
      on: [rowSubmitted, rowDeleted],
      // @ts-expect-error -- only rowSubmitted has data.valid
      batch: { maxSize: 10, timeout: "5s", key: "event.data.valid" },
      handler: () => null,
    });
  });

  it("checks the other key paths as defineEventFunction does", () => {
    defineBatchFunction({
      id: "per-account",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s" },
      // @ts-expect-error -- concurrency.key: not in the schema
      concurrency: { limit: 2, key: "event.data.account" },
      handler: () => null,
    });
  });

  it("rejects options that do not combine with batching, and unknown ones", () => {
    defineBatchFunction({
      id: "bad",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s" },
      // @ts-expect-error -- Inngest rejects debounce with batching
      debounce: { period: "5s" },
      handler: () => null,
    });
    defineBatchFunction({
      id: "bad",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s" },
      // @ts-expect-error -- takes batch, not batchEvents
      batchEvents: { maxSize: 10, timeout: "5s" },
      handler: () => null,
    });
    defineBatchFunction({
      id: "bad",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s" },
      // @ts-expect-error -- misspelt
      onItemErorr: "fail",
      handler: () => null,
    });
    defineBatchFunction({
      id: "bad",
      on: rowSubmitted,
      batch: { maxSize: 10, timeout: "5s" },
      // @ts-expect-error -- "collect" or "fail"
      onItemError: "ignore",
      handler: () => null,
    });
    // @ts-expect-error -- batch is required
    defineBatchFunction({ id: "bad", on: rowSubmitted, handler: () => null });
    defineBatchFunction({
      id: "bad",
      on: rowSubmitted,
      // @ts-expect-error -- a duration with a unit
      batch: { maxSize: 10, timeout: "5 seconds" },
      handler: () => null,
    });
  });
});

describe("notificationDigest", () => {
  it("types the digest deliver receives and the run's output", () => {
    const digest = notificationDigest({
      deliver: (userId, digest) => {
        expectTypeOf(userId).toEqualTypeOf<string>();
        expectTypeOf(digest).toEqualTypeOf<NotificationDigest>();
        expectTypeOf(digest.notifications[0]?.title).toEqualTypeOf<string | undefined>();
      },
    });
    expectTypeOf<OutputOfDefinition<typeof digest>>().toEqualTypeOf<BatchResults<DigestOutcome>>();
    expectTypeOf<EventOfDefinition<typeof digest>["data"]["userId"]>().toEqualTypeOf<string>();
  });

  it("needs either deliver or recipient, not both", () => {
    notificationDigest({
      recipient: async (userId) => `${userId}@example.com`,
      subject: (d) => `${d.count}`,
    });
    // @ts-expect-error -- neither
    notificationDigest({ maxSize: 50 });
    // @ts-expect-error -- both
    notificationDigest({ deliver: () => undefined, recipient: () => null });
    // @ts-expect-error -- subject only applies to emails
    notificationDigest({ deliver: () => undefined, subject: () => "Digest" });
  });
});

describe("analyticsBatch", () => {
  it("gives write only the groups of the included types", () => {
    analyticsBatch({
      write: (group) => {
        expectTypeOf(group.type).toEqualTypeOf<"track">();
        expectTypeOf(group.event).toEqualTypeOf<string>();
        expectTypeOf(group.events[0]?.data.properties).toEqualTypeOf<
          AnalyticsTrackEvent["data"]["properties"] | undefined
        >();
      },
    });
    const definition = analyticsBatch({
      include: ["page_view"],
      write: (group) => {
        expectTypeOf(group).toEqualTypeOf<AnalyticsGroup<"track" | "page_view">>();
        if (group.type === "page_view")
          expectTypeOf(group.events[0]?.data.path).toEqualTypeOf<string | undefined>();
      },
    });
    expectTypeOf<EventOfDefinition<typeof definition>["name"]>().toEqualTypeOf<
      "analytics/track" | "analytics/page_view"
    >();
  });

  it("accepts only page_view and identify in include", () => {
    // @ts-expect-error -- not an analytics event type
    analyticsBatch({ include: ["screen"], write: () => undefined });
  });
});

describe("groupBy and dedupe", () => {
  it("keep the item type and the key type", () => {
    const items = [{ userId: "usr_1", n: 1 }];
    expectTypeOf(groupBy(items, (item) => item.userId)).toEqualTypeOf<
      Map<string, { userId: string; n: number }[]>
    >();
    expectTypeOf(dedupe(items, (item) => item.n)).toEqualTypeOf<{ userId: string; n: number }[]>();
  });
});
