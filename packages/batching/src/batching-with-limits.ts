import { type InngestLimits, withLimits } from "@jobkit/functions";
import { type AnalyticsBatchFactory, createAnalyticsBatch } from "./analytics-batch";
import { createDefineBatchFunction, type DefineBatchFunction } from "./define-batch-function";
import { createNotificationDigest, type NotificationDigestFactory } from "./notification-digest";

/**
 * The batching functions bound to a set of limits, as returned by {@link batchingWithLimits}.
 *
 * @example One module owns the limits, jobs import the definers
 * ```ts
 * import { type BatchingDefiners, batchingWithLimits } from "@jobkit/batching";
 *
 * declare const push: { send(userId: string, text: string): Promise<void> };
 *
 * export const batching: BatchingDefiners = batchingWithLimits({ maxBatchSize: 500 });
 * export const digest = batching.notificationDigest({
 *   maxSize: 500,
 *   deliver: (userId, digest) => push.send(userId, `${digest.count} new notifications`),
 * });
 * ```
 */
export interface BatchingDefiners {
  readonly limits: InngestLimits;
  readonly defineBatchFunction: DefineBatchFunction;
  readonly notificationDigest: NotificationDigestFactory;
  readonly analyticsBatch: AnalyticsBatchFactory;
}

/**
 * Returns `defineBatchFunction`, `notificationDigest` and `analyticsBatch` checking against Inngest's
 * limits with your overrides (through `withLimits` of `@jobkit/functions`), for a self-hosted Inngest
 * configured with another batch cap.
 *
 * @example Allow batches of 500 on a self-hosted server
 * ```ts
 * import { batchingWithLimits } from "@jobkit/batching";
 *
 * export const { defineBatchFunction, analyticsBatch } = batchingWithLimits({ maxBatchSize: 500 });
 * ```
 */
export function batchingWithLimits(overrides: Partial<InngestLimits>): BatchingDefiners {
  const { limits, defineEventFunction } = withLimits(overrides);
  const defineBatchFunction = createDefineBatchFunction(defineEventFunction, limits);
  return Object.freeze({
    limits,
    defineBatchFunction,
    notificationDigest: createNotificationDigest(defineBatchFunction, limits),
    analyticsBatch: createAnalyticsBatch(defineBatchFunction),
  });
}
