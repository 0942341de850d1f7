// Each event, schema and the catalog is built in a /* @__PURE__ */ expression (tree-shaking.test.ts checks it):
// an app's bundle keeps only what it imports, and those still check their examples when imported.
export { analyticsIdentify, analyticsPageView, analyticsTrack } from "./analytics-events";
export { subscriptionActivated, trialStarted } from "./billing-events";
export { cartAbandoned, cartUpdated } from "./cart-events";
export { emailFailed, emailSend, emailSent } from "./email-events";
export { jsonValueSchema } from "./json-value-schema";
export { marketingSubscribe } from "./marketing-events";
export { notificationSend, notificationSlack, smsSend } from "./notification-events";
export {
  orderCancelled,
  orderFulfillmentRequested,
  orderPaid,
  orderPlaced,
  orderRefunded,
  orderShipped,
} from "./order-events";
export { type StandardCatalog, standardCatalog } from "./standard-catalog";
export { type EmailTemplate, emailTemplateSchema, wellKnownEmailTemplates } from "./standard-schemas";
export { systemBackup, systemCacheInvalidate, systemCleanup, systemHealthCheck } from "./system-events";
export {
  userCreated,
  userDeleted,
  userEmailVerified,
  userLoggedIn,
  userProfileCreate,
  userSettingsInitialize,
  userUpdated,
} from "./user-events";
export { webhookDeliver, webhookDelivered, webhookFailed, webhookReceived } from "./webhook-events";
