import { defineCatalog } from "../define-catalog";
import { analyticsIdentify, analyticsPageView, analyticsTrack } from "./analytics-events";
import { subscriptionActivated, trialStarted } from "./billing-events";
import { cartAbandoned, cartUpdated } from "./cart-events";
import { emailFailed, emailSend, emailSent } from "./email-events";
import { marketingSubscribe } from "./marketing-events";
import { notificationSend, notificationSlack, smsSend } from "./notification-events";
import {
  orderCancelled,
  orderFulfillmentRequested,
  orderPaid,
  orderPlaced,
  orderRefunded,
  orderShipped,
} from "./order-events";
import { systemBackup, systemCacheInvalidate, systemCleanup, systemHealthCheck } from "./system-events";
import {
  userCreated,
  userDeleted,
  userEmailVerified,
  userLoggedIn,
  userProfileCreate,
  userSettingsInitialize,
  userUpdated,
} from "./user-events";
import { webhookDeliver, webhookDelivered, webhookFailed, webhookReceived } from "./webhook-events";

/**
 * Every ready-made event of `@jobkit/events/standard` in one catalog: validate any of them by name,
 * generate their JSON Schema or Markdown reference, or extend it with your own events.
 *
 * @example Validate an incoming event and extend the catalog
 * ```ts
 * import { z } from "zod";
 * import { defineCatalog, defineEvent } from "@jobkit/events";
 * import { standardCatalog } from "@jobkit/events/standard";
 *
 * standardCatalog.parse({ name: "user/created", data: { userId: "usr_1", email: "ada@example.com" } });
 *
 * const invoicePaid = defineEvent("invoice/paid", { schema: z.object({ invoiceId: z.string() }) });
 * export const catalog = defineCatalog([...standardCatalog.events, invoicePaid]);
 * ```
 */
export const standardCatalog = /* @__PURE__ */ defineCatalog([
  userCreated,
  userUpdated,
  userDeleted,
  userLoggedIn,
  userEmailVerified,
  userProfileCreate,
  userSettingsInitialize,
  orderPlaced,
  orderPaid,
  orderShipped,
  orderCancelled,
  orderRefunded,
  orderFulfillmentRequested,
  cartAbandoned,
  cartUpdated,
  trialStarted,
  subscriptionActivated,
  emailSend,
  emailSent,
  emailFailed,
  notificationSend,
  notificationSlack,
  smsSend,
  marketingSubscribe,
  analyticsPageView,
  analyticsTrack,
  analyticsIdentify,
  systemCleanup,
  systemBackup,
  systemCacheInvalidate,
  systemHealthCheck,
  webhookDeliver,
  webhookDelivered,
  webhookFailed,
  webhookReceived,
]);

/**
 * The type of {@link standardCatalog}, for `Register` and the type helpers.
 *
 * @example Data type of a standard event
 * ```ts
 * import type { EventData } from "@jobkit/events";
 * import type { StandardCatalog } from "@jobkit/events/standard";
 *
 * type Order = EventData<StandardCatalog, "order/placed">;
 * ```
 */
export type StandardCatalog = typeof standardCatalog;
