const second = 1000;
const minute = 60 * second;

/**
 * Inngest's default retry backoff (its server's `TableBackoff`), in milliseconds, indexed by the zero-based
 * attempt that failed. Inngest adds 0–30 s of random jitter; runs in tests leave it out to stay reproducible.
 */
export const inngestBackoffTable: readonly number[] = Object.freeze([
  15 * second,
  30 * second,
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  20 * minute,
  40 * minute,
  60 * minute,
  120 * minute,
]);

/**
 * How long Inngest waits before retrying after `failedAttempt` failed: the `RetryAfterError` delay when the
 * error carried one (`retriable` is then its seconds or ISO date), else Inngest's default backoff; Inngest
 * cuts delays longer than `maxDelay` (a day on Inngest Cloud) to it.
 *
 * @example Delays of the default backoff
 * ```ts
 * retryDelay(true, 0, Date.now()); // 15_000
 * retryDelay("90", 0, Date.now()); // 90_000: RetryAfterError("…", "90s")
 * ```
 */
export function retryDelay(
  retriable: boolean | string,
  failedAttempt: number,
  now: number,
  maxDelay = Number.POSITIVE_INFINITY,
): number {
  if (typeof retriable === "string") {
    if (/^\d+$/.test(retriable)) return Math.min(Number(retriable) * second, maxDelay);
    const at = Date.parse(retriable);
    if (Number.isFinite(at)) return Math.min(Math.max(0, at - now), maxDelay);
  }
  const index = Math.min(Math.max(failedAttempt, 0), inngestBackoffTable.length - 1);
  return inngestBackoffTable[index] ?? 0;
}
