import { defineCatalog, defineEvent } from "@jobkit/events";
import { defineEventFunction, register } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { Inngest } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineFailureTracker, type TrackedFailure } from "./index";

const orderPlaced = defineEvent("shop/order.placed", { schema: z.object({ orderId: z.string() }) });

/** The system event as Inngest sends it after a run's last retry (inngest-js `FailureEventPayload`). */
const failedEvent = (functionId = "shop-charge-card") => ({
  name: "inngest/function.failed" as const,
  data: {
    function_id: functionId,
    run_id: "01HWAVEB858VPPX47Z65GR6P6R",
    error: { name: "Error", message: "card declined", stack: "Error: card declined\n    at charge" },
    event: { name: "shop/order.placed", data: { orderId: "o_1" }, id: "01HWAVEB858VPPX47Z65GR6P6S", ts: 1 },
  },
});

describe("defineFailureTracker", () => {
  it("forwards the failure camelCased, in a step of its own", async () => {
    const forward = vi.fn<(failure: TrackedFailure) => void>();
    const tracker = defineFailureTracker({ forward });
    const run = await runJob(tracker, { event: failedEvent() });
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({
      forwarded: true,
      functionId: "shop-charge-card",
      runId: "01HWAVEB858VPPX47Z65GR6P6R",
    });
    expect(forward).toHaveBeenCalledWith({
      functionId: "shop-charge-card",
      runId: "01HWAVEB858VPPX47Z65GR6P6R",
      error: { name: "Error", message: "card declined", stack: "Error: card declined\n    at charge" },
      event: { name: "shop/order.placed", data: { orderId: "o_1" }, id: "01HWAVEB858VPPX47Z65GR6P6S", ts: 1 },
    });
    expect(run.timeline.map((entry) => entry.id)).toContain("forward");
  });

  it("forwards only what filter keeps", async () => {
    const forward = vi.fn();
    const tracker = defineFailureTracker({
      forward,
      filter: (failure) => failure.functionId.startsWith("billing-"),
    });
    const run = await runJob(tracker, { event: failedEvent() });
    expect(run.output).toMatchObject({ forwarded: false });
    expect(forward).not.toHaveBeenCalled();
  });

  it("does not forward its own failures by default, so a broken forward cannot feed itself", async () => {
    const forward = vi.fn();
    const tracker = defineFailureTracker({ id: "alerts", forward });
    await runJob(tracker, { event: failedEvent("shop-alerts") });
    expect(forward).not.toHaveBeenCalled();
  });

  it("retries a forward that throws, as its own step", async () => {
    const forward = vi.fn().mockRejectedValueOnce(new Error("sentry down")).mockResolvedValue(undefined);
    const run = await runJob(defineFailureTracker({ forward, retries: 2 }), {
      event: failedEvent(),
    });
    expect(run.status).toBe("completed");
    expect(forward).toHaveBeenCalledTimes(2);
  });

  it("registers on inngest/function.failed, even with a catalog that lists no system events", () => {
    const tracker = defineFailureTracker({ forward: () => undefined });
    const [fn] = register(new Inngest({ id: "shop" }), [tracker], { catalog: defineCatalog([orderPlaced]) });
    expect(fn?.id("shop")).toBe("shop-failure-tracker");
    expect(tracker.triggers).toMatchObject([{ type: "event", event: "inngest/function.failed" }]);
  });

  it("tracks a failure runJob produced from a real failing job", async () => {
    const charge = defineEventFunction({
      id: "charge-card",
      on: orderPlaced,
      retries: 0,
      handler: async () => {
        throw new Error("card declined");
      },
    });
    const failed = await runJob(charge, { event: orderPlaced.create({ orderId: "o_1" }), retries: false });
    expect(failed.status).toBe("failed");
    // runJob records the inngest/function.failed event Inngest would send for the failed run.
    expect(failed.failedEvent?.name).toBe("inngest/function.failed");
    const forwarded: TrackedFailure[] = [];
    const tracked = await runJob(defineFailureTracker({ forward: (failure) => forwarded.push(failure) }), {
      event: failed.failedEvent,
    });
    expect(tracked.output).toMatchObject({ forwarded: true, runId: failed.runId });
    expect(forwarded[0]).toMatchObject({
      functionId: expect.stringMatching(/charge-card$/),
      error: { message: "card declined" },
      event: { name: "shop/order.placed", data: { orderId: "o_1" } },
    });
  });

  it("refuses a missing forward and unknown options with the option named", () => {
    expect(() => defineFailureTracker({} as never)).toThrow(/forward/);
    expect(() => defineFailureTracker({ forward: () => undefined, fowrard: 1 } as never)).toThrow(/fowrard/);
  });
});
