import { cartAbandoned, orderPlaced } from "@jobkit/events/standard";
import type { JobRun } from "@jobkit/testing";
import { cartReminder } from "../jobs/cart-reminder";
import { createStore } from "../store";
import { runDemoJob } from "./run-demo-job";
import { arrival, describeRun, type Scenario, type StepSummary } from "./timeline";

/** The cart scenario and its two runs. */
export interface CartScenario extends Scenario {
  /** The cart nobody bought: reminded 24 hours later. */
  readonly reminded: JobRun;
  /** The cart whose owner ordered three hours later: cancelled, no reminder. */
  readonly cancelled: JobRun;
}

const item = { productId: "prod_mug", name: "Mug", quantity: 2, price: 1250 };

const summary: StepSummary = (stepId, output) => {
  if (stepId === "plan") return "";
  if (stepId.startsWith("check-"))
    return (output as { send?: boolean }).send ? "cart still open" : "not needed";
  return undefined;
};

/**
 * Two abandoned carts: one is reminded 24 hours later, the other is cancelled by an order.
 *
 * @example
 * ```ts
 * import { cartScenario } from "./cart-scenario";
 *
 * const { reminded, cancelled } = await cartScenario();
 * console.log(reminded.sent[0]?.at, cancelled.status); // a day later, "cancelled"
 * ```
 */
export async function cartScenario(): Promise<CartScenario> {
  const startedAt = new Date("2026-03-02T18:00:00Z");
  const later = new Date(startedAt.getTime() + 30 * 60_000);
  const store = createStore();
  store.carts.set("cart_ada", { id: "cart_ada", userId: "usr_ada", status: "open" });
  store.carts.set("cart_grace", { id: "cart_grace", userId: "usr_grace", status: "open" });
  const job = cartReminder(store);
  const abandoned = (cartId: string, userId: string, email: string, at: Date) =>
    cartAbandoned.create(
      { cartId, userId, email, items: [item], total: 2500, currency: "EUR", abandonedAt: at.toISOString() },
      { ts: at.getTime() },
    );

  const adaCart = abandoned("cart_ada", "usr_ada", "ada@example.com", startedAt);
  const reminded = await runDemoJob(job, adaCart, startedAt);

  const graceCart = abandoned("cart_grace", "usr_grace", "grace@example.com", later);
  const order = orderPlaced.create({
    orderId: "ord_7",
    userId: "usr_grace",
    cartId: "cart_grace",
    amount: 2500,
    currency: "EUR",
    items: [item],
  });
  const cancelled = await runDemoJob(job, graceCart, later, { incoming: [{ after: "3h", event: order }] });

  const lines = [
    arrival(startedAt, adaCart),
    ...describeRun(reminded, { summary, result: () => "reminder sent" }).map((line) => ({
      ...line,
      source: `${line.source} (cart_ada)`,
    })),
    arrival(later, graceCart),
    arrival(new Date(later.getTime() + 3 * 3_600_000), order),
    ...describeRun(cancelled, { summary }).map((line) => ({
      ...line,
      source: `${line.source} (cart_grace)`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    title: "Cart abandonment: a reminder 24 h later, unless an order comes first",
    startedAt,
    reminded,
    cancelled,
    lines,
  };
}
