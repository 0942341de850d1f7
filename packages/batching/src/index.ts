export {
  type AnalyticsGroup,
  type AnalyticsWriteOutcome,
  analyticsBatch,
} from "./analytics-batch";
export { BatchingError, type BatchingErrorCode } from "./batching-error";
export type { NotificationDigest } from "./build-notification-digests";
export { dedupe } from "./dedupe";
export {
  type BatchContext,
  type BatchFunctionOptions,
  type BatchOption,
  defineBatchFunction,
} from "./define-batch-function";
export { groupBy } from "./group-by";
export type { BatchItemResult, BatchResults, MapItems, OnItemError } from "./map-items";
export {
  type DigestOutcome,
  notificationDigest,
} from "./notification-digest";
