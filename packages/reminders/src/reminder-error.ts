import { describeValue as describeConfigValue } from "@jobkit/functions/internal";
import { NonRetriableError } from "inngest";

/**
 * Why a run could not plan or send its reminders; see {@link ReminderError}.
 *
 * @example Page someone only for data problems
 * ```ts
 * import { ReminderError, type ReminderErrorCode } from "@jobkit/reminders";
 *
 * const badData: readonly ReminderErrorCode[] = ["invalid-deadline", "invalid-timezone"];
 *
 * export function isBadEventData(error: unknown): boolean {
 *   return error instanceof ReminderError && badData.includes(error.code);
 * }
 * ```
 */
export type ReminderErrorCode =
  /** `of(event)` threw, or returned something that is not a date. */
  | "invalid-deadline"
  /** The time zone (or `timezone(event)`) is not an IANA time zone name, or the function threw. */
  | "invalid-timezone"
  /** A reminder falls further ahead than Inngest can sleep (`maxSleepMs`, a year). */
  | "beyond-max-sleep"
  /** `stillRelevant` (or a ready-made's check) returned something other than a boolean or `{ relevant }`. */
  | "invalid-relevance";

/**
 * What {@link ReminderError} reports: which reminder, what was found and what would be right.
 *
 * @example Report a bad date of your own in the same shape
 * ```ts
 * import { ReminderError, type ReminderErrorDetails } from "@jobkit/reminders";
 *
 * export function checkStartsAt(functionId: string, startsAt: string): void {
 *   if (!Number.isNaN(Date.parse(startsAt))) return;
 *   const details: ReminderErrorDetails = {
 *     code: "invalid-deadline",
 *     functionId,
 *     reminderId: "day-before",
 *     subject: "start time",
 *     received: JSON.stringify(startsAt),
 *     expected: "an ISO 8601 date-time",
 *     example: '"2026-03-10T13:00:00Z"',
 *   };
 *   throw new ReminderError(details);
 * }
 * ```
 */
export interface ReminderErrorDetails {
  readonly code: ReminderErrorCode;
  /** The id of the reminder sequence's function. */
  readonly functionId: string | undefined;
  /** The reminder concerned; `undefined` for the sequence's time zone. */
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
 * The error `@jobkit/reminders` throws while a run plans or checks its reminders, told apart by
 * {@link ReminderError.code}: a deadline that is not a date, a time zone that does not exist, a reminder
 * further ahead than Inngest can sleep, or a relevance check returning the wrong thing. The event will
 * not change on a retry, so it is an Inngest `NonRetriableError`: the run fails at once. A bad option is
 * refused when the sequence is defined, with the `JobError` of `@jobkit/functions`.
 *
 * @example Tell a bad deadline apart in onFailure
 * ```ts
 * import { ReminderError } from "@jobkit/reminders";
 *
 * function describe(error: Error): string {
 *   return error instanceof ReminderError ? `reminder ${error.reminderId} (${error.code}): ${error.received}` : error.message;
 * }
 * ```
 */
export class ReminderError extends NonRetriableError {
  override readonly name = "ReminderError";
  readonly code: ReminderErrorCode;
  readonly functionId: string | undefined;
  readonly reminderId: string | undefined;
  readonly received: string;
  readonly expected: string;

  constructor(details: ReminderErrorDetails, options?: { cause?: unknown }) {
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
    this.code = details.code;
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
