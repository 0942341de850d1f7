import type { Catalog } from "@jobkit/events";
import { formatList, suggestNames } from "@jobkit/events/internal";
import type { InngestLimits } from "@jobkit/functions";
import { type InngestFunction, internalEvents } from "inngest";
import { evaluateExpression, UnsupportedExpressionError } from "./evaluate-expression";
import type { RunEvent } from "./job-run";
import { parseDuration, parseTime } from "./parse-time";
import { RunJobError } from "./run-job-error";
import type { EventInput, IncomingEvent } from "./run-job-options";
import type { ScheduledEvent } from "./scheduled-event";

interface EventTrigger {
  readonly name: string;
  readonly condition: string | undefined;
}

/** The event triggers and cron expression of a function. */
export function triggersOf(fn: InngestFunction.Any): { events: EventTrigger[]; cron: string | undefined } {
  const events: EventTrigger[] = [];
  let cron: string | undefined;
  for (const trigger of (fn.opts.triggers ?? []) as readonly Record<string, unknown>[]) {
    if (typeof trigger.cron === "string") cron ??= trigger.cron;
    const event = trigger.event as string | { name: string } | undefined;
    if (event !== undefined) {
      events.push({
        name: typeof event === "string" ? event : event.name,
        condition: typeof trigger.if === "string" ? trigger.if : undefined,
      });
    }
  }
  return { events, cron };
}

function matchesName(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

function eventSize(event: unknown): number {
  return Buffer.byteLength(JSON.stringify(event) ?? "");
}

/** An event input as the function will see it: with an id, a timestamp and `data` defaulting to `{}`. */
export function toRunEvent(input: EventInput, id: string, ts: number): RunEvent {
  return {
    name: input.name,
    data: input.data ?? {},
    id: input.id ?? id,
    ts: input.ts ?? ts,
    ...(input.v === undefined ? {} : { v: input.v }),
  };
}

/** Checks an event's data against the catalog; `undefined` when it is fine, else the reason. */
export function catalogProblem(catalog: Catalog, event: { name: string; data: unknown }): Error | undefined {
  if (!catalog.has(event.name)) return undefined;
  const result = catalog.safeParse(event);
  return result.success ? undefined : result.error;
}

interface TriggerContext {
  readonly functionId: string;
  readonly fn: InngestFunction.Any;
  readonly catalog: Catalog | undefined;
  readonly limits: InngestLimits;
}

/**
 * The triggering events of a run: the given event or batch, checked against the function's triggers, batch
 * settings, the catalog and the limits.
 */
export function triggerEvents(
  context: TriggerContext,
  given: readonly EventInput[],
  start: number,
): RunEvent[] {
  const { functionId, fn, catalog, limits } = context;
  const { events: triggers, cron } = triggersOf(fn);
  const batch = fn.opts.batchEvents as { maxSize: number } | undefined;

  if (given.length === 0) {
    if (cron !== undefined) {
      return [{ name: internalEvents.ScheduledTimer, data: { cron }, id: "evt-cron-0", ts: start }];
    }
    const names = triggers.map((trigger) => trigger.name);
    throw new RunJobError(
      "invalid-options",
      functionId,
      `runJob needs the event that triggers function "${functionId}"\n` +
        `  expected: runJob(…, { event: { name: "${names[0] ?? "app/event"}", data: { … } } })`,
    );
  }
  if (given.length > 1 && !batch) {
    throw new RunJobError(
      "invalid-options",
      functionId,
      `Function "${functionId}" received ${given.length} events, but it has no batchEvents setting\n` +
        "  expected: one event (the `event` option); only batch functions receive `events`",
    );
  }
  const maxBatch = Math.min(batch?.maxSize ?? limits.maxBatchSize, limits.maxBatchSize);
  if (given.length > maxBatch) {
    throw new RunJobError(
      "limit-exceeded",
      functionId,
      `Function "${functionId}" received a batch of ${given.length} events, over its maximum of ${maxBatch}\n` +
        "  expected: at most batchEvents.maxSize events",
      { limit: "maxBatchSize" },
    );
  }

  return given.map((input, index) => {
    const event = toRunEvent(input, `evt-trigger-${index}`, start);
    const trigger = triggers.find((candidate) => matchesName(candidate.name, event.name));
    if (!trigger && event.name !== internalEvents.FunctionInvoked) {
      const names = triggers.map((candidate) => candidate.name);
      const suggestions = suggestNames(event.name, names);
      throw new RunJobError(
        "event-not-in-triggers",
        functionId,
        `Event "${event.name}" does not trigger function "${functionId}"\n` +
          `  triggers: ${names.length > 0 ? formatList(names, "and") : `none (cron "${cron ?? ""}")`}\n` +
          (suggestions.length > 0
            ? `  did you mean: ${formatList(suggestions)}?`
            : `  expected: an event named ${formatList(names, "and")}`),
      );
    }
    if (trigger?.condition !== undefined && !passes(trigger.condition, event)) {
      throw new RunJobError(
        "event-not-in-triggers",
        functionId,
        `Event "${event.name}" does not pass the "if" filter of function "${functionId}": ${trigger.condition}\n` +
          "  Inngest would not start this run; change the event data so the filter is true",
      );
    }
    if (eventSize(event) > limits.maxEventBytes) {
      throw new RunJobError(
        "limit-exceeded",
        functionId,
        `Event "${event.name}" is ${eventSize(event)} bytes of JSON, over the ${limits.maxEventBytes}-byte event limit`,
        { limit: "maxEventBytes" },
      );
    }
    const problem = catalog ? catalogProblem(catalog, event) : undefined;
    if (problem) {
      throw new RunJobError(
        "invalid-options",
        functionId,
        `The event given to runJob for function "${functionId}" does not match the catalog\n  ${problem.message}`,
        { cause: problem },
      );
    }
    return event;
  });
}

function passes(condition: string, event: RunEvent): boolean {
  try {
    return evaluateExpression(condition, { event });
  } catch (error) {
    // An `if` beyond the supported subset cannot be checked here; Inngest checks it in production.
    if (error instanceof UnsupportedExpressionError) return true;
    throw error;
  }
}

/** The `incoming` option placed on the timeline, in arrival order, checked against the catalog. */
export function scheduleIncoming(
  context: Omit<TriggerContext, "fn">,
  incoming: readonly IncomingEvent[],
  start: number,
): ScheduledEvent[] {
  const { functionId, catalog, limits } = context;
  return incoming
    .map(({ after, at, event }, index) => {
      const label = `incoming[${index}] ("${event?.name}")`;
      if (after !== undefined && at !== undefined) {
        throw new RunJobError(
          "invalid-options",
          functionId,
          `${label} gives both "after" and "at"\n  expected: one of them, e.g. { after: "2d", event }`,
        );
      }
      const arrival =
        at !== undefined
          ? parseTime(at)
          : after !== undefined
            ? start + (parseDuration(after) ?? Number.NaN)
            : start;
      if (arrival === undefined || !Number.isFinite(arrival) || arrival < start) {
        throw new RunJobError(
          "invalid-options",
          functionId,
          `${label} arrives at an invalid time: ${JSON.stringify(at ?? after)}\n` +
            '  expected: "after" a duration from the start ("30m", "2d", 3600000) or "at" a time after the start',
        );
      }
      const payload = toRunEvent(event, `evt-incoming-${index}`, arrival);
      if (catalog && !catalog.has(payload.name)) {
        const suggestions = suggestNames(payload.name, catalog.names);
        throw new RunJobError(
          "incoming-not-in-catalog",
          functionId,
          `${label} is not in the catalog\n` +
            (suggestions.length > 0
              ? `  did you mean: ${formatList(suggestions)}?`
              : "  expected: an event defined in the catalog passed to runJob"),
        );
      }
      const problem = catalog ? catalogProblem(catalog, payload) : undefined;
      if (problem) {
        throw new RunJobError(
          "invalid-options",
          functionId,
          `${label} does not match the catalog\n  ${problem.message}`,
          {
            cause: problem,
          },
        );
      }
      if (eventSize(payload) > limits.maxEventBytes) {
        throw new RunJobError(
          "limit-exceeded",
          functionId,
          `${label} is ${eventSize(payload)} bytes of JSON, over the ${limits.maxEventBytes}-byte event limit`,
          { limit: "maxEventBytes" },
        );
      }
      return { at: arrival, payload, index };
    })
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ at, payload }) => ({ at, payload }));
}
