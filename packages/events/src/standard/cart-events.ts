import { z } from "zod";
import { defineEvent } from "../define-event";
import {
  currencyCodeSchema,
  emailSchema,
  httpUrlSchema,
  idSchema,
  isoDateTimeSchema,
  lineItemSchema,
  minorUnitsSchema,
} from "./standard-schemas";

const cartId = /* @__PURE__ */ idSchema("The cart's id in the host app");
const userId = /* @__PURE__ */ idSchema("The id of the cart's owner");
const sampleItem = { productId: "prod_mug", name: "Mug", quantity: 2, price: 1250 };

/**
 * `cart/abandoned`: a signed-in user left items in the cart; starts cart-abandonment reminders.
 *
 * @example From the session-expiry job
 * ```ts
 * import { cartAbandoned } from "@jobkit/events/standard";
 *
 * const event = cartAbandoned.create({
 *   cartId: "cart_1",
 *   userId: "usr_123",
 *   email: "ada@example.com",
 *   items: [{ productId: "prod_1", quantity: 1, price: 2500 }],
 *   total: 2500,
 *   currency: "USD",
 *   abandonedAt: new Date().toISOString(),
 * });
 * ```
 */
export const cartAbandoned = /* @__PURE__ */ (() =>
  defineEvent("cart/abandoned", {
    version: "1.0.0",
    description: "A user left items in the cart without checking out.",
    schema: z.object({
      cartId,
      userId,
      email: emailSchema,
      items: z.array(lineItemSchema).min(1).max(1000),
      total: minorUnitsSchema.meta({ description: "Cart total in minor units" }),
      currency: currencyCodeSchema,
      abandonedAt: isoDateTimeSchema,
      cartUrl: httpUrlSchema.optional().meta({ description: "Link back to the cart for the reminder email" }),
    }),
    examples: [
      {
        cartId: "cart_77",
        userId: "usr_123",
        email: "ada@example.com",
        items: [sampleItem],
        total: 2500,
        currency: "EUR",
        abandonedAt: "2025-01-31T18:00:00Z",
        cartUrl: "https://shop.example.com/cart/cart_77",
      },
    ],
  }))();

/**
 * `cart/updated`: the contents of a cart changed (cancels a pending abandonment reminder).
 *
 * @example After an item is added
 * ```ts
 * import { cartUpdated } from "@jobkit/events/standard";
 *
 * const event = cartUpdated.create({
 *   cartId: "cart_1",
 *   userId: "usr_123",
 *   items: [],
 *   total: 0,
 *   currency: "USD",
 *   updatedAt: new Date().toISOString(),
 * });
 * ```
 */
export const cartUpdated = /* @__PURE__ */ (() =>
  defineEvent("cart/updated", {
    version: "1.0.0",
    description: "The contents of a cart changed; an empty `items` means the cart was emptied.",
    schema: z.object({
      cartId,
      userId,
      items: z.array(lineItemSchema).max(1000),
      total: minorUnitsSchema.meta({ description: "Cart total in minor units" }),
      currency: currencyCodeSchema,
      updatedAt: isoDateTimeSchema,
    }),
    examples: [
      {
        cartId: "cart_77",
        userId: "usr_123",
        items: [sampleItem],
        total: 2500,
        currency: "EUR",
        updatedAt: "2025-01-31T17:40:00Z",
      },
    ],
  }))();
