import { evaluateExpression } from "./evaluate-expression";
import type { RunEvent } from "./job-run";
import type { ScheduledEvent } from "./scheduled-event";

/** What `step.waitForEvent` waits for, as the SDK reports the step. */
export interface WaitForEventRequest {
  /** The awaited event name. */
  readonly event: string;
  /** When the wait began. */
  readonly from: number;
  /** Timeout in milliseconds. */
  readonly timeout: number;
  /** The `if` expression, or the one Inngest builds from `match`. */
  readonly expression: string | undefined;
  /** The triggering event, `event` in expressions. */
  readonly trigger: RunEvent;
}

/**
 * Resolves a wait like Inngest does: the first incoming event with the awaited name, arriving after the wait
 * began and within its timeout, that satisfies the expression; otherwise `null` when the timeout expires.
 */
export function resolveWaitForEvent(
  request: WaitForEventRequest,
  incoming: readonly ScheduledEvent[],
): { readonly at: number; readonly event: RunEvent | null } {
  // Evaluated once up front so that an unsupported expression fails even when no event arrives.
  if (request.expression !== undefined)
    evaluateExpression(request.expression, { event: request.trigger, async: {} });
  const deadline = request.from + request.timeout;
  const match = incoming.find(
    ({ at, payload }) =>
      payload.name === request.event &&
      at >= request.from &&
      at <= deadline &&
      (request.expression === undefined ||
        evaluateExpression(request.expression, { event: request.trigger, async: payload })),
  );
  return match ? { at: match.at, event: match.payload } : { at: deadline, event: null };
}
