export {
  type AnalyticsBatchDefinition,
  type AnalyticsBatchFactory,
  type AnalyticsBatchOptions,
  type AnalyticsGroup,
  type AnalyticsIdentifyEvent,
  type AnalyticsPageViewEvent,
  type AnalyticsTrackEvent,
  type AnalyticsType,
  type AnalyticsWriteOutcome,
  analyticsBatch,
} from "./analytics-batch";
export { type BatchingDefiners, batchingWithLimits } from "./batching-with-limits";
export {
  buildNotificationDigests,
  type DigestNotification,
  type NotificationDigest,
  type NotificationPriority,
  type NotificationSendEvent,
} from "./build-notification-digests";
export { type DedupeOptions, dedupe } from "./dedupe";
export {
  type BatchContext,
  type BatchFunctionOptions,
  type BatchOption,
  type DefineBatchFunction,
  defineBatchFunction,
} from "./define-batch-function";
export { groupBy } from "./group-by";
export type {
  BatchItemError,
  BatchItemResult,
  BatchResults,
  MapItems,
  MapItemsOptions,
  OnItemError,
} from "./map-items";
export {
  type DeliverDigestOptions,
  type DigestOutcome,
  type EmailDigestOptions,
  type NotificationDigestBaseOptions,
  type NotificationDigestDefinition,
  type NotificationDigestFactory,
  type NotificationDigestOptions,
  notificationDigest,
} from "./notification-digest";
