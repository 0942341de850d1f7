import type { AnyEventDefinition } from "@jobkit/events";
import { plural } from "@jobkit/events/internal";
import type { HandlerContext, InngestLimits } from "@jobkit/functions";
import { type ChunkPlan, ChunkPlanner, chunkEndsOf } from "./chunk-planner";
import { createEventPreparer, type PreparedEvent } from "./create-event-preparer";
import { describeKind } from "./describe-kind";
import { formatBytes } from "./event-bytes";
import {
  type BudgetSettings,
  checkUsage,
  type ListChunking,
  listUsage,
  maxListEvents,
} from "./fan-out-budget";
import { FanOutError } from "./fan-out-error";
import type { FanOutResult, FanOutSource } from "./fan-out-options";
import { listPlanSteps } from "./plan-fan-out";
import { readTrigger } from "./read-trigger";

/** The step that records a list's plan, so a replay can tell whether `fanOut` still returns the same events. */
export const planStepId = "fan-out-plan";

/** The id of the step that sends chunk `index` (from 0) of a list. */
export function chunkStepId(index: number): string {
  return `send-chunk-${index + 1}`;
}

/** The checked settings of a `fanOut` list. */
export interface ListHandlerSettings {
  readonly functionId: string;
  readonly definitions: ReadonlyMap<string, AnyEventDefinition>;
  readonly limits: InngestLimits;
  readonly chunkSize: number;
  readonly returnIds: boolean;
  readonly fanOut: (event: never) => FanOutSource<unknown> | Promise<FanOutSource<unknown>>;
  readonly key: ((event: never, index: number) => string) | undefined;
}

/**
 * What the plan step stores: enough to recognise the same list on a replay, and where its chunks end when
 * the request byte limit shaped them, so a replay whose data differs (allowed with a `key`) still sends the
 * same events in the same steps.
 */
interface RecordedPlan extends ChunkPlan {
  readonly bytes: number;
}

function isIterable(value: unknown): value is FanOutSource<unknown> {
  if (typeof value !== "object" || value === null) return false;
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

/**
 * The handler of a `fanOut` list. `fanOut` runs outside any step, on every replay: its events are
 * checked, identified, measured and cut into chunks (of `chunkSize` events, smaller where a request would
 * pass `maxSendRequestBytes`) before anything is sent; the `fan-out-plan` step records their count,
 * digest (of their ids with a `key`, of their whole JSON without) and chunk ends on the first attempt, and
 * each later replay must produce the same digest and sends the recorded chunks. Each chunk is one
 * `step.sendEvent`, memoized by Inngest, so a retry sends only the chunks not sent yet.
 */
export function createListHandler(settings: ListHandlerSettings) {
  const { functionId, limits, chunkSize, returnIds } = settings;
  return async (ctx: HandlerContext<{ readonly id?: unknown }>): Promise<FanOutResult> => {
    const { event, step } = ctx;
    const trigger = readTrigger(functionId, event);
    const budget: BudgetSettings = {
      functionId,
      limits,
      chunkSize,
      returnIds,
      triggerBytes: trigger.bytes,
    };
    const prepare = createEventPreparer({
      functionId,
      triggerId: trigger.id,
      definitions: settings.definitions,
      limits,
    });
    const stepsLine = (events: number, chunking?: ListChunking) =>
      `${plural(listPlanSteps, "plan step")} + ${plural(chunking?.chunks ?? Math.ceil(events / chunkSize), "sendEvent step")} of up to ${plural(chunkSize, "event")} (chunkSize ${chunkSize})` +
      (chunking?.splitByBytes
        ? ` and ${formatBytes(limits.maxSendRequestBytes)} per request (maxSendRequestBytes)`
        : "");

    const cap = maxListEvents(budget);
    const events: PreparedEvent[] = [];
    // With a key, ids name the items, so the ids alone tell whether a replay sees the same list (and
    // data such as a timestamp may differ); positional ids say nothing about the item, so its content counts.
    const planner = new ChunkPlanner(
      chunkSize,
      limits.maxSendRequestBytes,
      settings.key === undefined ? "json" : "id",
    );
    let bytes = 0;
    const source = await settings.fanOut(event as never);
    if (!isIterable(source)) {
      throw new FanOutError({
        functionId,
        code: "invalid-source",
        problem: "got something from fanOut that it cannot iterate",
        received: describeKind(source),
        expected: "an array, an iterable (a generator) or an async iterable of events",
        example: "(event) => [userProfileCreate.create({ … })]",
      });
    }
    for await (const raw of source) {
      const index = events.length;
      if (index >= cap) {
        // Stop reading: the plan is refused whatever comes next, and the source may be endless.
        checkUsage(budget, listUsage(budget, index + 1), {
          events: `at least ${plural(index + 1, "event")}`,
          steps: stepsLine(index + 1),
        });
      }
      const prepared = prepare(raw, `event ${index}`, (item) =>
        settings.key === undefined ? String(index) : settings.key(item as never, index),
      );
      bytes += prepared.bytes;
      events.push(prepared);
      planner.add(prepared);
      if (listPlanSteps + planner.chunks > limits.maxStepsPerRun) {
        // Large events need more chunks than the count alone says: stop reading as soon as they do not fit.
        checkUsage(budget, listUsage(budget, events.length, planner), {
          events: `at least ${plural(events.length, "event")}`,
          steps: stepsLine(events.length, planner),
        });
      }
    }
    checkUsage(budget, listUsage(budget, events.length, planner), {
      events: plural(events.length, "event"),
      steps: stepsLine(events.length, planner),
    });

    const plan: RecordedPlan = { ...planner.plan(), bytes };
    const recorded = (await step.run(planStepId, () => plan)) as RecordedPlan;
    if (recorded.digest !== plan.digest) {
      throw new FanOutError({
        functionId,
        code: "nondeterministic",
        problem: "got other events from fanOut on a replay than on its first attempt",
        received: `${plural(plan.events, "event")} (digest ${plan.digest.slice(0, 12)}) instead of ${plural(recorded.events, "event")} (digest ${String(recorded.digest).slice(0, 12)})`,
        details: ["fanOut runs again on every replay; chunks already sent would no longer match the rest"],
        expected:
          "fanOut returning the same events for the same trigger (no clock, random or changing table); read changing sources with pages, whose fetches are memoized",
        example:
          "pages: { fetch: (cursor) => db.users.page(cursor), toEvents: (user) => emailSend.create(…) }",
      });
    }

    // The chunks of the first attempt: the digest proves the same events, but with a key their data (and so
    // their sizes) may differ on a replay, and a chunk already sent must keep covering the same events.
    const sendEnds = chunkEndsOf(recorded, chunkSize);
    let start = 0;
    for (const [index, end] of sendEnds.entries()) {
      const chunk = events.slice(start, end).map((prepared) => prepared.payload);
      await step.sendEvent(chunkStepId(index), chunk as never);
      start = end;
    }
    return {
      sent: events.length,
      chunks: sendEnds.length,
      pages: 0,
      ids: returnIds ? events.map((prepared) => prepared.payload.id) : [],
    };
  };
}
