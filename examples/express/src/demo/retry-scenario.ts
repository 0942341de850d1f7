import { orderPlaced } from "@jobkit/events/standard";
import type { JobRun } from "@jobkit/testing";
import { processOrder } from "../jobs/process-order";
import { createStore } from "../store";
import { runDemoJob } from "./run-demo-job";
import { arrival, describeRun, type Scenario, type StepSummary } from "./timeline";

/** The retry scenario and its run. */
export interface RetryScenario extends Scenario {
  readonly run: JobRun;
}

const summary: StepSummary = (stepId, output) => {
  if (stepId === "validate-order") return "order pending, customer found";
  if (stepId === "reserve-inventory") return `${(output as { reserved: number }).reserved} line reserved`;
  if (stepId === "update-order-status") return "processing";
  return undefined;
};

/**
 * An order whose stock reservation fails three times (a flaky inventory service) and succeeds on the
 * fourth attempt, after exponential backoff of 1, 2 and 4 seconds; the steps before it do not re-run.
 *
 * @example
 * ```ts
 * import { retryScenario } from "./retry-scenario";
 *
 * const { run } = await retryScenario();
 * console.log(run.attempts); // 4
 * ```
 */
export async function retryScenario(): Promise<RetryScenario> {
  const startedAt = new Date("2026-03-02T14:00:00Z");
  const store = createStore();
  store.users.set("usr_grace", {
    id: "usr_grace",
    email: "grace@example.com",
    role: "customer",
    createdAt: startedAt,
  });
  store.orders.set("ord_42", {
    id: "ord_42",
    userId: "usr_grace",
    amount: 3998,
    currency: "USD",
    status: "pending",
    createdAt: startedAt,
  });
  store.stock.set("tee-m-black", { available: 10, reserved: 0 });
  store.failNextReservations(3, "inventory service timed out");
  const order = orderPlaced.create(
    {
      orderId: "ord_42",
      userId: "usr_grace",
      amount: 3998,
      currency: "USD",
      items: [{ productId: "prod_tee", variantId: "tee-m-black", name: "T-shirt", quantity: 2, price: 1999 }],
      shippingAddress: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
    },
    { id: "order-ord_42", ts: startedAt.getTime() },
  );
  const run = await runDemoJob(processOrder(store), order, startedAt);
  return {
    title: "Retries: a flaky step backs off exponentially, then succeeds",
    startedAt,
    run,
    lines: [
      arrival(startedAt, order, "ord_42 placed by usr_grace (2 × T-shirt)"),
      ...describeRun(run, { summary, result: () => "order ord_42 processing" }),
    ],
  };
}
