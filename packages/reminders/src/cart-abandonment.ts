import { cartAbandoned, cartUpdated, emailSend, orderPlaced } from "@jobkit/events/standard";
import { type Duration, inngestLimits, parseDuration, type ReceivedEventOf } from "@jobkit/functions";
import type { CheckOptionKeys, RejectUnknownOptions } from "@jobkit/functions/internal";
import { checkCallback } from "./check-callback";
import { buildReminderSequence, type ReminderSequenceDefinition } from "./define-reminder-sequence";
import { checkSequenceOptions, type ReminderReadyMadeOptions } from "./ready-made-options";
import type { ReminderContext, ReminderInfo } from "./reminder-handler";

/**
 * The `cart/abandoned` event a cart-abandonment run receives.
 *
 * @example A test fixture for the cart reminder
 * ```ts
 * import type { CartAbandonedEvent } from "@jobkit/reminders";
 *
 * export const abandoned: CartAbandonedEvent = {
 *   name: "cart/abandoned",
 *   id: "evt_1",
 *   ts: Date.parse("2025-01-31T18:00:00Z"),
 *   data: {
 *     cartId: "cart_77",
 *     userId: "usr_123",
 *     email: "ada@example.com",
 *     items: [{ productId: "prod_mug", name: "Mug", quantity: 2, price: 1250 }],
 *     total: 2500,
 *     currency: "EUR",
 *     abandonedAt: "2025-01-31T18:00:00Z",
 *   },
 * };
 * ```
 */
export type CartAbandonedEvent = ReceivedEventOf<typeof cartAbandoned>;

/**
 * The data of `cart/abandoned`: cart, owner, email, items, total, `abandonedAt`, optional `cartUrl`.
 *
 * @example Remind through your own mailer
 * ```ts
 * import { type AbandonedCart, cartAbandonment } from "@jobkit/reminders";
 *
 * declare const carts: { isOpen(cartId: string): Promise<boolean> };
 * declare const mailer: { cartReminder(to: string, itemCount: number, cartUrl?: string): Promise<void> };
 *
 * async function remind(cart: AbandonedCart) {
 *   await mailer.cartReminder(cart.email, cart.items.length, cart.cartUrl);
 * }
 * export const cartReminder = cartAbandonment({
 *   isStillAbandoned: (cart) => carts.isOpen(cart.cartId),
 *   remind,
 * });
 * ```
 */
export type AbandonedCart = CartAbandonedEvent["data"];

/**
 * The options of {@link cartAbandonment}.
 */
export interface CartAbandonmentOptions extends ReminderReadyMadeOptions<CartAbandonedEvent> {
  /** How long after `abandonedAt` to remind; default `"24h"`. */
  readonly delay?: Duration;
  /** Asked just before the reminder, in its own step: `false` (bought, emptied, expired) sends nothing. */
  readonly isStillAbandoned: (
    cart: AbandonedCart,
    ctx: ReminderContext<CartAbandonedEvent>,
  ) => boolean | Promise<boolean>;
  /** Sends the reminder yourself, in its own step; without it an `email/send` event is emitted. */
  readonly remind?: (cart: AbandonedCart, ctx: ReminderContext<CartAbandonedEvent>) => unknown;
  /** Subject of the emitted email; default `"You left something in your cart"`. */
  readonly subject?: string;
  /** Extra template variables of the emitted email, merged over the cart's. */
  readonly emailData?: (cart: AbandonedCart, reminder: ReminderInfo) => Record<string, unknown>;
  /** Also cancel on `cart/updated` for the same cart (the app sends a new `cart/abandoned`); default `true`. */
  readonly cancelOnCartUpdate?: boolean;
  /**
   * Which `order/placed` cancels the reminder: one with the same `cartId` (default), or any order by the
   * cart's owner (`"userId"`, for apps whose orders do not carry the cart id).
   */
  readonly orderMatch?: "cartId" | "userId";
}

const cartOptionNames = [
  "delay",
  "isStillAbandoned",
  "remind",
  "subject",
  "emailData",
  "cancelOnCartUpdate",
  "orderMatch",
] as const satisfies readonly (keyof CartAbandonmentOptions)[];

/** The id of the cart reminder; its steps are `wait-reminder`, `check-reminder` and `send-reminder`. */
const reminderId = "reminder";

/**
 * The seed's cart-abandonment reminder, ready-made: on `cart/abandoned`, wait `delay` (24 hours) after
 * `abandonedAt`, ask `isStillAbandoned`, then remind once (an `email/send` with template
 * `"cart-abandoned"` unless you pass `remind`). An `order/placed` by the same user cancels it — the
 * standard `order/placed` carries no cart id, so orders are matched by `userId` — and so does a
 * `cart/updated` of the same cart.
 *
 * @example Remind after a day, unless the cart was bought
 * ```ts
 * import { cartAbandonment } from "@jobkit/reminders";
 *
 * const carts = new Map<string, { status: "open" | "ordered" }>();
 *
 * export const cartReminder = cartAbandonment({
 *   isStillAbandoned: (cart) => carts.get(cart.cartId)?.status === "open",
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/reminders/README.md#cartabandonment
 */
export function cartAbandonment<const TOptions extends object = object>(
  options: CartAbandonmentOptions &
    TOptions &
    CheckOptionKeys<TOptions, CartAbandonedEvent> &
    RejectUnknownOptions<TOptions, keyof CartAbandonmentOptions>,
): ReminderSequenceDefinition<CartAbandonedEvent> {
  const { options: checked, id, fail } = checkSequenceOptions(options, "cart-abandonment", cartOptionNames);
  const {
    delay = "24h",
    isStillAbandoned,
    remind,
    subject = "You left something in your cart",
    emailData,
    cancelOnCartUpdate = true,
    orderMatch = "cartId",
    cancelOn = [],
    ...functionOptions
  } = checked as unknown as CartAbandonmentOptions;
  checkCallback(fail, isStillAbandoned, "isStillAbandoned", true, "(cart) => carts.isOpen(cart.cartId)");
  checkCallback(fail, remind, "remind", false, "(cart) => mailer.sendCartReminder(cart)");
  checkCallback(fail, emailData, "emailData", false, "(cart) => ({ firstName: names.get(cart.userId) })");
  parseDuration(delay, {
    functionId: id,
    path: "delay",
    minMs: 0,
    maxMs: functionOptions.limits?.maxSleepMs ?? inngestLimits.maxSleepMs,
  });
  if (typeof subject !== "string")
    fail("subject", subject, "a string", { example: '"Still thinking it over?"' });
  if (typeof cancelOnCartUpdate !== "boolean") {
    fail("cancelOnCartUpdate", cancelOnCartUpdate, "true or false", { example: "false" });
  }
  if (orderMatch !== "cartId" && orderMatch !== "userId") {
    fail(
      "orderMatch",
      orderMatch,
      '"cartId" (an order/placed with the same cartId cancels) or "userId" (any order by the owner)',
    );
  }
  if (!Array.isArray(cancelOn)) fail("cancelOn", cancelOn, "a list of cancellations", { example: "[]" });
  const ownCancel = [
    orderMatch === "cartId"
      ? { event: orderPlaced, match: "data.cartId" as const }
      : { event: orderPlaced, match: "data.userId" as const },
    ...(cancelOnCartUpdate ? [{ event: cartUpdated, match: "data.cartId" }] : []),
  ];
  return buildReminderSequence({
    ...functionOptions,
    id,
    on: cartAbandoned,
    cancelOn: [...ownCancel, ...cancelOn],
    schedule: [{ id: reminderId, after: delay, of: (event: CartAbandonedEvent) => event.data.abandonedAt }],
    stillRelevant: async (ctx: ReminderContext<CartAbandonedEvent>) =>
      (await isStillAbandoned(ctx.event.data, ctx))
        ? true
        : { relevant: false, reason: "not-abandoned", stop: true },
    ...(remind === undefined
      ? {
          sends: [emailSend],
          emit: ({ event, reminder }: { event: CartAbandonedEvent; reminder: ReminderInfo }) => {
            const cart = event.data;
            return emailSend.create({
              to: cart.email,
              template: "cart-abandoned",
              subject,
              data: {
                cartId: cart.cartId,
                items: cart.items,
                total: cart.total,
                currency: cart.currency,
                abandonedAt: cart.abandonedAt,
                ...(cart.cartUrl === undefined ? {} : { cartUrl: cart.cartUrl }),
                ...emailData?.(cart, reminder),
              },
              metadata: { userId: cart.userId, cartId: cart.cartId, reminderId: reminder.id },
            });
          },
        }
      : { send: (ctx: ReminderContext<CartAbandonedEvent>) => remind(ctx.event.data, ctx) }),
  }) as ReminderSequenceDefinition<CartAbandonedEvent>;
}
