export {
  type CheckedWebhookUrl,
  checkWebhookUrl,
  type WebhookResolver,
  type WebhookUrlOptions,
} from "./check-webhook-url";
export { type AddressClass, classifyAddress } from "./classify-address";
export { generateWebhookSecret } from "./generate-webhook-secret";
export { createNodeTransport, type NodeTransportOptions, nodeTransport } from "./node-transport";
export {
  keptWebhookHeaders,
  type ReceivedWebhookInput,
  receivedWebhookEvent,
} from "./received-webhook-event";
export type { SendWebhookOptions } from "./send-policy";
export { sendWebhook, type WebhookAttempt, type WebhookMessage } from "./send-webhook";
export { type SignWebhookInput, signWebhook, type WebhookSignatureHeaders } from "./sign-webhook";
export {
  type PayloadOf,
  type PayloadSchema,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaders,
} from "./verify-webhook";
export { type WebhookDefaults, webhookDefaults } from "./webhook-defaults";
export { webhookDelivery } from "./webhook-delivery";
export type {
  WebhookDeliverEvent,
  WebhookDeliveryDefinition,
  WebhookDeliveryOptions,
  WebhookDeliveryResult,
  WebhookSecretLookup,
} from "./webhook-delivery-options";
export {
  WebhookError,
  type WebhookErrorCode,
  type WebhookErrorDetails,
  type WebhookErrorReason,
} from "./webhook-error";
export type { TransportRequest, TransportResponse, WebhookTransport } from "./webhook-transport";
