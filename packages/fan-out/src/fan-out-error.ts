import type { InngestLimits } from "@jobkit/functions";
import { NonRetriableError } from "inngest";

/**
 * Why a fan-out refused to run; see {@link FanOutError}.
 *
 * @example Tell plans that are too big from bad data
 * ```ts
 * import { FanOutError, type FanOutErrorCode } from "@jobkit/fan-out";
 *
 * const tooBig: readonly FanOutErrorCode[] = ["step-budget", "run-state", "result-size"];
 *
 * // A plan that is too big needs paging or a smaller audience; bad data needs a fix in the source.
 * export function needsSmallerPlan(error: unknown): boolean {
 *   return error instanceof FanOutError && tooBig.includes(error.code);
 * }
 * ```
 */
export type FanOutErrorCode =
  /** The plan needs more steps than one run may have. */
  | "step-budget"
  /** The plan's step outputs and result would not fit in the run's state. */
  | "run-state"
  /** The result's list of ids would be bigger than the output limit. */
  | "result-size"
  /** One event is bigger than the event size limit. */
  | "event-size"
  /** One page returned by `pages.fetch` is bigger than the step output limit. */
  | "page-size"
  /** `fanOut` returned something that is not iterable, or `pages.fetch` something other than `{ items, next }`. */
  | "invalid-source"
  /** An event's data does not match its definition in `sends`. */
  | "invalid-event"
  /** An event's name is not one of the definitions in `sends`. */
  | "unknown-event"
  /** Two events got the same id, so Inngest would drop one of them. */
  | "duplicate-id"
  /** The `key` option returned something other than a non-empty string. */
  | "invalid-key"
  /** `fanOut`, or `toEvents` for a stored page, returned other events on a replay than on the first attempt. */
  | "nondeterministic"
  /** The triggering event has no id to derive event ids from. */
  | "missing-trigger-id"
  /** `pages.fetch` returned a `next` cursor a page was already fetched with, so the same pages would be sent again. */
  | "repeated-cursor";

/**
 * What {@link FanOutError} reports: where, what was found and what would be right.
 *
 * @example Refuse a plan of your own in the fan-out error shape
 * ```ts
 * import { FanOutError, type FanOutErrorDetails } from "@jobkit/fan-out";
 *
 * export function refuseEmptyTeam(functionId: string): never {
 *   const details: FanOutErrorDetails = {
 *     functionId,
 *     code: "invalid-source",
 *     problem: "has no one to send to",
 *     received: "a team without members",
 *     expected: "a team with at least one member",
 *   };
 *   throw new FanOutError(details);
 * }
 * ```
 */
export interface FanOutErrorDetails {
  /** The fan-out's function id, as written in `defineFanOut`. */
  readonly functionId: string;
  readonly code: FanOutErrorCode;
  /** The first line after the function id, e.g. `needs more steps than one run may have`. */
  readonly problem: string;
  /** The failing value only, rendered for humans; never a whole payload. */
  readonly received: string;
  /** Extra lines between the headline and `expected`. */
  readonly details?: readonly string[];
  /** What a right value or plan looks like. */
  readonly expected: string;
  /** An example of a right value or option. */
  readonly example?: string;
  /** The Inngest limit that was exceeded, when one was. */
  readonly limit?: keyof InngestLimits;
}

/**
 * Thrown when a fan-out refuses to send, before any event of the refused plan goes out: over the step,
 * size or state limits, or events that do not match `sends`. It is an Inngest `NonRetriableError`, so the
 * run fails at once instead of retrying a plan that cannot succeed.
 *
 * @example Tell a refused plan from other failures in onFailure
 * ```ts
 * import { FanOutError } from "@jobkit/fan-out";
 *
 * function describeFailure(error: Error): string {
 *   return error instanceof FanOutError ? `fan-out refused (${error.code}): ${error.expected}` : error.message;
 * }
 * ```
 */
export class FanOutError extends NonRetriableError {
  override readonly name = "FanOutError";
  readonly functionId: string;
  readonly code: FanOutErrorCode;
  readonly received: string;
  readonly expected: string;
  readonly limit: keyof InngestLimits | undefined;

  constructor(details: FanOutErrorDetails, options?: { cause?: unknown }) {
    const lines = [
      `Fan-out "${details.functionId}" ${details.problem}: ${details.received}`,
      ...(details.details ?? []).map((line) => `  ${line}`),
      `  expected: ${details.expected}${details.example === undefined ? "" : `, e.g. ${details.example}`}`,
    ];
    super(lines.join("\n"), options);
    this.functionId = details.functionId;
    this.code = details.code;
    this.received = details.received;
    this.expected = details.expected;
    this.limit = details.limit;
  }
}
