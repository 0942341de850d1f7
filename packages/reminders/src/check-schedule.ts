import { type Duration, formatDuration, type InngestLimits } from "@jobkit/functions";
import { configFailure } from "@jobkit/functions/internal";
import type { DeadlineInput } from "./parse-deadline";
import { type CalendarDuration, toCalendarDuration } from "./shift-instant";

/**
 * One reminder of a sequence: `after` a duration from the trigger (or from the instant `of` reads from
 * the event), or `before` a deadline that `of` reads from the event.
 */
export type ReminderEntry<TEvent> = ReminderAfter<TEvent> | ReminderBefore<TEvent>;

/**
 * A reminder `after` the trigger event, or after the instant `of` returns.
 *
 * @example Count from when the cart was abandoned
 * ```ts
 * import { cartAbandoned } from "@jobkit/events/standard";
 * import { type CartAbandonedEvent, defineReminderSequence, type ReminderAfter } from "@jobkit/reminders";
 *
 * // From abandonedAt, not from when the event arrived.
 * const nextDay: ReminderAfter<CartAbandonedEvent> = {
 *   id: "next-day",
 *   after: "1d",
 *   of: (event) => event.data.abandonedAt,
 * };
 *
 * export const cartNudge = defineReminderSequence({
 *   id: "cart-nudge",
 *   on: cartAbandoned,
 *   schedule: [nextDay],
 *   send: async ({ event }) => console.log(`nudge ${event.data.userId} about ${event.data.cartId}`),
 * });
 * ```
 */
export interface ReminderAfter<TEvent> {
  /** Unique within the sequence; names the reminder's steps (`wait-<id>`, `check-<id>`, `send-<id>`). */
  readonly id: string;
  /** How long after the trigger's `ts` (or after `of`): `"24h"`, `"3d"`, `"0s"` for at once. */
  readonly after: Duration;
  readonly before?: never;
  /** The instant to count from instead of the trigger, e.g. `(event) => event.data.abandonedAt`. */
  readonly of?: (event: TEvent) => DeadlineInput;
}

/**
 * A reminder `before` a deadline read from the event.
 *
 * @example A week before the trial ends
 * ```ts
 * import type { ReminderBefore, TrialStartedEvent } from "@jobkit/reminders";
 *
 * // Same wall-clock time as the deadline, seven calendar days earlier in the sequence's time zone.
 * export const weekBefore: ReminderBefore<TrialStartedEvent> = {
 *   id: "week-before",
 *   before: "7d",
 *   of: (event) => event.data.trialEndsAt,
 * };
 * ```
 */
export interface ReminderBefore<TEvent> {
  /** Unique within the sequence; names the reminder's steps (`wait-<id>`, `check-<id>`, `send-<id>`). */
  readonly id: string;
  /** How long before the deadline: `"7d"`, `"1h"`, `"0d"` for at the deadline. */
  readonly before: Duration;
  readonly after?: never;
  /** Reads the deadline from the event, e.g. `(event) => event.data.trialEndsAt`. */
  readonly of: (event: TEvent) => DeadlineInput;
}

/** A schedule entry after its definition-time checks. */
export interface CheckedReminder<TEvent> {
  readonly id: string;
  /** Position in `schedule` as written; breaks ties between reminders due at the same instant. */
  readonly index: number;
  /** 1 for `after`, -1 for `before`. */
  readonly direction: 1 | -1;
  readonly offset: CalendarDuration;
  /** The duration as written, for messages. */
  readonly written: Duration;
  readonly of: ((event: TEvent) => DeadlineInput) | undefined;
}

const dayMs = 86_400_000;
const reminderIdPattern = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** Steps a run takes besides the reminders' own: the clock read that plans them. */
const planningSteps = 1;
/** Steps each reminder takes at most: wait, check, send. */
const stepsPerReminder = 3;

/**
 * Checks a reminder schedule at definition time: ids, exactly one of `after`/`before`, `of` where needed,
 * durations, and the sleeps and steps Inngest allows. Throws `JobError` naming the entry.
 */
export function checkSchedule<TEvent>(
  schedule: unknown,
  context: { readonly functionId: string | undefined; readonly limits: InngestLimits },
): readonly CheckedReminder<TEvent>[] {
  const { functionId, limits } = context;
  const fail = configFailure(functionId);
  if (!Array.isArray(schedule) || schedule.length === 0) {
    return fail("schedule", schedule, "a non-empty list of reminders", {
      example:
        '[{ id: "first", after: "24h" }, { id: "last-call", before: "1d", of: (event) => event.data.endsAt }]',
    });
  }
  const maxReminders = Math.floor((limits.maxStepsPerRun - planningSteps) / stepsPerReminder);
  if (schedule.length > maxReminders) {
    fail(
      "schedule",
      schedule,
      `at most ${maxReminders} reminders: each takes up to ${stepsPerReminder} steps and a run may have ${limits.maxStepsPerRun}`,
    );
  }
  const seen = new Map<string, number>();
  return Object.freeze(
    schedule.map((entry: unknown, index): CheckedReminder<TEvent> => {
      const path = `schedule[${index}]`;
      if (typeof entry !== "object" || entry === null) {
        return fail(path, entry, "a reminder { id, after } or { id, before, of }", {
          example: '{ id: "first", after: "24h" }',
        });
      }
      const { id, after, before, of } = entry as Record<string, unknown>;
      if (typeof id !== "string" || !reminderIdPattern.test(id)) {
        fail(
          `${path}.id`,
          id,
          "1-64 lower-case letters, digits, '.', '_' or '-', starting and ending with a letter or digit",
          { example: '"ends-in-7d"' },
        );
      }
      const previous = seen.get(id as string);
      if (previous !== undefined) {
        fail(`${path}.id`, id, `an id no other reminder has; schedule[${previous}] is already "${id}"`);
      }
      seen.set(id as string, index);
      if ((after === undefined) === (before === undefined)) {
        fail(path, entry, 'exactly one of "after" (from the trigger) or "before" (a deadline read by "of")', {
          example: '{ id: "ends-in-7d", before: "7d", of: (event) => event.data.trialEndsAt }',
        });
      }
      if (of !== undefined && typeof of !== "function") {
        fail(`${path}.of`, of, "a function reading an instant from the event", {
          example: "(event) => event.data.dueAt",
        });
      }
      if (before !== undefined && of === undefined) {
        fail(`${path}.of`, of, 'a function reading the deadline "before" counts back from', {
          example: "(event) => event.data.trialEndsAt",
        });
      }
      const written = (after ?? before) as Duration;
      const durationPath = `${path}.${after === undefined ? "before" : "after"}`;
      // Only a plain `after` is a sleep known now; the others depend on the event and are checked per run.
      const knownSleep = after !== undefined && of === undefined;
      const offset = toCalendarDuration(written, { functionId, path: durationPath });
      if (knownSleep && offset.days * dayMs + offset.ms > limits.maxSleepMs) {
        fail(
          durationPath,
          written,
          `at most ${formatDuration(limits.maxSleepMs)} (${limits.maxSleepMs / dayMs} days), Inngest's longest sleep`,
          {
            example: '"30d"',
            details: ["a reminder sleeps from the trigger until it is due, and Inngest cannot sleep longer"],
          },
        );
      }
      return Object.freeze({
        id: id as string,
        index,
        direction: after === undefined ? -1 : 1,
        offset,
        written,
        of: of as CheckedReminder<TEvent>["of"],
      });
    }),
  );
}
