import { createHash } from "node:crypto";
import type { AnyEventDefinition } from "@jobkit/events";
import type { HandlerContext, InngestLimits } from "@jobkit/functions";
import { createEventPreparer, type PreparedEvent } from "./create-event-preparer";
import { describeKind } from "./describe-kind";
import { type BudgetSettings, checkUsage, listUsage, maxListEvents } from "./fan-out-budget";
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

/** What the plan step stores: enough to recognise the same list on a replay. */
interface RecordedPlan {
  readonly events: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly digest: string;
}

function isIterable(value: unknown): value is FanOutSource<unknown> {
  if (typeof value !== "object" || value === null) return false;
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The handler of a `fanOut` list. `fanOut` runs outside any step, on every replay: its events are
 * checked, identified and measured before anything is sent, the `fan-out-plan` step records their count
 * and digest (of their ids with a `key`, of their whole JSON without) on the first attempt, and each later
 * replay must produce the same digest. Each chunk is
 * one `step.sendEvent`, memoized by Inngest, so a retry sends only the chunks not sent yet.
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
    const stepsLine = (events: number) =>
      `${plural(listPlanSteps, "plan step")} + ${plural(Math.ceil(events / chunkSize), "sendEvent step")} of up to ${plural(chunkSize, "event")} (chunkSize ${chunkSize})`;

    const cap = maxListEvents(budget);
    const events: PreparedEvent[] = [];
    const digest = createHash("sha256");
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
      // With a key, ids name the items, so the ids alone tell whether a replay sees the same list (and
      // data such as a timestamp may differ); positional ids say nothing about the item, so its content counts.
      digest.update(settings.key === undefined ? prepared.json : prepared.payload.id).update("\n");
      bytes += prepared.bytes;
      events.push(prepared);
    }
    checkUsage(budget, listUsage(budget, events.length), {
      events: plural(events.length, "event"),
      steps: stepsLine(events.length),
    });

    const chunks = Math.ceil(events.length / chunkSize);
    const plan: RecordedPlan = { events: events.length, chunks, bytes, digest: digest.digest("hex") };
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

    for (let index = 0; index < chunks; index++) {
      const chunk = events
        .slice(index * chunkSize, (index + 1) * chunkSize)
        .map((prepared) => prepared.payload);
      await step.sendEvent(chunkStepId(index), chunk as never);
    }
    return {
      sent: events.length,
      chunks,
      pages: 0,
      ids: returnIds ? events.map((prepared) => prepared.payload.id) : [],
    };
  };
}
