import { describeValue as describeConfigValue } from "@jobkit/functions/internal";

/**
 * What {@link ReminderScheduleError} reports: which reminder, what was found and what would be right.
 *
 * @example Report a bad date of your own in the same shape
 * ```ts
 * import { ReminderScheduleError, type ReminderScheduleErrorDetails } from "@jobkit/reminders";
 *
 * export function checkStartsAt(functionId: string, startsAt: string): void {
 *   if (!Number.isNaN(Date.parse(startsAt))) return;
 *   const details: ReminderScheduleErrorDetails = {
 *     functionId,
 *     reminderId: "day-before",
 *     subject: "start time",
 *     received: JSON.stringify(startsAt),
 *     expected: "an ISO 8601 date-time",
 *     example: '"2026-03-10T13:00:00Z"',
 *   };
 *   throw new ReminderScheduleError(details);
 * }
 * ```
 */
export interface ReminderScheduleErrorDetails {
  /** The id of the reminder sequence's function. */
  readonly functionId: string | undefined;
  /** The reminder whose instant could not be planned; `undefined` for the sequence's time zone. */
  readonly reminderId: string | undefined;
  /** What was being worked out, e.g. `"deadline"` or `"time zone"`. */
  readonly subject: string;
  /** The failing value only, rendered for humans; never the whole event. */
  readonly received: string;
  /** What a right value looks like. */
  readonly expected: string;
  /** A right value, e.g. `"2026-03-10T13:00:00Z"`. */
  readonly example?: string;
  /** Extra lines between the headline and `expected`. */
  readonly details?: readonly string[];
}

/**
 * Thrown while a run plans its reminders when an instant read from the event cannot be used: a deadline
 * that is not a date, a time zone that does not exist, or a reminder further ahead than Inngest can sleep.
 * The run fails without retrying (the event will not change), with this error as the `cause`.
 *
 * @example Tell a bad deadline apart in onFailure
 * ```ts
 * import { ReminderScheduleError } from "@jobkit/reminders";
 *
 * function describe(error: Error): string {
 *   const cause = error.cause;
 *   return cause instanceof ReminderScheduleError ? `reminder ${cause.reminderId}: ${cause.received}` : error.message;
 * }
 * ```
 */
export class ReminderScheduleError extends Error {
  override readonly name = "ReminderScheduleError";
  readonly functionId: string | undefined;
  readonly reminderId: string | undefined;
  readonly received: string;
  readonly expected: string;

  constructor(details: ReminderScheduleErrorDetails, options?: ErrorOptions) {
    const where = [
      details.reminderId === undefined ? "" : ` of reminder "${details.reminderId}"`,
      details.functionId === undefined ? "" : ` in function "${details.functionId}"`,
    ].join("");
    super(
      [
        `Invalid ${details.subject}${where}: ${details.received}`,
        ...(details.details ?? []).map((line) => `  ${line}`),
        `  expected: ${details.expected}${details.example === undefined ? "" : `, e.g. ${details.example}`}`,
      ].join("\n"),
      options,
    );
    this.functionId = details.functionId;
    this.reminderId = details.reminderId;
    this.received = details.received;
    this.expected = details.expected;
  }
}

/** Renders one value for an error message, like `describeValue` of @jobkit/functions, with dates as ISO instants. */
export function describeValue(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : value.toISOString();
  return describeConfigValue(value);
}
