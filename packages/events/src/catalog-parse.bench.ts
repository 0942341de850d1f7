import { bench, describe } from "vitest";
import { orderPlaced, standardCatalog, userCreated } from "./standard/index";

// Goal: jobkit's validation costs at most ~10% more than calling zod directly.
const goal = 0.9;
const quick = process.env.JOBKIT_BENCH_QUICK === "1";
const options = quick ? { time: 200, warmupTime: 50 } : { time: 1000, warmupTime: 200 };

const user = { userId: "usr_123", email: "ada@example.com", name: "Ada Lovelace", source: "web" as const };
const order = {
  orderId: "ord_1001",
  userId: "usr_123",
  amount: 4997,
  currency: "GBP",
  items: [
    { productId: "prod_tee", variantId: "tee-m-black", name: "T-shirt", quantity: 2, price: 1999 },
    { productId: "prod_ebook", variantId: "DIGITAL", quantity: 1, price: 999 },
  ],
  shippingAddress: { line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" },
};

// Incoming events arrive as objects already; building them is not part of what is measured.
const userEvent = { name: "user/created", data: user };
const orderEvent = { name: "order/placed", data: order };

/** The part of a tinybench task this file reads (tinybench is vitest's, not a dependency of ours). */
interface BenchTask {
  readonly result?: { readonly hz: number };
  addEventListener(type: "complete", listener: () => void): void;
}

type Side = "before" | "jobkit" | "after";

/**
 * Prints `name: jobkit X ops/s, baseline Y ops/s, ratio Z (goal ≥ 0.9×)` once a comparison has run.
 *
 * The baseline runs before and after jobkit (A-B-A) and the two are averaged, so load from other
 * processes that drifts during the run shifts both sides alike instead of skewing the ratio.
 */
function comparison(name: string) {
  const hz: Partial<Record<Side, number>> = {};
  const report = () => {
    if (hz.before === undefined || hz.jobkit === undefined || hz.after === undefined) return;
    const baseline = (hz.before + hz.after) / 2;
    const ratio = hz.jobkit / baseline;
    console.log(
      `${name}: jobkit ${Math.round(hz.jobkit)} ops/s, baseline ${Math.round(baseline)} ops/s, ` +
        `ratio ${ratio.toFixed(3)} (goal ≥ ${goal}×)${ratio < goal ? " BELOW GOAL" : ""}`,
    );
  };
  // tinybench's `complete` event fires once the task's result is final.
  const measure = (side: Side) => ({
    ...options,
    setup: (task?: BenchTask, mode?: "run" | "warmup") => {
      if (mode !== "run" || !task) return;
      task.addEventListener("complete", () => {
        hz[side] = task.result?.hz;
        report();
      });
    },
  });
  return { before: measure("before"), jobkit: measure("jobkit"), after: measure("after") };
}

function compareWithZod(name: string, baseline: () => unknown, jobkit: () => unknown) {
  describe(name, () => {
    const compare = comparison(name);
    bench("zod safeParse (baseline, before)", () => void baseline(), compare.before);
    bench("jobkit", () => void jobkit(), compare.jobkit);
    bench("zod safeParse (baseline, after)", () => void baseline(), compare.after);
  });
}

compareWithZod(
  "catalog.parse user/created",
  () => userCreated.schema.safeParse(user),
  () => standardCatalog.parse(userEvent),
);
compareWithZod(
  "catalog.parse order/placed",
  () => orderPlaced.schema.safeParse(order),
  () => standardCatalog.parse(orderEvent),
);
compareWithZod(
  "definition.create order/placed",
  () => orderPlaced.schema.safeParse(order),
  () => orderPlaced.create(order),
);
