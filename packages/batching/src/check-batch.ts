import { type Duration, type InngestLimits, parseDuration } from "@jobkit/functions";
import type { ConfigFailure } from "@jobkit/functions/internal";

/** Where the two window options sit: `batch.maxSize` in `defineBatchFunction`, `maxSize` in a ready-made. */
export interface BatchWindowPaths {
  readonly maxSize: string;
  readonly timeout: string;
}

/**
 * Checks a batch window against Inngest's limits, naming the option the user wrote, so a ready-made's
 * `maxSize` is reported as `maxSize`, not as the `batchEvents.maxSize` it becomes.
 */
export function checkBatchWindow(
  fail: ConfigFailure,
  functionId: string,
  paths: BatchWindowPaths,
  window: { readonly maxSize: unknown; readonly timeout: unknown },
  limits: InngestLimits,
): void {
  const { maxSize, timeout } = window;
  if (typeof maxSize !== "number" || !Number.isInteger(maxSize) || maxSize < 1) {
    fail(paths.maxSize, maxSize, `a whole number from 1 to ${limits.maxBatchSize}`, { example: "100" });
  }
  if (maxSize > limits.maxBatchSize) {
    fail(paths.maxSize, maxSize, `a whole number from 1 to ${limits.maxBatchSize}`, {
      example: String(limits.maxBatchSize),
      details: [
        `Inngest caps a batch at ${limits.maxBatchSize} events; a larger maxSize is rejected, not clamped:`,
        "a busy stream simply runs more batches (a self-hosted server with another cap: the limits option)",
      ],
    });
  }
  parseDuration(timeout as Duration, {
    functionId,
    path: paths.timeout,
    minMs: 1000,
    maxMs: limits.maxBatchTimeoutMs,
  });
}

/** Shared options a batch function cannot take: Inngest rejects them next to `batchEvents`. */
export const batchRefusals = {
  debounce: "Inngest rejects functions that combine batching and debounce",
  priority: "Inngest rejects functions that combine batching and priority",
} as const;
