import { defineEvent } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCronFunction, defineEventFunction, defineStepFunction, manifest } from "./index";

const orderPlaced = defineEvent("order/placed", { schema: z.object({ orderId: z.string() }) });
const orderShipped = defineEvent("order/shipped", { schema: z.object({ orderId: z.string() }) });
const orderCancelled = defineEvent("order/cancelled", { schema: z.object({ orderId: z.string() }) });

const report = defineCronFunction({
  id: "daily-report",
  name: "Daily report",
  cron: "0 9 * * *",
  timezone: "America/New_York",
  tags: ["reports"],
  handler: () => undefined,
});
const ship = defineStepFunction({
  id: "ship-order",
  on: orderPlaced,
  retries: { attempts: 5, backoff: "exponential", maxTimeout: "10m" },
  throttle: { limit: 10, period: "1m" },
  cancelOn: [{ event: orderCancelled, match: "data.orderId" }],
  sends: [orderShipped],
  steps: (chain) => chain.step("pack", () => 1).step("ship", () => 2),
});

describe("manifest", () => {
  const now = new Date("2026-03-07T00:00:00Z");

  it("describes a cron trigger with its timezone and next run", () => {
    const [fn] = manifest([report], { now }).functions;
    expect(fn?.triggers).toEqual([
      {
        type: "cron",
        expression: "0 9 * * *",
        timezone: "America/New_York",
        schedule: "TZ=America/New_York 0 9 * * *",
        nextRun: "2026-03-07T14:00:00.000Z",
      },
    ]);
    expect(fn?.name).toBe("Daily report");
    expect(fn?.tags).toEqual(["reports"]);
  });

  it("describes event triggers, retries, flow control, steps and sent events", () => {
    const [fn] = manifest([ship], { now, prefix: "shop" }).functions;
    expect(fn?.id).toBe("shop-ship-order");
    expect(fn?.triggers).toEqual([{ type: "event", event: "order/placed" }]);
    expect(fn?.retries).toEqual({
      attempts: 5,
      backoff: "exponential",
      minTimeout: "1s",
      maxTimeout: "10m",
      customRetry: false,
    });
    expect(fn?.flowControl).toEqual({
      throttle: { limit: 10, period: "1m" },
      cancelOn: [{ event: "order/cancelled", if: "event.data.orderId == async.data.orderId" }],
    });
    expect(fn?.steps).toEqual(["pack", "ship"]);
    expect(fn?.sends).toEqual(["order/shipped"]);
  });

  it("reports Inngest's default schedule when no backoff is set", () => {
    const plain = defineEventFunction({ id: "plain", on: orderPlaced, handler: () => undefined });
    expect(manifest([plain]).functions[0]?.retries).toEqual({
      attempts: 3,
      backoff: "inngest",
      customRetry: false,
    });
  });

  it("survives a JSON round trip unchanged", () => {
    const described = manifest([report, ship], { now });
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
});
