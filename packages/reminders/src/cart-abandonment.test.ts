import { cartAbandoned, cartUpdated, orderPlaced } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { cartAbandonment } from "./cart-abandonment";

const start = "2026-02-02T18:00:00.000Z";
const hour = 3_600_000;
const items = [{ productId: "prod_mug", name: "Mug", quantity: 2, price: 1250 }];
const cart = cartAbandoned.create({
  cartId: "cart_1",
  userId: "usr_1",
  email: "ada@example.com",
  items,
  total: 2500,
  currency: "EUR",
  abandonedAt: start,
  cartUrl: "https://shop.example.com/cart/cart_1",
});
const order = (userId: string, cartId?: string) =>
  orderPlaced.create({
    orderId: "ord_1",
    userId,
    amount: 2500,
    currency: "EUR",
    items,
    ...(cartId ? { cartId } : {}),
  });
const update = (cartId: string) =>
  cartUpdated.create({ cartId, userId: "usr_1", items, total: 2500, currency: "EUR", updatedAt: start });

describe("cartAbandonment", () => {
  it("sends one cart-abandoned email exactly 24 hours after the cart was abandoned", async () => {
    const run = await runJob(cartAbandonment({ isStillAbandoned: () => true }), { event: cart, now: start });

    expect(run.status).toBe("completed");
    expect(run.sent).toHaveLength(1);
    const [email] = run.sent;
    expect(email?.at.toISOString()).toBe("2026-02-03T18:00:00.000Z");
    expect(email?.name).toBe("email/send");
    expect(email?.data).toMatchObject({
      to: "ada@example.com",
      template: "cart-abandoned",
      subject: "You left something in your cart",
      data: { cartId: "cart_1", total: 2500, cartUrl: "https://shop.example.com/cart/cart_1" },
      metadata: { userId: "usr_1", cartId: "cart_1", reminderId: "reminder" },
    });
    expect(run.elapsed).toBe(24 * hour);
  });

  it("counts the delay from abandonedAt, not from when the event arrived", async () => {
    const event = cartAbandoned.create({ ...cart.data, abandonedAt: "2026-02-02T17:30:00.000Z" });
    const run = await runJob(cartAbandonment({ isStillAbandoned: () => true, delay: "2h" }), {
      event,
      now: start,
    });

    expect(run.sent[0]?.at.toISOString()).toBe("2026-02-02T19:30:00.000Z");
  });

  it("sends nothing when the cart was completed in the meantime", async () => {
    const asked: string[] = [];
    const run = await runJob(
      cartAbandonment({
        isStillAbandoned: (abandoned) => {
          asked.push(`${abandoned.cartId} ${new Date().toISOString()}`);
          return false;
        },
      }),
      { event: cart, now: start },
    );

    expect(run.status).toBe("completed");
    expect(run.sent).toEqual([]);
    expect(asked).toEqual(["cart_1 2026-02-03T18:00:00.000Z"]);
    expect(run.output?.reminders[0]).toMatchObject({ status: "skipped", reason: "not-abandoned" });
  });

  it("is cancelled by an order/placed for the same cart at 23 hours, before any reminder", async () => {
    const run = await runJob(cartAbandonment({ isStillAbandoned: () => true }), {
      event: cart,
      now: start,
      incoming: [{ after: "23h", event: order("usr_1", "cart_1") }],
    });

    expect(run.status).toBe("cancelled");
    expect(run.sent).toEqual([]);
    expect(run.elapsed).toBe(23 * hour);
  });

  it("is not cancelled by an order for another cart, or one without a cart, of the same user", async () => {
    const run = await runJob(cartAbandonment({ isStillAbandoned: () => true }), {
      event: cart,
      now: start,
      incoming: [
        { after: "20h", event: order("usr_1", "cart_2") },
        { after: "23h", event: order("usr_1") },
      ],
    });

    expect(run.status).toBe("completed");
    expect(run.sent).toHaveLength(1);
  });

  it("with orderMatch \"userId\", is cancelled by any order of the cart's owner but not another user's", async () => {
    const definition = cartAbandonment({ isStillAbandoned: () => true, orderMatch: "userId" });
    const own = await runJob(definition, {
      event: cart,
      now: start,
      incoming: [{ after: "23h", event: order("usr_1") }],
    });
    const other = await runJob(definition, {
      event: cart,
      now: start,
      incoming: [{ after: "23h", event: order("usr_2") }],
    });

    expect(own.status).toBe("cancelled");
    expect(other.status).toBe("completed");
    expect(other.sent).toHaveLength(1);
  });

  it("is cancelled by a cart/updated of the same cart unless told otherwise", async () => {
    const incoming = [{ after: "2h", event: update("cart_1") }];
    const cancelled = await runJob(cartAbandonment({ isStillAbandoned: () => true }), {
      event: cart,
      now: start,
      incoming,
    });
    const kept = await runJob(cartAbandonment({ isStillAbandoned: () => true, cancelOnCartUpdate: false }), {
      event: cart,
      now: start,
      incoming,
    });

    expect(cancelled.status).toBe("cancelled");
    expect(kept.sent).toHaveLength(1);
  });

  it("calls remind instead of emitting email/send, and declares no sent events then", async () => {
    const reminded: string[] = [];
    const definition = cartAbandonment({
      isStillAbandoned: () => true,
      remind: (abandoned, { reminder }) => {
        reminded.push(`${abandoned.cartId} ${reminder.at.toISOString()}`);
      },
    });
    const run = await runJob(definition, { event: cart, now: start });

    expect(reminded).toEqual(["cart_1 2026-02-03T18:00:00.000Z"]);
    expect(run.sent).toEqual([]);
    expect(definition.sends).toEqual([]);
    expect(cartAbandonment({ isStillAbandoned: () => true }).sends.map((event) => event.name)).toEqual([
      "email/send",
    ]);
  });

  it("merges emailData and a custom subject into the email", async () => {
    const run = await runJob(
      cartAbandonment({
        isStillAbandoned: () => true,
        subject: "Your mug is waiting",
        emailData: () => ({ discountCode: "COMEBACK10" }),
      }),
      { event: cart, now: start },
    );

    expect(run.sent[0]?.data).toMatchObject({
      subject: "Your mug is waiting",
      data: { discountCode: "COMEBACK10" },
    });
  });

  it("cancels on order/placed and cart/updated by cartId, then the host's own entries", () => {
    const definition = cartAbandonment({
      isStillAbandoned: () => true,
      cancelOn: [{ event: "cart/emptied" }],
    });
    expect(definition.config.cancelOn.map((entry) => `${entry.event} ${entry.if ?? ""}`)).toEqual([
      "order/placed event.data.cartId == async.data.cartId",
      "cart/updated event.data.cartId == async.data.cartId",
      "cart/emptied ",
    ]);
    expect(definition.id).toBe("cart-abandonment");
    expect(definition.triggers[0]).toMatchObject({ event: "cart/abandoned" });
  });

  it("checks its options at definition time", () => {
    expect(() => cartAbandonment({} as never)).toThrow(JobError);
    expect(() => cartAbandonment({} as never)).toThrow(/isStillAbandoned/);
    expect(() => cartAbandonment({ isStillAbandoned: () => true, delay: "400d" })).toThrow(/"delay"/);
    expect(() => cartAbandonment({ isStillAbandoned: () => true, id: "Cart Reminder" })).toThrow(
      /function id/,
    );
    expect(() => cartAbandonment({ isStillAbandoned: () => true, orderMatch: "email" as never })).toThrow(
      /option "orderMatch" for function "cart-abandonment": "email"/,
    );
  });
});
