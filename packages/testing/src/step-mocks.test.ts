import { defineEvent } from "@jobkit/events";
import { defineEventFunction, defineStepFunction } from "@jobkit/functions";
import { Inngest } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { RetryEntry, StepEntry } from "./job-run";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";
import type { StepMockCall } from "./run-job-options";

const orderPlaced = defineEvent("shop/order.placed", { schema: z.object({ orderId: z.string() }) });
const placed = orderPlaced.create({ orderId: "o1" });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("step mocks", () => {
  it("replace a step's result; the real code does not run", async () => {
    const real = vi.fn(() => ({ status: "canceled" }));
    const job = defineEventFunction({
      id: "check",
      on: orderPlaced,
      handler: async ({ step }) => step.run("check-subscription", real),
    });
    const run = await runJob(job, { event: placed, steps: { "check-subscription": { status: "trialing" } } });
    expect(run.output).toEqual({ status: "trialing" });
    expect(real).not.toHaveBeenCalled();
    expect(run.timeline[0]).toMatchObject({ type: "step", id: "check-subscription", mocked: true });
  });

  it("call a function mock with the attempt, the step input and the event", async () => {
    const calls: StepMockCall[] = [];
    const job = defineEventFunction({
      id: "charge",
      on: orderPlaced,
      handler: async ({ step }) => step.run("charge", (amount: number) => amount, 42),
    });
    const run = await runJob(job, {
      event: placed,
      steps: {
        charge: (call: StepMockCall) => {
          calls.push(call);
          if (call.attempt === 0) throw new Error("gateway timeout");
          return "charged";
        },
      },
    });
    expect(run.output).toBe("charged");
    expect(calls.map(({ id, attempt, input }) => ({ id, attempt, input }))).toEqual([
      { id: "charge", attempt: 0, input: [42] },
      { id: "charge", attempt: 1, input: [42] },
    ]);
    expect(calls[0]?.event).toMatchObject({ name: "shop/order.placed", data: { orderId: "o1" } });
  });

  it("throw an Error mock from the step, with the definition's backoff between attempts", async () => {
    const job = defineEventFunction({
      id: "pay",
      on: orderPlaced,
      retries: { attempts: 2, backoff: "linear", minTimeout: "10s" },
      handler: async ({ step }) => step.run("pay", () => "paid"),
    });
    const run = await runJob(job, { event: placed, steps: { pay: new Error("card declined") } });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("card declined");
    expect(
      run.timeline.filter((entry): entry is RetryEntry => entry.type === "retry").map((entry) => entry.delay),
    ).toEqual([10_000, 20_000]);
    expect((run.timeline.at(-1) as StepEntry).error?.message).toBe("card declined");
  });

  it("mock steps of step definitions by their id", async () => {
    const job = defineStepFunction({
      id: "fulfil",
      on: orderPlaced,
      steps: (chain) =>
        chain
          .step("reserve", () => ({ reservation: "real" }))
          .step("ship", ({ results }) => `shipped ${results.reserve.reservation}`),
    });
    const run = await runJob(job, { event: placed, steps: { reserve: { reservation: "mocked" } } });
    expect(run.output).toEqual({ reserve: { reservation: "mocked" }, ship: "shipped mocked" });
  });

  it("refuse an unknown step id of a step definition before running, suggesting the close one", async () => {
    const reserve = vi.fn(() => "reserved");
    const job = defineStepFunction({
      id: "fulfil",
      on: orderPlaced,
      steps: (chain) => chain.step("reserve", reserve).step("ship", () => "shipped"),
    });
    const attempt = runJob(job, { event: placed, steps: { reserv: 1 } });
    await expect(attempt).rejects.toBeInstanceOf(RunJobError);
    await expect(attempt).rejects.toThrow(
      'Unknown step id "reserv" in the steps mocks of function "fulfil"\n' +
        '  steps of "fulfil": "reserve" and "ship"\n' +
        '  did you mean: "reserve"?',
    );
    expect(reserve).not.toHaveBeenCalled();
  });

  it("refuse to mock a step.sendEvent, pointing at run.sent", async () => {
    const job = defineEventFunction({
      id: "notify",
      on: orderPlaced,
      handler: async ({ step }) => step.sendEvent("notify", { name: "shop/notified", data: {} }),
    });
    await expect(runJob(job, { event: placed, steps: { notify: { ids: [] } } })).rejects.toThrow(
      /Cannot mock step "notify" of function "notify": it is a step.sendEvent\n {2}step.sendEvent is captured, never sent/,
    );
  });

  it("refuse to mock a sleep", async () => {
    const job = defineEventFunction({
      id: "nap",
      on: orderPlaced,
      handler: async ({ step }) => step.sleep("nap", "1h"),
    });
    await expect(runJob(job, { event: placed, steps: { nap: null } })).rejects.toThrow(
      /Cannot mock step "nap" of function "nap": it is a sleep/,
    );
  });
});

describe("mocks the run never used", () => {
  const job = defineEventFunction({
    id: "reminder",
    on: orderPlaced,
    handler: async ({ step }) => {
      await step.run("load-order", () => ({ items: 1 }));
      return "done";
    },
  });

  it("fail the run by default, suggesting the step the mock was probably meant for", async () => {
    const attempt = runJob(job, { event: placed, steps: { "load-ordr": {}, "send-email": true } });
    await expect(attempt).rejects.toMatchObject({ code: "unused-mock", stepId: "load-ordr" });
    await expect(attempt).rejects.toThrow(
      'Mocks that function "reminder" never used: "load-ordr" and "send-email"\n' +
        '  "load-ordr": did you mean "load-order"?\n' +
        '  steps that ran: "load-order"\n',
    );
  });

  it('only warn with unusedMocks: "warn", and stay silent with "ignore"', async () => {
    const warning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const warned = await runJob(job, { event: placed, steps: { "send-email": true }, unusedMocks: "warn" });
    expect(warned.output).toBe("done");
    expect(warning).toHaveBeenCalledWith(expect.stringContaining('never used: "send-email"'), {
      code: "JOBKIT_UNUSED_MOCK",
    });
    warning.mockClear();
    await runJob(job, { event: placed, steps: { "send-email": true }, unusedMocks: "ignore" });
    expect(warning).not.toHaveBeenCalled();
  });

  it("report unused invoke mocks too", async () => {
    await expect(runJob(job, { event: placed, invoke: { "price-cart": 1 } })).rejects.toThrow(
      /never used: "invoke:price-cart"/,
    );
  });
});

describe("invoke mocks", () => {
  const inngest = new Inngest({ id: "shop" });
  const priceCart = inngest.createFunction(
    { id: "price-cart", triggers: [{ event: "shop/price" }] },
    async () => 0,
  );
  const checkout = inngest.createFunction(
    { id: "checkout", triggers: [{ event: "shop/order.placed" }] },
    async ({ step }) => {
      try {
        return await step.invoke("price", { function: priceCart, data: { orderId: "o1" } });
      } catch (error) {
        return `pricing failed: ${(error as Error).message}`;
      }
    },
  );

  it("answer step.invoke by function id, with or without the app prefix, and receive the data", async () => {
    const received: unknown[] = [];
    const byId = await runJob(checkout, {
      event: placed,
      invoke: {
        "price-cart": ({ data }: { data: unknown }) => {
          received.push(data);
          return 99;
        },
      },
    });
    const byFullId = await runJob(checkout, { event: placed, invoke: { "shop-price-cart": 98 } });
    expect([byId.output, byFullId.output]).toEqual([99, 98]);
    expect(received).toEqual([{ orderId: "o1" }]);
    expect(byId.timeline[0]).toMatchObject({
      type: "invoke",
      id: "price",
      function: "shop-price-cart",
      output: 99,
    });
  });

  it("throw an Error mock into the invoking function", async () => {
    const run = await runJob(checkout, { event: placed, invoke: { "price-cart": new Error("no prices") } });
    expect(run.output).toBe("pricing failed: no prices");
  });
});
