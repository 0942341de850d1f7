import type { AnyEventDefinition } from "@jobkit/events";
import { plural } from "@jobkit/events/internal";
import type { HandlerContext, InngestLimits } from "@jobkit/functions";
import { describeValue } from "@jobkit/functions/internal";
import { type ChunkPlan, ChunkPlanner, chunkEndsOf } from "./chunk-planner";
import { createEventPreparer, type EventPreparer, type PreparedEvent } from "./create-event-preparer";
import { describeKind } from "./describe-kind";
import { formatBytes, jsonBytes } from "./event-bytes";
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

/**
 * A page as the fetch step stores it: JSON, so a replay sees exactly what the first attempt saw, with the
 * plan of its events.
 */
interface StoredPage {
  readonly items: readonly unknown[];
  readonly next?: unknown;
  readonly total?: number;
  /**
   * The digest (of the event ids) and chunk ends of what `toEvents` made of the items when the page was
   * fetched; `null` when `toEvents` failed then (the run repeats the call outside the step, where its error
   * is thrown), absent when the step's output came from elsewhere (a step mock in a test).
   */
  readonly plan?: ChunkPlan | null;
}

/**
 * A source whose `next` does not move on (or goes back to an earlier cursor) would send the same pages
 * again until the step budget stops it; refused before the page is sent.
 */
function repeatedCursor(
  functionId: string,
  page: number,
  firstPage: number,
  next: unknown,
  progress: readonly string[],
): FanOutError {
  return new FanOutError({
    functionId,
    code: "repeated-cursor",
    problem: "got a next cursor from pages.fetch that it already fetched a page with",
    received: `page ${page} returned next ${describeValue(next)}, the cursor of page ${firstPage}`,
    details: [
      "fetching it again would send that page's recipients again; this page was not sent",
      ...progress,
    ],
    expected: "a next cursor that moves past the page just fetched, and null or left out on the last page",
    example: "{ items: users, next: users.at(-1)?.id }",
  });
}

function isDone(next: unknown): boolean {
  return next === undefined || next === null;
}

/**
 * The handler of a `pages` fan-out: per page one fetch step (its JSON result is memoized, so a replay
 * or retry never fetches a sent page again and always sees the same items), then the page's events in
 * chunks of `chunkSize` (smaller where a request would pass `maxSendRequestBytes`), one `step.sendEvent`
 * each. `toEvents` runs again on every replay, so the fetch step also records a digest of the page's event
 * ids and its chunk ends, from a `toEvents` call inside the step: every later pass must produce the same
 * ids (data may differ) and sends the recorded chunks, else it throws `nondeterministic` naming the page.
 * Budgets are checked before every send; with `total` on the first page, the whole plan is checked before
 * anything is sent.
 */
export function createPagesHandler(settings: PagesHandlerSettings) {
  const { functionId, limits, chunkSize, returnIds, maxPages } = settings;
  /** What `toEvents` makes of a stored page's items, checked and identified by `prepare`, in order. */
  const eventsOf = (items: readonly unknown[], page: number, event: unknown, prepare: EventPreparer) =>
    items.flatMap((item, index) => {
      const produced = settings.toEvents(item as never, event as never);
      const list = Array.isArray(produced) ? (produced as unknown[]) : [produced];
      const itemKey = settings.key === undefined ? `${page}:${index}` : settings.key(item as never);
      return list.map((raw, position) =>
        prepare(raw, `page ${page}, item ${index}${list.length > 1 ? `, event ${position}` : ""}`, () =>
          typeof itemKey === "string" && itemKey !== "" ? `${itemKey}:${position}` : itemKey,
        ),
      );
    });
  // The stored items fix what each id names (their key, or their place in the page), so the ids alone tell
  // whether a replay gets the same events; their data may differ, and the recorded chunks keep them in place.
  const planOf = (events: readonly PreparedEvent[]): ChunkPlanner => {
    const planner = new ChunkPlanner(chunkSize, limits.maxSendRequestBytes, "id");
    for (const prepared of events) planner.add(prepared);
    return planner;
  };
  const refuseLargePage = (page: number, items: number, bytes: number) =>
    new FanOutError({
      functionId,
      code: "page-size",
      problem: "fetched a page over the step output limit",
      received: `page ${page} (${plural(items, "item")}) is ${formatBytes(bytes)}`,
      details: [
        `limit: ${formatBytes(limits.maxStepOutputBytes)} per step output (maxStepOutputBytes); each page is stored as its fetch step's output`,
      ],
      expected: "fewer items per page, or only the fields toEvents needs",
      example: "select id, email, name, 500 rows per page",
    });
  const tooManyPages = (received: string, details: readonly string[]) =>
    new FanOutError({
      functionId,
      code: "step-budget",
      problem: "has more pages than it may fetch in one run",
      received,
      details,
      expected: `a source of at most ${maxPages} pages per run: more items per page, or fewer recipients per triggering event`,
      example: "fetch: (cursor) => db.users.page({ cursor, limit: 1000 })",
      limit: "maxStepsPerRun",
    });
  return async (ctx: HandlerContext<{ readonly id?: unknown }>): Promise<FanOutResult> => {
    const { event, step } = ctx;
    const trigger = readTrigger(functionId, event);
    const budget: BudgetSettings = { functionId, limits, chunkSize, returnIds, triggerBytes: trigger.bytes };
    const preparerContext = {
      functionId,
      triggerId: trigger.id,
      definitions: settings.definitions,
      limits,
    };
    const prepare = createEventPreparer(preparerContext);
    const ids: string[] = [];
    let sent = 0;
    let chunks = 0;
    let stateBytes = trigger.bytes;
    let splitByBytes = false;
    let cursor: unknown;
    // The cursors pages were fetched with, as JSON: a `next` among them would fetch (and send) a page again.
    const cursors = new Map<string, number>();
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
        throw tooManyPages(
          `page ${page} after ${plural(maxPages, "page")} (maxPages ${maxPages})`,
          progress(page),
        );
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
        if (bytes > limits.maxStepOutputBytes) throw refuseLargePage(page, fetched.items.length, bytes);
        const parsed = JSON.parse(json) as StoredPage;
        let plan: ChunkPlan | null;
        try {
          // From the items as stored, as every later pass sees them; a fresh preparer, as this call is
          // repeated outside the step (where duplicates across pages are caught).
          plan = planOf(eventsOf(parsed.items, page, event, createEventPreparer(preparerContext))).plan();
        } catch {
          // Not lost: the same call outside the step throws it again, as a run error rather than a
          // step error that would be retried by fetching the page again.
          plan = null;
        }
        const output: StoredPage = { ...parsed, plan };
        const outputBytes = jsonBytes(JSON.stringify(output));
        if (outputBytes > limits.maxStepOutputBytes) {
          throw refuseLargePage(page, fetched.items.length, outputBytes);
        }
        return output;
      })) as StoredPage;
      const pageBytes = jsonBytes(JSON.stringify(stored));
      if (!isDone(stored.next)) {
        const repeated = cursors.get(JSON.stringify(stored.next));
        if (repeated !== undefined)
          throw repeatedCursor(functionId, page, repeated, stored.next, progress(page));
      }

      const pageEvents = eventsOf(stored.items, page, event, prepare);
      const planner = planOf(pageEvents);
      const plan = planner.plan();
      const recorded = stored.plan;
      if (recorded !== undefined && recorded?.digest !== plan.digest) {
        throw new FanOutError({
          functionId,
          code: "nondeterministic",
          problem: "got other events from toEvents on a replay than when the page was fetched",
          received:
            recorded === null
              ? `page ${page}: ${plural(plan.events, "event")} now; toEvents threw when the page was fetched`
              : `page ${page}: ${plural(plan.events, "event")} (digest ${plan.digest.slice(0, 12)}) instead of ${plural(recorded.events, "event")} (digest ${String(recorded.digest).slice(0, 12)})`,
          details: [
            "toEvents runs again on every replay, over the page its fetch step stored; chunks of the page already sent would no longer match the rest",
          ],
          expected:
            "toEvents returning the same events (the same ids) for the same item: no clock, random or changing lookup deciding which events an item gets; their data may change",
          example: "toEvents: (user) => emailSend.create({ to: user.email, … })",
        });
      }
      // The chunks of the first pass: a chunk already sent must keep covering the same events. Without a
      // recorded plan (a mocked fetch step), the chunks of this pass.
      const ends = chunkEndsOf(recorded ?? plan, chunkSize);
      const pageChunks = ends.length;
      splitByBytes ||= recorded?.ends !== undefined || planner.splitByBytes;
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
          throw tooManyPages(`${plural(pages, "page")} for ${description.events}`, [
            `limit: ${plural(maxPages, "page")} (maxPages)`,
            "nothing was sent",
          ]);
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
      cursors.set(JSON.stringify(cursor), page + 1);
    }
  };
}
