export {
  type CheckedWebhookUrl,
  checkWebhookUrl,
  type WebhookResolver,
  type WebhookUrlOptions,
} from "./check-webhook-url";
export { type AddressClass, classifyAddress } from "./classify-address";
export { generateWebhookSecret } from "./generate-webhook-secret";
export { createNodeTransport, type NodeTransportOptions, nodeTransport } from "./node-transport";
export { type ReceivedWebhookInput, receivedWebhookEvent } from "./received-webhook-event";
export {
  type SendWebhookOptions,
  sendWebhook,
  type WebhookAttempt,
  type WebhookMessage,
} from "./send-webhook";
export { type SignWebhookInput, signWebhook, type WebhookSignatureHeaders } from "./sign-webhook";
export {
  type PayloadOf,
  type PayloadSchema,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaders,
} from "./verify-webhook";
export { WebhookAttemptError, type WebhookAttemptErrorDetails } from "./webhook-attempt-error";
export { type WebhookDefaults, webhookDefaults } from "./webhook-defaults";
export {
  type WebhookDeliverEvent,
  type WebhookDeliveryDefinition,
  type WebhookDeliveryOptions,
  type WebhookDeliveryResult,
  type WebhookSecretLookup,
  webhookDelivery,
} from "./webhook-delivery";
export { WebhookDeliveryError, type WebhookDeliveryErrorDetails } from "./webhook-delivery-error";
export {
  WebhookRequestError,
  type WebhookRequestErrorDetails,
  type WebhookRequestFailure,
} from "./webhook-request-error";
export { WebhookSecretError, type WebhookSecretErrorDetails } from "./webhook-secret-error";
export type { TransportRequest, TransportResponse, WebhookTransport } from "./webhook-transport";
export { WebhookUrlError, type WebhookUrlErrorDetails, type WebhookUrlRefusal } from "./webhook-url-error";
export {
  WebhookVerificationError,
  type WebhookVerificationErrorDetails,
  type WebhookVerificationFailure,
} from "./webhook-verification-error";
