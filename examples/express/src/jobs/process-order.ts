import { analyticsTrack, emailSend, orderFulfillmentRequested, orderPlaced } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import { NonRetriableError } from "inngest";
import type { Store } from "../store";

/** Digital goods need no shipping; the shop marks them with `DIGITAL` in the variant id. */
const isPhysical = (item: { variantId?: string }) => !item.variantId?.includes("DIGITAL");

/**
 * The multi-step order pipeline: validate, reserve stock, mark as processing, then ask for
 * the confirmation email, fulfillment of the physical lines and an analytics event. Each step is retried
 * on its own with exponential backoff, so a flaky inventory service does not re-run the steps before it.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { processOrder } from "./process-order";
 *
 * const definition = processOrder(createStore());
 * ```
 */
export function processOrder(store: Store) {
  return defineEventFunction({
    id: "process-order",
    name: "Process order",
    description: "Validates an order, reserves stock and starts confirmation, fulfillment and analytics",
    on: orderPlaced,
    retries: { attempts: 5, backoff: "exponential", minTimeout: "1s", maxTimeout: "10m" },
    // Two runs for the same order (a replayed event) must not reserve stock twice.
    idempotency: "event.data.orderId",
    sends: [emailSend, orderFulfillmentRequested, analyticsTrack],
    handler: async ({ event, step }) => {
      const { orderId, userId, amount, currency, items } = event.data;

      const customer = await step.run("validate-order", () => {
        const order = store.orders.get(orderId);
        // Retrying cannot create the order or change its state: fail at once, with the reason.
        if (order === undefined) throw new NonRetriableError(`Order ${orderId} not found`);
        if (order.status !== "pending") {
          throw new NonRetriableError(`Order ${orderId} is ${order.status}, expected pending`);
        }
        const user = store.users.get(userId);
        return { email: user?.email ?? null, name: user?.name ?? null };
      });

      await step.run("reserve-inventory", () => {
        store.reserve(
          items.map((item) => ({ key: item.variantId ?? item.productId, quantity: item.quantity })),
        );
        return { reserved: items.length };
      });

      await step.run("update-order-status", () => {
        const order = store.orders.get(orderId);
        if (order !== undefined) order.status = "processing";
        // The cart it came from is bought: a pending cart reminder must not fire.
        const cart = event.data.cartId === undefined ? undefined : store.carts.get(event.data.cartId);
        if (cart !== undefined) cart.status = "ordered";
        return { status: "processing" };
      });

      if (customer.email !== null) {
        await step.sendEvent(
          "send-confirmation-email",
          emailSend.create(
            {
              to: customer.email,
              template: "order-confirmation",
              subject: `Order confirmation #${orderId}`,
              data: {
                orderId,
                amount,
                currency,
                items,
                ...(customer.name ? { customerName: customer.name } : {}),
              },
              metadata: { userId, orderId },
            },
            { id: `order-confirmation-${orderId}` },
          ),
        );
      }

      const physical = items.filter(isPhysical);
      if (physical.length > 0 && event.data.shippingAddress !== undefined) {
        await step.sendEvent(
          "trigger-fulfillment",
          orderFulfillmentRequested.create(
            { orderId, userId, items: physical, shippingAddress: event.data.shippingAddress },
            { id: `fulfillment-${orderId}` },
          ),
        );
      }

      await step.sendEvent(
        "update-analytics",
        analyticsTrack.create({
          userId,
          event: "order_processed",
          properties: { orderId, amount, currency, itemCount: items.length, physicalItems: physical.length },
          timestamp: new Date(event.ts).toISOString(),
        }),
      );

      return {
        orderId,
        status: "processing" as const,
        confirmationEmail: customer.email !== null,
        fulfillment: physical.length > 0 && event.data.shippingAddress !== undefined,
      };
    },
  });
}
