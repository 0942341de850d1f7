import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { WaitForEventEntry } from "./job-run";
import { resolveWaitForEvent } from "./resolve-wait-for-event";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";

const cartAbandoned = defineEvent("shop/cart.abandoned", {
  schema: z.object({ cartId: z.string(), userId: z.string() }),
});
const orderCompleted = defineEvent("shop/order.completed", {
  schema: z.object({ cartId: z.string(), total: z.number() }),
});
const abandoned = cartAbandoned.create({ cartId: "c1", userId: "u1" });
const start = "2026-11-17T00:00:00.000Z";

const waitForOrder = defineEventFunction({
  id: "wait-for-order",
  on: cartAbandoned,
  handler: async ({ step }) => {
    const order = await step.waitForEvent("wait-for-order", {
      event: orderCompleted,
      match: "data.cartId",
      timeout: "2d",
    });
    return order ? { bought: order.data.total, at: new Date().toISOString() } : { bought: null };
  },
});

const waitEntry = (timeline: readonly { type: string }[]) =>
  timeline.find((entry): entry is WaitForEventEntry => entry.type === "waitForEvent");

describe("step.waitForEvent", () => {
  it("resolves with the first matching incoming event, when it arrives", async () => {
    const run = await runJob(waitForOrder, {
      event: abandoned,
      now: start,
      incoming: [
        { after: "5h", event: orderCompleted.create({ cartId: "c1", total: 40 }) },
        { after: "9h", event: orderCompleted.create({ cartId: "c1", total: 99 }) },
      ],
    });
    expect(run.output).toEqual({ bought: 40, at: "2026-11-17T05:00:00.000Z" });
    expect(waitEntry(run.timeline)).toMatchObject({
      event: "shop/order.completed",
      timeout: 172_800_000,
      resolvedAt: new Date("2026-11-17T05:00:00.000Z"),
      received: {
        name: "shop/order.completed",
        data: { cartId: "c1", total: 40 },
        ts: Date.parse(start) + 5 * 3_600_000,
      },
    });
  });

  it("skips events with another name, events that do not match, and events after the timeout", async () => {
    const run = await runJob(waitForOrder, {
      event: abandoned,
      now: start,
      incoming: [
        { after: "1h", event: { name: "shop/cart.updated", data: { cartId: "c1" } } },
        { after: "2h", event: orderCompleted.create({ cartId: "other-cart", total: 10 }) },
        { after: "3d", event: orderCompleted.create({ cartId: "c1", total: 10 }) },
      ],
    });
    expect(run.output).toEqual({ bought: null });
    expect(run.endedAt.toISOString()).toBe("2026-11-19T00:00:00.000Z");
    expect(waitEntry(run.timeline)?.received).toBeNull();
  });

  it("ignores events that arrived before the wait began", async () => {
    const late = defineEventFunction({
      id: "late-wait",
      on: cartAbandoned,
      handler: async ({ step }) => {
        await step.sleep("cool-down", "1d");
        return step.waitForEvent("wait", { event: orderCompleted, timeout: "1d" });
      },
    });
    const run = await runJob(late, {
      event: abandoned,
      now: start,
      incoming: [{ after: "2h", event: orderCompleted.create({ cartId: "c1", total: 1 }) }],
    });
    expect(run.output).toBeNull();
  });

  it("waits until a timeout given as a date", async () => {
    const untilFriday = defineEventFunction({
      id: "until-friday",
      on: cartAbandoned,
      handler: async ({ step }) =>
        step.waitForEvent("wait", { event: orderCompleted, timeout: new Date("2026-11-20T17:00:00Z") }),
    });
    const run = await runJob(untilFriday, { event: abandoned, now: start });
    expect(run.endedAt.toISOString()).toBe("2026-11-20T17:00:00.000Z");
  });

  it("evaluates an if expression against the triggering event and the incoming one", async () => {
    const bigOrder = defineEventFunction({
      id: "big-order",
      on: cartAbandoned,
      handler: async ({ step }) =>
        step.waitForEvent("wait-for-big-order", {
          event: orderCompleted,
          if: "async.data.cartId == event.data.cartId && async.data.total >= 100",
          timeout: "1d",
        }),
    });
    const run = await runJob(bigOrder, {
      event: abandoned,
      now: start,
      incoming: [
        { after: "1h", event: orderCompleted.create({ cartId: "c1", total: 50 }) },
        { after: "2h", event: orderCompleted.create({ cartId: "c1", total: 150 }) },
      ],
    });
    expect(run.output).toMatchObject({ data: { total: 150 } });
  });

  it("refuses an expression it cannot evaluate, with the supported grammar and the way out", async () => {
    const fancy = defineEventFunction({
      id: "fancy",
      on: cartAbandoned,
      handler: async ({ step }) =>
        step.waitForEvent("wait-fancy", {
          event: orderCompleted,
          if: "size(async.data.cartId) > 0",
          timeout: "1d",
        }),
    });
    const attempt = runJob(fancy, { event: abandoned });
    await expect(attempt).rejects.toBeInstanceOf(RunJobError);
    await expect(attempt).rejects.toThrow(
      /Step "wait-fancy" of function "fancy" waits with an expression runJob cannot evaluate\n[\s\S]*function calls are not supported[\s\S]*or mock the step by id/,
    );
  });
});

describe("resolveWaitForEvent", () => {
  const trigger = { name: "a/start", data: { id: 1 }, id: "e0", ts: 0 };
  const event = (at: number, name: string, id: number) => ({
    at,
    payload: { name, data: { id }, id: `e${at}`, ts: at },
  });

  it("accepts an event arriving exactly at the start or at the timeout", () => {
    const incoming = [event(100, "a/done", 1)];
    const request = { event: "a/done", timeout: 50, expression: undefined, trigger };
    expect(resolveWaitForEvent({ ...request, from: 100 }, incoming).at).toBe(100);
    expect(resolveWaitForEvent({ ...request, from: 50 }, incoming).at).toBe(100);
    expect(resolveWaitForEvent({ ...request, from: 49 }, incoming)).toEqual({ at: 99, event: null });
  });
});
