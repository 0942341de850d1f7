import { type Duration, type InngestLimits, parseDuration } from "@jobkit/functions";
import { checkKnownOptions, configFailure, resolveLimits } from "@jobkit/functions/internal";
import { type CheckedReminder, checkSchedule, type ReminderEntry } from "./check-schedule";
import { parseDeadline } from "./parse-deadline";
import { describeValue, ReminderError } from "./reminder-error";
import { shiftInstant } from "./shift-instant";
import { isKnownTimezone } from "./zoned-clock";

/**
 * The IANA time zone calendar days are counted in: a name, or read from the event (`undefined`: UTC).
 *
 * @example Read each booking's time zone from its event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import type { ReceivedEventOf } from "@jobkit/functions";
 * import { defineReminderSequence, type TimezoneOption } from "@jobkit/reminders";
 *
 * const bookingMade = defineEvent("booking/made", {
 *   schema: z.object({ startsAt: z.string(), timezone: z.string().optional() }),
 * });
 * // UTC for bookings without a time zone.
 * const timezone: TimezoneOption<ReceivedEventOf<typeof bookingMade>> = (event) => event.data.timezone;
 *
 * export const bookingReminders = defineReminderSequence({
 *   id: "booking-reminders",
 *   on: bookingMade,
 *   timezone,
 *   schedule: [{ id: "day-before", before: "1d", of: (event) => event.data.startsAt }],
 *   send: ({ event }) => console.log(`booking at ${event.data.startsAt}`),
 * });
 * ```
 */
export type TimezoneOption<TEvent> = string | ((event: TEvent) => string | undefined);

/**
 * Why a reminder was not sent. Host callbacks may add their own reasons.
 *
 * @example Count skipped reminders by reason
 * ```ts
 * import type { ReminderSequenceResult, SkipReason } from "@jobkit/reminders";
 *
 * export function skipsByReason(result: ReminderSequenceResult): Map<SkipReason, number> {
 *   const counts = new Map<SkipReason, number>();
 *   for (const { reason } of result.reminders) {
 *     if (reason !== undefined) counts.set(reason, (counts.get(reason) ?? 0) + 1);
 *   }
 *   return counts;
 * }
 * ```
 */
export type SkipReason =
  /** Its time had already passed (by more than `grace`) when the run planned the sequence. */
  | "passed"
  /** Its time passed (by more than `grace`) before its turn came, e.g. after a long retry. */
  | "late"
  /** `of` returned `null` or `undefined`: the event has no such deadline. */
  | "no-deadline"
  /** `stillRelevant` returned `false`. */
  | "not-relevant"
  /** An earlier reminder's `stillRelevant` stopped the sequence. */
  | "stopped"
  /** `emit` returned an empty list. */
  | "nothing-to-emit"
  | (string & {});

/**
 * One reminder of a {@link ReminderPlan}.
 *
 * @example One row of an admin preview
 * ```ts
 * import type { PlannedReminder } from "@jobkit/reminders";
 *
 * export function previewRow(reminder: PlannedReminder): string {
 *   return reminder.status === "pending"
 *     ? `${reminder.id}: ${reminder.at?.toISOString()}`
 *     : `${reminder.id}: skipped (${reminder.reason})`;
 * }
 * ```
 */
export interface PlannedReminder {
  readonly id: string;
  /** Position in `schedule` as written. */
  readonly index: number;
  /** When it is due; `undefined` when its deadline is missing. */
  readonly at: Date | undefined;
  /** `pending` reminders wait for their time; `skipped` ones are recorded and never sent. */
  readonly status: "pending" | "skipped";
  readonly reason: SkipReason | undefined;
}

/**
 * The reminders of one run in the order they are due, with the ones skipped at planning time.
 */
export interface ReminderPlan {
  /** The instant the plan was made: the run's memoized clock reading. */
  readonly plannedAt: Date;
  /** The time zone calendar days were counted in. */
  readonly timezone: string;
  readonly reminders: readonly PlannedReminder[];
}

/**
 * Options of {@link planReminders}.
 */
export interface PlanRemindersOptions<TEvent> {
  /** The trigger event: `after` reminders count from its `ts`, `of` reads deadlines from it. */
  readonly event: TEvent;
  /** The planning instant: reminders due before `now - grace` are skipped as `passed`. */
  readonly now: Date | number;
  /** Time zone for calendar days (`"3d"` keeps the wall-clock time across daylight saving); default UTC. */
  readonly timezone?: TimezoneOption<TEvent>;
  /** How late a reminder may still be sent; default `"1h"`. */
  readonly grace?: Duration;
  /** The function id, for error messages. */
  readonly functionId?: string;
  /** Limit overrides (`maxSleepMs`, `maxStepsPerRun`) for a self-hosted Inngest. */
  readonly limits?: Partial<InngestLimits>;
}

const dayMs = 86_400_000;
/** Latest instant a Date holds, less the year a sleep may span: every planned instant stays a Date. */
const maxInstant = 8.64e15 - 400 * dayMs;

const planOptionNames = ["event", "now", "timezone", "grace", "functionId", "limits"];

/** The grace period when none is given: a reminder up to an hour late is still sent. */
export const defaultGrace: Duration = "1h";

/**
 * Works out when each reminder of a schedule is due for one event, in time order, and which are skipped
 * because their time has passed or their deadline is missing; the same planning a reminder sequence does
 * at the start of every run, for previews, admin pages and tests.
 */
export function planReminders<TEvent>(
  schedule: readonly ReminderEntry<TEvent>[],
  options: PlanRemindersOptions<TEvent>,
): ReminderPlan {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    configFailure(undefined)("options", options, "{ event, now, timezone?, grace?, functionId?, limits? }", {
      example: "{ event, now: new Date() }",
    });
  }
  const functionId = typeof options.functionId === "string" ? options.functionId : undefined;
  const fail = configFailure(functionId);
  checkKnownOptions(functionId, options, planOptionNames);
  if (options.functionId !== undefined && functionId === undefined) {
    fail("functionId", options.functionId, "a function id, or nothing", { example: '"trial-reminders"' });
  }
  const now = options.now instanceof Date ? options.now.getTime() : options.now;
  if (typeof now !== "number" || !Number.isFinite(now) || Math.abs(now) > maxInstant) {
    // A clock that is not a date would plan every reminder as due (or none): refuse it.
    fail("now", options.now, "a valid Date or milliseconds since the epoch", { example: "new Date()" });
  }
  if (options.limits !== undefined && (typeof options.limits !== "object" || options.limits === null)) {
    fail("limits", options.limits, "an object of Inngest limit overrides", {
      example: "{ maxSleepMs: 63072000000 }",
    });
  }
  const limits = resolveLimits(options.limits ?? {});
  const checked = checkSchedule<TEvent>(schedule, { functionId, limits });
  const graceMs = parseDuration(options.grace ?? defaultGrace, { functionId, path: "grace", minMs: 0 });
  return planChecked(checked, {
    event: options.event,
    now,
    timezone: resolveTimezone(options.timezone, options.event, functionId),
    graceMs,
    maxSleepMs: limits.maxSleepMs,
    functionId,
  });
}

/** The time zone for one event: the option's name, or what the option's function reads from the event. */
export function resolveTimezone<TEvent>(
  option: TimezoneOption<TEvent> | undefined,
  event: TEvent,
  functionId: string | undefined,
): string {
  let timezone: unknown = option;
  if (typeof option === "function") {
    try {
      timezone = option(event);
    } catch (error) {
      throw new ReminderError(
        {
          code: "invalid-timezone",
          functionId,
          reminderId: undefined,
          subject: "time zone",
          received: `timezone(event) threw ${describeError(error)}`,
          expected: "an IANA time zone name, or undefined for UTC",
          example: '"America/New_York"',
        },
        { cause: error },
      );
    }
  }
  if (timezone === undefined) return "UTC";
  if (typeof timezone !== "string" || !isKnownTimezone(timezone)) {
    throw new ReminderError({
      code: "invalid-timezone",
      functionId,
      reminderId: undefined,
      subject: "time zone",
      received: describeValue(timezone),
      expected: "an IANA time zone name, or undefined for UTC",
      example: '"America/New_York"',
    });
  }
  return timezone;
}

/** What {@link planChecked} needs besides the checked schedule. */
export interface PlanInput<TEvent> {
  readonly event: TEvent;
  readonly now: number;
  readonly timezone: string;
  readonly graceMs: number;
  readonly maxSleepMs: number;
  readonly functionId: string | undefined;
}

/** {@link planReminders} for a schedule already checked at definition time. */
export function planChecked<TEvent>(
  checked: readonly CheckedReminder<TEvent>[],
  input: PlanInput<TEvent>,
): ReminderPlan {
  const { event, now, timezone, graceMs, maxSleepMs, functionId } = input;
  const ts = (event as { ts?: unknown } | null)?.ts;
  // The trigger's `ts` is part of the event, so every replay counts from the same instant; an event
  // without one counts from the planning instant.
  const triggeredAt = typeof ts === "number" && Number.isFinite(ts) ? ts : now;
  const reminders = checked.map((entry): PlannedReminder => {
    const anchor = entry.of === undefined ? triggeredAt : readDeadline(entry, event, timezone, functionId);
    if (anchor === undefined) {
      return { id: entry.id, index: entry.index, at: undefined, status: "skipped", reason: "no-deadline" };
    }
    // Dates end at ±8.64e15 ms; a reminder shifted past that has no instant (and no time zone reading).
    const reach = Math.abs(entry.offset.days) * dayMs + Math.abs(entry.offset.ms) + 2 * dayMs;
    if (!(Math.abs(anchor) + reach <= maxInstant)) {
      throw new ReminderError({
        code: "invalid-deadline",
        functionId,
        reminderId: entry.id,
        subject: entry.of === undefined ? "trigger time" : "deadline",
        received: describeValue(new Date(anchor)),
        expected: "an instant a reminder can be planned from: between the years 1 and 9999",
        example: '"2026-03-10T13:00:00Z"',
      });
    }
    const at = shiftInstant(anchor, entry.offset, entry.direction, timezone);
    if (at + graceMs < now) {
      return { id: entry.id, index: entry.index, at: new Date(at), status: "skipped", reason: "passed" };
    }
    if (at - now > maxSleepMs) {
      throw new ReminderError({
        code: "beyond-max-sleep",
        functionId,
        reminderId: entry.id,
        subject: "reminder time",
        received: new Date(at).toISOString(),
        details: [
          `due ${formatDays(at - now)} after the run started (${new Date(now).toISOString()}), ` +
            `${entry.direction === 1 ? "after" : "before"}: ${JSON.stringify(entry.written)}`,
        ],
        expected: `at most ${formatDays(maxSleepMs)} ahead: Inngest's longest sleep`,
        example: "a deadline within a year, or a run started closer to it",
      });
    }
    return { id: entry.id, index: entry.index, at: new Date(at), status: "pending", reason: undefined };
  });
  reminders.sort(
    (a, b) =>
      (a.at?.getTime() ?? Number.NEGATIVE_INFINITY) - (b.at?.getTime() ?? Number.NEGATIVE_INFINITY) ||
      a.index - b.index,
  );
  return { plannedAt: new Date(now), timezone, reminders };
}

function readDeadline<TEvent>(
  entry: CheckedReminder<TEvent>,
  event: TEvent,
  timezone: string,
  functionId: string | undefined,
): number | undefined {
  let raw: unknown;
  try {
    raw = entry.of?.(event);
  } catch (error) {
    throw new ReminderError(
      {
        code: "invalid-deadline",
        functionId,
        reminderId: entry.id,
        subject: "deadline",
        received: `of(event) threw ${describeError(error)}`,
        expected: "of(event) to return the deadline from the event's data",
        example: "(event) => event.data.trialEndsAt",
      },
      { cause: error },
    );
  }
  const instant = parseDeadline(raw as Parameters<typeof parseDeadline>[0], timezone);
  if (instant !== undefined && Number.isNaN(instant)) {
    throw new ReminderError({
      code: "invalid-deadline",
      functionId,
      reminderId: entry.id,
      subject: "deadline",
      received: describeValue(raw),
      expected:
        "a Date, milliseconds since the epoch, or an ISO 8601 date or date-time (without an offset: in the sequence's time zone)",
      example: '"2026-03-10T13:00:00Z"',
    });
  }
  return instant;
}

function describeError(error: unknown): string {
  // The message may quote the event's data; the class name and cause are enough to find the bug.
  return error instanceof Error ? `a ${error.name} (see cause)` : `${describeValue(error)}`;
}

function formatDays(ms: number): string {
  const days = ms / 86_400_000;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}
