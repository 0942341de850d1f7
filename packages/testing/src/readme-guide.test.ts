// The two cases of the README's testing guide (the seed's cart-abandonment and trial-expiration reminders),
// kept here so the guide's claims are proven on every run. Keep the two in sync.
import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./vitest";
import { runJob } from "./run-job";
import type { StepMockCall } from "./run-job-options";

interface Cart {
  readonly status: "open" | "completed";
  readonly email: string;
  readonly items: number;
}
interface Subscription {
  readonly status: "trialing" | "active";
  readonly email: string;
}
// The real lookups hit a database; every test mocks the steps that call them.
const loadCart = async (_cartId: string): Promise<Cart> => {
  throw new Error("no database in tests");
};
const loadSubscription = async (_userId: string): Promise<Subscription> => {
  throw new Error("no database in tests");
};

const cartAbandoned = defineEvent("shop/cart.abandoned", {
  schema: z.object({ cartId: z.string(), userId: z.string() }),
});
const orderCompleted = defineEvent("shop/order.completed", {
  schema: z.object({ cartId: z.string(), orderId: z.string() }),
});

const cartAbandonment = defineEventFunction({
  id: "send-cart-abandonment-reminder",
  on: cartAbandoned,
  retries: 3,
  handler: async ({ event, step }) => {
    const order = await step.waitForEvent("wait-for-order", {
      event: orderCompleted,
      match: "data.cartId",
      timeout: "24h",
    });
    if (order) return { reminded: false, reason: "ordered" };
    const cart = await step.run("check-cart-status", () => loadCart(event.data.cartId));
    if (cart.status === "completed") return { reminded: false, reason: "completed" };
    await step.sendEvent("send-reminder-email", {
      name: "email/send",
      data: { to: cart.email, template: "cart_reminder", cartId: event.data.cartId, items: cart.items },
    });
    return { reminded: true };
  },
});

const trialStarted = defineEvent("billing/trial.started", {
  schema: z.object({ userId: z.string(), trialEndsAt: z.iso.datetime() }),
});
const subscriptionActivated = defineEvent("billing/subscription.activated", {
  schema: z.object({ userId: z.string() }),
});
const day = 24 * 60 * 60 * 1000;

const trialExpiration = defineEventFunction({
  id: "send-trial-expiration-reminder",
  on: trialStarted,
  cancelOn: [{ event: subscriptionActivated, match: "data.userId" }],
  handler: async ({ event, step }) => {
    const trialEnd = Date.parse(event.data.trialEndsAt);
    const reminded: number[] = [];
    for (const days of [7, 3, 1, 0]) {
      const remindAt = trialEnd - days * day;
      // `event.ts`, not `Date.now()`: the function re-runs later, and must take the same path each time.
      if (remindAt <= event.ts) continue;
      await step.sleepUntil(`wait-for-${days}-days`, new Date(remindAt));
      const subscription = await step.run(`check-subscription-${days}`, () =>
        loadSubscription(event.data.userId),
      );
      if (subscription.status === "active") continue;
      await step.sendEvent(`send-trial-reminder-${days}`, {
        name: "email/send",
        data: { to: subscription.email, template: "trial_reminder", daysLeft: days },
      });
      reminded.push(days);
    }
    return { reminded };
  },
});

describe("guide: cart abandonment", () => {
  const abandoned = cartAbandoned.create({ cartId: "c1", userId: "u1" });
  const openCart = { status: "open", email: "ada@example.com", items: 2 };

  it("sends the reminder when no order comes within 24 hours", async () => {
    const run = await runJob(cartAbandonment, {
      event: abandoned,
      now: "2026-11-17T10:00:00Z",
      steps: { "check-cart-status": openCart },
    });
    expect(run).toHaveCompleted();
    expect(run).toHaveSentEvent("email/send", { template: "cart_reminder", cartId: "c1" });
    expect(run.sent[0]?.at.toISOString()).toBe("2026-11-18T10:00:00.000Z");
  });

  it("stays silent when the order arrives first", async () => {
    const run = await runJob(cartAbandonment, {
      event: abandoned,
      now: "2026-11-17T10:00:00Z",
      incoming: [{ after: "3h", event: orderCompleted.create({ cartId: "c1", orderId: "o1" }) }],
    });
    expect(run.output).toEqual({ reminded: false, reason: "ordered" });
    expect(run.sent).toEqual([]);
    expect(run.elapsed).toBe(3 * 60 * 60 * 1000);
  });

  it("skips the email for a cart completed elsewhere", async () => {
    const run = await runJob(cartAbandonment, {
      event: abandoned,
      steps: { "check-cart-status": { ...openCart, status: "completed" } },
    });
    expect(run.output).toEqual({ reminded: false, reason: "completed" });
  });

  it("retries a flaky cart lookup after Inngest's backoff", async () => {
    const run = await runJob(cartAbandonment, {
      event: abandoned,
      steps: {
        "check-cart-status": ({ attempt }: StepMockCall) => {
          if (attempt === 0) throw new Error("database timeout");
          return openCart;
        },
      },
    });
    expect(run).toHaveCompleted();
    expect(run.attempts).toBe(2);
    expect(run.timeline).toContainEqual(
      expect.objectContaining({ type: "retry", id: "check-cart-status", delay: 15_000 }),
    );
  });
});

describe("guide: trial expiration", () => {
  const started = trialStarted.create({ userId: "u1", trialEndsAt: "2026-12-01T00:00:00Z" });
  const trialing = { status: "trialing", email: "ada@example.com" };
  const checks = (status: (days: number) => Subscription, days: readonly number[] = [7, 3, 1, 0]) =>
    Object.fromEntries(days.map((d) => [`check-subscription-${d}`, () => status(d)]));

  it("reminds 7, 3 and 1 days before the trial ends, and when it ends", async () => {
    const run = await runJob(trialExpiration, {
      event: started,
      now: "2026-11-17T00:00:00Z",
      steps: checks(() => trialing as Subscription),
    });
    expect(run.output).toEqual({ reminded: [7, 3, 1, 0] });
    expect(run.sent.map((event) => event.at.toISOString().slice(0, 10))).toEqual([
      "2026-11-24",
      "2026-11-28",
      "2026-11-30",
      "2026-12-01",
    ]);
    expect(run).toHaveSlept("7d", "wait-for-7-days");
    expect(run).toHaveSlept("4d", "wait-for-3-days");
    expect(run.elapsed).toBe(14 * day);
  });

  it("stops when the user subscribes", async () => {
    const run = await runJob(trialExpiration, {
      event: started,
      now: "2026-11-17T00:00:00Z",
      steps: checks(() => trialing as Subscription, [7]),
      incoming: [{ after: "9d", event: subscriptionActivated.create({ userId: "u1" }) }],
    });
    expect(run.status).toBe("cancelled");
    expect(run.sent).toHaveLength(1);
  });

  it("skips a reminder when the subscription is already active at that point", async () => {
    const run = await runJob(trialExpiration, {
      event: started,
      now: "2026-11-17T00:00:00Z",
      steps: checks((days) => ({ status: days <= 1 ? "active" : "trialing", email: "ada@example.com" })),
    });
    expect(run.output).toEqual({ reminded: [7, 3] });
  });

  it("only schedules the reminders still ahead for a short trial", async () => {
    const run = await runJob(trialExpiration, {
      event: started,
      now: "2026-11-29T12:00:00Z",
      steps: checks(() => trialing as Subscription, [1, 0]),
    });
    expect(run.output).toEqual({ reminded: [1, 0] });
  });
});
