import { NonRetriableError, RetryAfterError, StepError } from "inngest";
import { backoffDelay, type RetryPolicy } from "./backoff";
import { describeValue } from "./describe-value";
import { type Duration, parseDuration } from "./duration";
import { JobError } from "./job-error";
import { inngestLimits } from "./limits";

/**
 * What to do with an error thrown by a run or step; see {@link decideRetry}.
 */
export type RetryDecision =
  | { readonly action: "rethrow"; readonly reason: "final-attempt" | "inngest-error" | "inngest-schedule" }
  | { readonly action: "retry-after"; readonly delayMs: number }
  | { readonly action: "stop" };

/**
 * Applies a retry policy to an error thrown on attempt `attempt` (from 1): retry after a computed delay,
 * stop, or rethrow it unchanged for Inngest to handle (last attempt, Inngest's own error classes, or no
 * backoff policy).
 */
export function decideRetry(
  policy: RetryPolicy,
  error: unknown,
  attempt: number,
  random: () => number = Math.random,
): RetryDecision {
  if (isInngestControlError(error)) return { action: "rethrow", reason: "inngest-error" };
  if (attempt > policy.attempts) return { action: "rethrow", reason: "final-attempt" };
  const verdict = policy.retry ? policy.retry(error, attempt) : true;
  if (verdict === false) return { action: "stop" };
  if (verdict === true) {
    return policy.backoff === undefined
      ? { action: "rethrow", reason: "inngest-schedule" }
      : { action: "retry-after", delayMs: backoffDelay(policy, attempt, random) };
  }
  if (typeof verdict !== "object" || verdict === null || !("delay" in verdict)) {
    throw new JobError(
      {
        functionId: undefined,
        subject: "return value of retries.retry()",
        path: "retries.retry",
        received: describeValue(verdict),
        details: [`retry() was deciding attempt ${attempt}, which failed with the error in \`cause\``],
        expected: "true (retry with the policy's delay), false (stop retrying) or { delay } (retry after it)",
        example: '(error) => (error instanceof RateLimitError ? { delay: "30s" } : true)',
      },
      { cause: error },
    );
  }
  const delayMs = parseDuration(verdict.delay as Duration, {
    functionId: undefined,
    path: "retries.retry() delay",
    minMs: 0,
    maxMs: inngestLimits.maxRetryDelayMs,
  });
  return { action: "retry-after", delayMs };
}

function isInngestControlError(error: unknown): boolean {
  if (error instanceof NonRetriableError || error instanceof RetryAfterError || error instanceof StepError) {
    return true;
  }
  const name = (error as { name?: unknown } | null)?.name;
  return name === "NonRetriableError" || name === "RetryAfterError" || name === "StepError";
}

/**
 * The error to throw for `error` on attempt `attempt` under `policy`: a `RetryAfterError` with the
 * computed delay, a `NonRetriableError`, or `error` itself; the original is kept as `cause`.
 */
export function retryErrorFor(policy: RetryPolicy, error: unknown, attempt: number): unknown {
  let decision: RetryDecision;
  try {
    decision = decideRetry(policy, error, attempt);
  } catch (deciderError) {
    // A `retry()` that returned something else already says so, with the original error as its cause.
    if (deciderError instanceof JobError && deciderError.cause === error) return deciderError;
    // A throwing `retry()` is a bug in the job; report it without losing the error that triggered it.
    return new AggregateError([deciderError, error], "retries.retry() threw while handling an error", {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  switch (decision.action) {
    case "rethrow":
      return error;
    case "stop":
      return new NonRetriableError(message, { cause: error });
    case "retry-after":
      return new RetryAfterError(message, decision.delayMs, { cause: error });
  }
}
