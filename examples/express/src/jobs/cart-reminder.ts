import { cartAbandonment } from "@jobkit/reminders";
import type { Store } from "../store";

/**
 * The cart-abandonment reminder from `@jobkit/reminders`: 24 hours after `cart/abandoned`
 * it checks the cart is still open and emails a reminder; an `order/placed` by the same user or a
 * `cart/updated` of the cart cancels it.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { cartReminder } from "./cart-reminder";
 *
 * const definition = cartReminder(createStore());
 * ```
 */
export function cartReminder(store: Store) {
  return cartAbandonment({
    delay: "24h",
    isStillAbandoned: (cart) => store.carts.get(cart.cartId)?.status === "open",
  });
}
