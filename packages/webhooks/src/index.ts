export { type CheckedWebhookUrl, checkWebhookUrl } from "./check-webhook-url";
export { generateWebhookSecret } from "./generate-webhook-secret";
export { createNodeTransport } from "./node-transport";
export { receivedWebhookEvent } from "./received-webhook-event";
export { sendWebhook, type WebhookAttempt, type WebhookMessage } from "./send-webhook";
export { signWebhook, type WebhookSignatureHeaders } from "./sign-webhook";
export {
  type PayloadOf,
  type PayloadSchema,
  type VerifiedWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from "./verify-webhook";
export { webhookDelivery } from "./webhook-delivery";
export type {
  WebhookDeliverEvent,
  WebhookDeliveryDefinition,
  WebhookDeliveryOptions,
  WebhookDeliveryResult,
  WebhookSecretLookup,
} from "./webhook-delivery-options";
export { WebhookError, type WebhookErrorCode } from "./webhook-error";
export type { TransportRequest, TransportResponse, WebhookTransport } from "./webhook-transport";
