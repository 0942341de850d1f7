import type { AnyEventDefinition } from "@jobkit/events";
import type { HandlerContext, InngestLimits } from "@jobkit/functions";
import { createEventPreparer } from "./create-event-preparer";
import { describeKind } from "./describe-kind";
import { formatBytes, jsonBytes } from "./event-bytes";
import { EventChunker } from "./event-chunker";
import {
  type BudgetSettings,
  checkUsage,
  type FanOutUsage,
  resultBytes,
  sendOutputBytesPerChunk,
  sendOutputBytesPerEvent,
} from "./fan-out-budget";
import { FanOutError } from "./fan-out-error";
import type { FanOutPage, FanOutPageContext, FanOutResult } from "./fan-out-options";
import { readTrigger } from "./read-trigger";

/** The id of the step that fetches page `page` (from 1). */
export function fetchStepId(page: number): string {
  return `fetch-page-${page}`;
}

/** The id of the step that sends chunk `chunk` (from 1) of page `page` (from 1). */
export function pageChunkStepId(page: number, chunk: number): string {
  return `send-page-${page}-chunk-${chunk}`;
}

/** The checked settings of a `pages` fan-out. */
export interface PagesHandlerSettings {
  readonly functionId: string;
  readonly definitions: ReadonlyMap<string, AnyEventDefinition>;
  readonly limits: InngestLimits;
  readonly chunkSize: number;
  readonly returnIds: boolean;
  readonly maxPages: number;
  readonly fetch: (cursor: unknown, ctx: FanOutPageContext<never>) => unknown;
  readonly toEvents: (item: never, event: never) => unknown;
  readonly key: ((item: never) => string) | undefined;
}

/** A page as the fetch step stores it: JSON, so a replay sees exactly what the first attempt saw. */
interface StoredPage {
  readonly items: readonly unknown[];
  readonly next?: unknown;
  readonly total?: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function isDone(next: unknown): boolean {
  return next === undefined || next === null;
}

/**
 * The handler of a `pages` fan-out: per page one fetch step (its JSON result is memoized, so a replay
 * or retry never fetches a sent page again and always sees the same items), then the page's events in
 * chunks of `chunkSize` (smaller where a request would pass `maxSendRequestBytes`), one `step.sendEvent`
 * each; the same stored page always gives the same chunks. Budgets are checked before every send; with `total`
 * on the first page, the whole plan is checked before anything is sent.
 */
export function createPagesHandler(settings: PagesHandlerSettings) {
  const { functionId, limits, chunkSize, returnIds, maxPages } = settings;
  return async (ctx: HandlerContext<{ readonly id?: unknown }>): Promise<FanOutResult> => {
    const { event, step } = ctx;
    const trigger = readTrigger(functionId, event);
    const budget: BudgetSettings = { functionId, limits, chunkSize, returnIds, triggerBytes: trigger.bytes };
    const prepare = createEventPreparer({
      functionId,
      triggerId: trigger.id,
      definitions: settings.definitions,
      limits,
    });
    const ids: string[] = [];
    let sent = 0;
    let chunks = 0;
    let stateBytes = trigger.bytes;
    let splitByBytes = false;
    let cursor: unknown;
    const progress = (page: number) =>
      sent === 0
        ? ["nothing was sent"]
        : [`pages 1-${page - 1} were sent (${plural(sent, "event")}); the rest was not`];
    const usage = (extra: Partial<FanOutUsage> & { readonly pages: number }): FanOutUsage => {
      const events = sent + (extra.events ?? 0);
      const allChunks = chunks + (extra.chunks ?? 0);
      const result = resultBytes(events, returnIds);
      return {
        events,
        chunks: allChunks,
        pages: extra.pages,
        steps: extra.pages + allChunks,
        splitByBytes,
        stateBytes:
          stateBytes +
          (extra.stateBytes ?? 0) +
          (extra.chunks ?? 0) * sendOutputBytesPerChunk +
          (extra.events ?? 0) * sendOutputBytesPerEvent +
          result,
        resultBytes: result,
      };
    };

    for (let page = 1; ; page++) {
      if (page > maxPages) {
        throw new FanOutError({
          functionId,
          code: "step-budget",
          problem: "has more pages than it may fetch in one run",
          received: `page ${page} after ${plural(maxPages, "page")} (maxPages ${maxPages})`,
          details: progress(page),
          expected: `a source of at most ${maxPages} pages per run: more items per page, or fewer recipients per triggering event`,
          example: "fetch: (cursor) => db.users.page({ cursor, limit: 1000 })",
          limit: "maxStepsPerRun",
        });
      }
      const fetchCursor = cursor;
      const stored = (await step.run(fetchStepId(page), async () => {
        const fetched = (await settings.fetch(fetchCursor, { event: event as never, page })) as FanOutPage<
          unknown,
          unknown
        >;
        if (typeof fetched !== "object" || fetched === null || !Array.isArray(fetched.items)) {
          throw new FanOutError({
            functionId,
            code: "invalid-source",
            problem: "got a page it cannot read from pages.fetch",
            received: `page ${page} is ${describeKind(fetched)}${typeof fetched === "object" && fetched !== null && !Array.isArray(fetched) ? " without an items array" : ""}`,
            expected: "{ items, next } with next left out (or null) on the last page",
            example: "{ items: users, next: users.at(-1)?.id }",
          });
        }
        const json = JSON.stringify({ items: fetched.items, next: fetched.next, total: fetched.total });
        const bytes = jsonBytes(json);
        if (bytes > limits.maxStepOutputBytes) {
          throw new FanOutError({
            functionId,
            code: "page-size",
            problem: "fetched a page over the step output limit",
            received: `page ${page} (${plural(fetched.items.length, "item")}) is ${formatBytes(bytes)}`,
            details: [
              `limit: ${formatBytes(limits.maxStepOutputBytes)} per step output (maxStepOutputBytes); each page is stored as its fetch step's output`,
            ],
            expected: "fewer items per page, or only the fields toEvents needs",
            example: "select id, email, name, 500 rows per page",
          });
        }
        return JSON.parse(json) as StoredPage;
      })) as StoredPage;
      const pageBytes = jsonBytes(JSON.stringify(stored));

      const pageEvents = stored.items.flatMap((item, index) => {
        const produced = settings.toEvents(item as never, event as never);
        const list = Array.isArray(produced) ? (produced as unknown[]) : [produced];
        const itemKey = settings.key === undefined ? `${page}:${index}` : settings.key(item as never);
        return list.map((raw, position) =>
          prepare(raw, `page ${page}, item ${index}${list.length > 1 ? `, event ${position}` : ""}`, () =>
            typeof itemKey === "string" && itemKey !== "" ? `${itemKey}:${position}` : itemKey,
          ),
        );
      });
      const chunker = new EventChunker(chunkSize, limits.maxSendRequestBytes);
      for (const prepared of pageEvents) chunker.add(prepared.requestBytes);
      const ends = chunker.ends();
      const pageChunks = ends.length;
      splitByBytes ||= chunker.splitByBytes;
      const chunkLimits = `of up to ${plural(chunkSize, "event")}${splitByBytes ? ` and ${formatBytes(limits.maxSendRequestBytes)} per request (maxSendRequestBytes)` : ""}`;

      if (page === 1 && typeof stored.total === "number" && stored.items.length > 0) {
        // The source says how big it is: check the whole plan now, before the first send.
        const pages = Math.max(1, Math.ceil(stored.total / stored.items.length));
        const perItem = pageEvents.length / stored.items.length;
        const events = Math.ceil(stored.total * perItem);
        const projected = usage({
          pages,
          events,
          chunks: pages * pageChunks,
          stateBytes: pageBytes * pages,
        });
        const description = {
          events: `about ${plural(events, "event")} (total ${stored.total} items in pages of ${stored.items.length})`,
          steps: `${plural(pages, "fetch step")} + ${plural(pages * pageChunks, "sendEvent step")} ${chunkLimits}`,
          progress: ["nothing was sent"],
        };
        if (pages > maxPages) {
          throw new FanOutError({
            functionId,
            code: "step-budget",
            problem: "has more pages than it may fetch in one run",
            received: `${plural(pages, "page")} for ${description.events}`,
            details: [`limit: ${plural(maxPages, "page")} (maxPages)`, "nothing was sent"],
            expected: `a source of at most ${maxPages} pages per run: more items per page, or fewer recipients per triggering event`,
            example: "fetch: (cursor) => db.users.page({ cursor, limit: 1000 })",
            limit: "maxStepsPerRun",
          });
        }
        checkUsage(budget, projected, description);
      }

      stateBytes += pageBytes;
      const next = usage({ pages: page, events: pageEvents.length, chunks: pageChunks });
      checkUsage(budget, next, {
        events: plural(next.events, "event"),
        steps: `${plural(page, "fetch step")} + ${plural(next.chunks, "sendEvent step")} ${chunkLimits}`,
        progress: progress(page),
      });

      let start = 0;
      for (const [chunk, end] of ends.entries()) {
        const slice = pageEvents.slice(start, end);
        start = end;
        await step.sendEvent(
          pageChunkStepId(page, chunk + 1),
          slice.map((prepared) => prepared.payload) as never,
        );
        stateBytes += sendOutputBytesPerChunk + slice.length * sendOutputBytesPerEvent;
        chunks++;
        sent += slice.length;
        if (returnIds) for (const prepared of slice) ids.push(prepared.payload.id);
      }

      if (isDone(stored.next)) return { sent, chunks, pages: page, ids };
      if (page + 1 + chunks + 1 > limits.maxStepsPerRun) {
        checkUsage(budget, usage({ pages: page + 1, events: 1, chunks: 1 }), {
          events: `at least ${plural(sent + 1, "event")}`,
          steps: `${plural(page + 1, "fetch step")} + at least ${plural(chunks + 1, "sendEvent step")} ${chunkLimits}`,
          progress: progress(page + 1),
        });
      }
      cursor = stored.next;
    }
  };
}
