import { defineCatalog, defineEvent } from "@jobkit/events";
import { defineEventFunction, defineStepFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { eventGraph } from "./event-graph";

const orderPlaced = defineEvent("order/placed", { schema: z.object({ orderId: z.string() }) });
const orderPaid = defineEvent("order/paid", { schema: z.object({ orderId: z.string() }) });
const auditLogged = defineEvent("audit/logged", { schema: z.object({ id: z.string() }) });
const catalog = defineCatalog([orderPlaced, orderPaid]);

const processOrder = defineStepFunction({
  id: "process-order",
  on: orderPlaced,
  sends: [orderPaid, auditLogged],
  steps: (chain) => chain.step("validate", () => 1).step("charge", () => 2),
});
const batchPaid = defineEventFunction({
  id: "batch-paid",
  on: orderPaid,
  batchEvents: { maxSize: 50, timeout: "10s" },
  handler: async () => {},
});

describe("eventGraph", () => {
  it("labels step functions with their step count and batch functions with their size", () => {
    const graph = eventGraph([processOrder, batchPaid]);
    expect(graph).toContain('f0["process-order<br/><small>2 steps</small>"]:::function');
    expect(graph).toContain('f1["batch-paid<br/><small>batches of ≤ 50</small>"]:::function');
  });

  it("marks events that are not in the catalog", () => {
    const graph = eventGraph([processOrder], { catalog });
    expect(graph).toMatch(/e\d\(\["audit\/logged"\]\):::unknown/);
    expect(graph).toMatch(/e\d\(\["order\/paid"\]\):::event/);
  });

  it("adds unconnected catalog events only with allEvents", () => {
    expect(eventGraph([batchPaid], { catalog })).not.toContain('"order/placed"');
    expect(eventGraph([batchPaid], { catalog, allEvents: true })).toContain('(["order/placed"]):::event');
  });

  it("escapes quotes and angle brackets in trigger conditions", () => {
    const filtered = defineEventFunction({
      id: "big-orders",
      on: orderPlaced,
      if: 'event.data.orderId != "x" && size(event.data.orderId) > 3',
      handler: async () => {},
    });
    expect(eventGraph([filtered])).toContain(
      '|"if event.data.orderId != #quot;x#quot; && size(event.data.orderId) #gt; 3"|',
    );
  });
});
