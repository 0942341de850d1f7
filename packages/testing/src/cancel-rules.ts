import type { InngestFunction } from "inngest";
import { evaluateExpression } from "./evaluate-expression";
import type { CancelRule } from "./find-cancellation";
import { parseDuration, parseTime } from "./parse-time";

type CancelOption = NonNullable<InngestFunction.Options["cancelOn"]>[number];

/**
 * A function's `cancelOn` entries as rules, with their listening windows made absolute from `start`; throws
 * `UnsupportedExpressionError` for an expression `runJob` cannot evaluate.
 */
export function cancelRulesOf(fn: InngestFunction.Any, start: number): CancelRule[] {
  const cancelOn = (fn.opts.cancelOn ?? []) as readonly CancelOption[];
  return cancelOn.map(({ event, if: condition, match, timeout }) => {
    const name = typeof event === "string" ? event : event.name;
    let until = Number.POSITIVE_INFINITY;
    if (timeout !== undefined) {
      const absolute = timeout instanceof Date ? parseTime(timeout) : undefined;
      until = absolute ?? start + (parseDuration(timeout as string | number) ?? 0);
    }
    const expression = match ? `event.${match} == async.${match}` : condition;
    if (expression !== undefined) evaluateExpression(expression, { event: {}, async: {} });
    return { event: name, expression, until };
  });
}

/** `timeouts.finish` of a function as an absolute deadline from `start`. */
export function finishDeadlineOf(fn: InngestFunction.Any, start: number): number | undefined {
  const finish = (fn.opts.timeouts as { finish?: string | number } | undefined)?.finish;
  if (finish === undefined) return undefined;
  const duration = parseDuration(finish);
  return duration === undefined ? undefined : start + duration;
}
