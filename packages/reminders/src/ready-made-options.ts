import type { Duration, InngestLimits } from "@jobkit/functions";
import type { CommonFunctionOptions } from "@jobkit/functions/internal";
import type { TimezoneOption } from "./plan-reminders";

/**
 * Options every ready-made sequence accepts besides its own: the function options of
 * `defineEventFunction` (retries, concurrency, `onFailure`, extra `cancelOn` entries, …), an `id` to
 * mount it more than once, and the sequence's `timezone`, `grace` and `limits`.
 *
 * @example Settings shared by every ready-made sequence of an app
 * ```ts
 * import { type ReadyMadeOptions, cartAbandonment, trialExpiration } from "@jobkit/reminders";
 *
 * declare const carts: { isOpen(cartId: string): Promise<boolean> };
 * declare const billing: { isSubscribed(userId: string): Promise<boolean> };
 * const shared: ReadyMadeOptions<unknown> = { timezone: "America/New_York", grace: "2h", retries: 5 };
 *
 * export const cartReminder = cartAbandonment({
 *   ...shared,
 *   isStillAbandoned: (cart) => carts.isOpen(cart.cartId),
 * });
 * export const trialReminders = trialExpiration({
 *   ...shared,
 *   isSubscribed: (trial) => billing.isSubscribed(trial.userId),
 * });
 * ```
 */
export interface ReadyMadeOptions<TEvent> extends Omit<CommonFunctionOptions<TEvent>, "id" | "sends"> {
  /** The function id; each ready-made has a default. */
  readonly id?: string;
  /** A CEL filter over `event`; sequences start only for events that match. */
  readonly if?: string;
  /** The IANA time zone calendar days are counted in; default `"UTC"`. */
  readonly timezone?: TimezoneOption<TEvent>;
  /** How late a reminder may still be sent; default `"1h"`. */
  readonly grace?: Duration;
  /** Limit overrides for a self-hosted Inngest. */
  readonly limits?: Partial<InngestLimits>;
}
