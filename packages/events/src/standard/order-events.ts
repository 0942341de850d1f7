import { z } from "zod";
import { defineEvent } from "../define-event";
import { jsonObjectSchema } from "./json-value-schema";
import {
  currencyCodeSchema,
  httpUrlSchema,
  idSchema,
  isoDateTimeSchema,
  lineItemSchema,
  minorUnitsSchema,
  postalAddressSchema,
} from "./standard-schemas";
import { textSchema } from "./text-schema";

const orderId = /* @__PURE__ */ idSchema("The order's id in the host app");
const userId = /* @__PURE__ */ idSchema("The id of the user who placed the order");

const tShirt = { productId: "prod_tee", variantId: "tee-m-black", name: "T-shirt", quantity: 2, price: 1999 };
const eBook = { productId: "prod_ebook", variantId: "DIGITAL", quantity: 1, price: 999 };
const sampleAddress = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

/**
 * `order/placed`: a customer placed an order; amounts are integer minor units.
 *
 * @example Send it at checkout
 * ```ts
 * import { orderPlaced } from "@jobkit/events/standard";
 *
 * const event = orderPlaced.create({
 *   orderId: "ord_1",
 *   userId: "usr_123",
 *   amount: 4999,
 *   currency: "USD",
 *   items: [{ productId: "prod_1", quantity: 1, price: 4999 }],
 * });
 * ```
 */
export const orderPlaced = /* @__PURE__ */ (() =>
  defineEvent("order/placed", {
    version: "1.0.0",
    description: "A customer placed an order.",
    schema: z.object({
      orderId,
      userId,
      amount: minorUnitsSchema.meta({ description: "Order total in minor units" }),
      currency: currencyCodeSchema,
      items: z.array(lineItemSchema).min(1).max(1000),
      shippingAddress: postalAddressSchema.optional().meta({ description: "Absent for digital-only orders" }),
      cartId: z
        .string()
        .min(1)
        .optional()
        .meta({ description: "The cart the order was placed from, if any; cart reminders cancel on it" }),
      metadata: jsonObjectSchema.optional(),
    }),
    examples: [
      {
        orderId: "ord_1001",
        userId: "usr_123",
        amount: 4997,
        currency: "GBP",
        items: [tShirt, eBook],
        shippingAddress: sampleAddress,
        cartId: "cart_77",
      },
    ],
  }))();

/**
 * `order/paid`: the payment for an order succeeded.
 *
 * @example From a payment-provider webhook
 * ```ts
 * import { orderPaid } from "@jobkit/events/standard";
 *
 * const event = orderPaid.create({
 *   orderId: "ord_1",
 *   userId: "usr_123",
 *   amount: 4999,
 *   currency: "USD",
 *   paymentMethod: "card",
 *   paymentId: "pi_3Nc",
 * });
 * ```
 */
export const orderPaid = /* @__PURE__ */ (() =>
  defineEvent("order/paid", {
    version: "1.0.0",
    description: "The payment for an order succeeded.",
    schema: z.object({
      orderId,
      userId,
      amount: minorUnitsSchema.meta({ description: "Amount paid in minor units" }),
      currency: currencyCodeSchema,
      paymentMethod: textSchema(1, 64).meta({ description: "e.g. card, paypal, bank_transfer" }),
      paymentId: idSchema("The payment provider's id of the payment"),
      paidAt: isoDateTimeSchema.optional(),
    }),
    examples: [
      {
        orderId: "ord_1001",
        userId: "usr_123",
        amount: 4997,
        currency: "GBP",
        paymentMethod: "card",
        paymentId: "pi_3NcXYZ",
        paidAt: "2025-01-31T09:31:12Z",
      },
    ],
  }))();

/**
 * `order/shipped`: an order left the warehouse with a tracking number.
 *
 * @example When the carrier label is printed
 * ```ts
 * import { orderShipped } from "@jobkit/events/standard";
 *
 * const event = orderShipped.create({
 *   orderId: "ord_1",
 *   trackingNumber: "1Z999AA10123456784",
 *   carrier: "UPS",
 *   shippedAt: new Date().toISOString(),
 * });
 * ```
 */
export const orderShipped = /* @__PURE__ */ (() =>
  defineEvent("order/shipped", {
    version: "1.0.0",
    description: "An order was handed to the carrier.",
    schema: z.object({
      orderId,
      trackingNumber: textSchema(1, 100),
      carrier: textSchema(1, 100),
      trackingUrl: httpUrlSchema.optional(),
      shippedAt: isoDateTimeSchema,
    }),
    examples: [
      {
        orderId: "ord_1001",
        trackingNumber: "1Z999AA10123456784",
        carrier: "UPS",
        trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        shippedAt: "2025-02-01T14:00:00Z",
      },
    ],
  }))();

/**
 * `order/cancelled`: an order was cancelled, optionally with a refund.
 *
 * @example Cancel with a full refund
 * ```ts
 * import { orderCancelled } from "@jobkit/events/standard";
 *
 * const event = orderCancelled.create({
 *   orderId: "ord_1",
 *   userId: "usr_123",
 *   reason: "customer_request",
 *   refundAmount: 4999,
 *   currency: "USD",
 * });
 * ```
 */
export const orderCancelled = /* @__PURE__ */ (() =>
  defineEvent("order/cancelled", {
    version: "1.0.0",
    description: "An order was cancelled.",
    schema: z.object({
      orderId,
      userId,
      reason: textSchema(1, 500).optional(),
      refundAmount: minorUnitsSchema.optional().meta({ description: "Amount to refund in minor units" }),
      currency: currencyCodeSchema.meta({ description: "The order's ISO 4217 currency code" }),
    }),
    examples: [
      {
        orderId: "ord_1001",
        userId: "usr_123",
        reason: "customer_request",
        refundAmount: 4997,
        currency: "GBP",
      },
    ],
  }))();

/**
 * `order/refunded`: money for an order was returned to the customer.
 *
 * @example A partial refund
 * ```ts
 * import { orderRefunded } from "@jobkit/events/standard";
 *
 * const event = orderRefunded.create({
 *   orderId: "ord_1",
 *   userId: "usr_123",
 *   amount: 1000,
 *   currency: "USD",
 *   reason: "damaged_item",
 *   refundId: "re_1",
 * });
 * ```
 */
export const orderRefunded = /* @__PURE__ */ (() =>
  defineEvent("order/refunded", {
    version: "1.0.0",
    description: "Money for an order was returned to the customer.",
    schema: z.object({
      orderId,
      userId,
      amount: minorUnitsSchema.meta({ description: "Refunded amount in minor units" }),
      currency: currencyCodeSchema,
      reason: textSchema(1, 500),
      refundId: idSchema("The payment provider's id of the refund"),
    }),
    examples: [
      {
        orderId: "ord_1001",
        userId: "usr_123",
        amount: 1999,
        currency: "GBP",
        reason: "damaged_item",
        refundId: "re_3NdABC",
      },
    ],
  }))();

/**
 * `order/fulfillment/requested`: ship the physical items of an order.
 *
 * @example Request fulfillment of the physical lines
 * ```ts
 * import { orderFulfillmentRequested } from "@jobkit/events/standard";
 *
 * const event = orderFulfillmentRequested.create({
 *   orderId: "ord_1",
 *   items: [{ productId: "prod_1", quantity: 1, price: 4999 }],
 *   shippingAddress: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
 * });
 * ```
 */
export const orderFulfillmentRequested = /* @__PURE__ */ (() =>
  defineEvent("order/fulfillment/requested", {
    version: "1.0.0",
    description: "Ship the physical items of an order.",
    schema: z.object({
      orderId,
      userId: userId.optional(),
      items: z.array(lineItemSchema).min(1).max(1000),
      shippingAddress: postalAddressSchema,
    }),
    examples: [{ orderId: "ord_1001", items: [tShirt], shippingAddress: sampleAddress }],
  }))();
