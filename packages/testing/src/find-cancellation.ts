import { evaluateExpression } from "./evaluate-expression";
import type { RunEvent } from "./job-run";
import type { ScheduledEvent } from "./scheduled-event";

/** One `cancelOn` entry of a function, normalised. */
export interface CancelRule {
  readonly event: string;
  /** The `if` expression, or the one Inngest builds from `match`. */
  readonly expression: string | undefined;
  /** Until when the rule listens (absolute, milliseconds since the epoch). */
  readonly until: number;
}

/**
 * The first incoming event arriving in `(after, upTo]` that a `cancelOn` rule matches, with the rule's
 * listening window and expression applied (`event` is the triggering event, `async` the incoming one).
 */
export function findCancellation(
  rules: readonly CancelRule[],
  incoming: readonly ScheduledEvent[],
  trigger: RunEvent,
  after: number,
  upTo: number,
): ScheduledEvent | undefined {
  if (rules.length === 0) return undefined;
  return incoming.find(
    ({ at, payload }) =>
      at > after &&
      at <= upTo &&
      rules.some(
        (rule) =>
          rule.event === payload.name &&
          at <= rule.until &&
          (rule.expression === undefined ||
            evaluateExpression(rule.expression, { event: trigger, async: payload })),
      ),
  );
}
