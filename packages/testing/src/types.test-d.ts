import { defineEvent } from "@jobkit/events";
import { defineCronFunction, defineEventFunction } from "@jobkit/functions";
import { Inngest } from "inngest";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import "./vitest";
import type { JobRun, RunStatus, TimelineEntry } from "./job-run";
import { runJob } from "./run-job";
import type { RunJobErrorCode } from "./run-job-error";

const orderPlaced = defineEvent("shop/order.placed", {
  schema: z.object({ orderId: z.string(), total: z.number() }),
});
const orderCancelled = defineEvent("shop/order.cancelled", { schema: z.object({ orderId: z.string() }) });

const summarise = defineEventFunction({
  id: "summarise",
  on: orderPlaced,
  handler: async ({ event }) => ({ orderId: event.data.orderId, at: new Date() }),
});
const either = defineEventFunction({
  id: "either",
  on: [orderPlaced, orderCancelled],
  handler: async () => 1,
});

describe("runJob types", () => {
  it("types the output of a definition as JSON", async () => {
    const run = await runJob(summarise, { event: orderPlaced.create({ orderId: "o1", total: 1 }) });
    expectTypeOf(run).toEqualTypeOf<JobRun<{ orderId: string; at: string }>>();
    expectTypeOf(run.output).toEqualTypeOf<{ orderId: string; at: string } | undefined>();
    expectTypeOf(run.status).toEqualTypeOf<RunStatus>();
  });

  it("types the event from the definition's triggers", () => {
    runJob(summarise, { event: { name: "shop/order.placed", data: { orderId: "o1", total: 1 } } });
    runJob(either, { event: { name: "shop/order.cancelled", data: { orderId: "o1" } } });
    // @ts-expect-error the event does not trigger this definition
    runJob(summarise, { event: { name: "shop/order.cancelled", data: { orderId: "o1" } } });
    // @ts-expect-error total must be a number
    runJob(summarise, { event: { name: "shop/order.placed", data: { orderId: "o1", total: "1" } } });
    runJob(summarise, { events: [orderPlaced.create({ orderId: "o1", total: 1 })] });
  });

  it("needs no event for a cron definition", async () => {
    const nightly = defineCronFunction({
      id: "nightly",
      cron: "0 3 * * *",
      handler: async () => "ok" as const,
    });
    const run = await runJob(nightly);
    expectTypeOf(run.output).toEqualTypeOf<"ok" | undefined>();
  });

  it("types the output of a raw Inngest function", async () => {
    const inngest = new Inngest({ id: "shop" });
    const raw = inngest.createFunction({ id: "raw", triggers: [{ event: "shop/ping" }] }, async () => ({
      pong: 1,
    }));
    const run = await runJob(raw, { event: { name: "shop/ping", data: {} } });
    expectTypeOf(run.output).toEqualTypeOf<{ pong: number } | undefined>();
  });

  it("checks the options", () => {
    runJob(summarise, { retries: false, unusedMocks: "warn", limits: { maxStepsPerRun: 10 } });
    // @ts-expect-error unusedMocks is "error", "warn" or "ignore"
    runJob(summarise, { unusedMocks: "maybe" });
    // @ts-expect-error retries is a boolean or a number
    runJob(summarise, { retries: "3" });
    // @ts-expect-error limits use the names of inngestLimits
    runJob(summarise, { limits: { maxSteps: 10 } });
  });

  it("types failSends: a send attempt in, an Error or undefined out", () => {
    runJob(summarise, {
      failSends: (send) => {
        expectTypeOf(send.stepId).toBeString();
        expectTypeOf(send.attempt).toBeNumber();
        expectTypeOf(send.events).toEqualTypeOf<readonly import("./job-run").RunEvent[]>();
        return send.attempt === 0 ? new Error("503") : undefined;
      },
    });
    // @ts-expect-error return an Error, not a message
    runJob(summarise, { failSends: () => "503" });
    // @ts-expect-error return an Error, not a flag
    runJob(summarise, { failSends: () => true });
  });

  it("narrows timeline entries by type", () => {
    const entry = {} as TimelineEntry;
    if (entry.type === "sleep") expectTypeOf(entry.duration).toBeNumber();
    if (entry.type === "retry") expectTypeOf(entry.error).toEqualTypeOf<Error>();
    if (entry.type === "waitForEvent")
      expectTypeOf(entry.received).toEqualTypeOf<import("./job-run").RunEvent | null>();
  });

  it("lists the error codes", () => {
    expectTypeOf<"unused-mock">().toExtend<RunJobErrorCode>();
    expectTypeOf<"no-such-code">().not.toExtend<RunJobErrorCode>();
  });
});

describe("matcher types", () => {
  it("adds the matchers to expect", () => {
    const run = {} as JobRun;
    expect(run).toHaveSentEvent("email/send", { to: "a@example.com" });
    expect(run).toHaveCompleted();
    expect(run).toHaveSlept("3d", "wait");
    expect(run).not.toHaveSlept(1000);
    // @ts-expect-error the duration is a string or milliseconds
    expect(run).toHaveSlept(true);
    // @ts-expect-error the event name is a string
    expect(run).toHaveSentEvent(42);
  });
});
