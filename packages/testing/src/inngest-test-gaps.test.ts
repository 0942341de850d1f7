/**
 * Each known gap of @inngest/test 1.0, reproduced against @inngest/test itself (on the function `register()`
 * makes of a definition), next to the proof that runJob does not have it. If a reproduction starts failing,
 * @inngest/test fixed the gap upstream.
 */
import { InngestTestEngine } from "@inngest/test";
import { defineEvent } from "@jobkit/events";
import { type AnyFunctionDefinition, defineEventFunction, register } from "@jobkit/functions";
import { Inngest, type InngestFunction } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
const inngest = new Inngest({ id: "gaps", logger: quiet });
const cartAbandoned = defineEvent("shop/cart.abandoned", { schema: z.object({ cartId: z.string() }) });
const orderCompleted = defineEvent("shop/order.completed", { schema: z.object({ cartId: z.string() }) });
const trigger = cartAbandoned.create({ cartId: "c1" });
const start = "2026-11-17T00:00:00.000Z";

/** The Inngest function `register()` makes of a definition, for `@inngest/test`. */
function registered(definition: AnyFunctionDefinition, client: Inngest.Any = inngest): InngestFunction.Any {
  const [fn] = register(client, [definition]);
  if (!fn) throw new Error("register() returned nothing");
  return fn;
}

/** Settles with "hung" when `promise` has not settled within `ms` real milliseconds. */
function within<TValue>(promise: Promise<TValue>, ms: number): Promise<TValue | "hung"> {
  return Promise.race([promise, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), ms))]);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("gap: unmocked sleep, waitForEvent and invoke hang", () => {
  const sleeper = defineEventFunction({
    id: "sleeper",
    on: cartAbandoned,
    handler: async ({ step }) => {
      await step.sleep("wait-a-day", "1d");
      return "woke up";
    },
  });
  const waiter = defineEventFunction({
    id: "waiter",
    on: cartAbandoned,
    handler: async ({ step }) =>
      step.waitForEvent("wait-for-order", { event: orderCompleted, timeout: "2d" }),
  });
  const priceCart = registered(
    defineEventFunction({ id: "price-cart", on: cartAbandoned, handler: async () => 42 }),
  );
  const invoker = defineEventFunction({
    id: "invoker",
    on: cartAbandoned,
    handler: async ({ step }) => step.invoke("price", { function: priceCart, data: {} }),
  });

  it.each([
    ["sleep", sleeper],
    ["waitForEvent", waiter],
    ["invoke", invoker],
  ])("@inngest/test never settles an unmocked %s", async (_kind, definition) => {
    const engine = new InngestTestEngine({ function: registered(definition), events: [trigger] });
    expect(await within(engine.execute(), 300)).toBe("hung");
  });

  it("runJob sleeps on the virtual clock and finishes at once", async () => {
    const run = await runJob(sleeper, { event: trigger, now: start });
    expect(run.output).toBe("woke up");
    expect(run.elapsed).toBe(86_400_000);
  });

  it("runJob times an unanswered waitForEvent out with null", async () => {
    const run = await runJob(waiter, { event: trigger, now: start });
    expect(run.output).toBeNull();
    expect(run.endedAt.toISOString()).toBe("2026-11-19T00:00:00.000Z");
  });

  it("runJob answers an unmocked invoke with an error that says how to mock it", async () => {
    const attempt = runJob(invoker, { event: trigger, now: start });
    await expect(attempt).rejects.toThrow(RunJobError);
    await expect(attempt).rejects.toThrow(/invokes function "gaps-price-cart", which has no mock/);
    const run = await runJob(invoker, { event: trigger, now: start, invoke: { "price-cart": 42 } });
    expect(run.output).toBe(42);
  });
});

describe("gap: the waitForEvent step mock always throws", () => {
  const waiter = defineEventFunction({
    id: "waiter",
    on: cartAbandoned,
    handler: async ({ step }) => {
      const order = await step.waitForEvent("wait-for-order", { event: orderCompleted, timeout: "2d" });
      return order ? "bought" : "abandoned";
    },
  });
  const order = orderCompleted.create({ cartId: "c1" });

  it("@inngest/test rejects the run even for a well-formed event (and for null)", async () => {
    const withEvent = await new InngestTestEngine({
      function: registered(waiter),
      events: [trigger],
    }).execute({
      steps: [{ id: "wait-for-order", handler: () => order }],
    });
    expect(withEvent.error).toMatchObject({
      message: expect.stringContaining("Event not found in triggers"),
    });
    const withNull = await new InngestTestEngine({ function: registered(waiter), events: [trigger] }).execute(
      {
        steps: [{ id: "wait-for-order", handler: () => null }],
      },
    );
    expect(withNull.result).toBeUndefined();
  });

  it("runJob resolves a mocked wait with the event, or with null", async () => {
    const bought = await runJob(waiter, { event: trigger, steps: { "wait-for-order": order } });
    expect(bought.output).toBe("bought");
    const abandoned = await runJob(waiter, { event: trigger, steps: { "wait-for-order": null } });
    expect(abandoned.output).toBe("abandoned");
  });
});

describe("gap: a throwing step mock yields undefined", () => {
  const careful = defineEventFunction({
    id: "careful",
    on: cartAbandoned,
    handler: async ({ step }) => {
      try {
        const stock = await step.run("check-stock", () => 10);
        return { stock };
      } catch (error) {
        return { failed: (error as Error).message };
      }
    },
  });

  it("@inngest/test swallows the error: the step looks like it returned undefined", async () => {
    const engine = new InngestTestEngine({ function: registered(careful), events: [trigger] });
    const { result, error } = await engine.execute({
      steps: [
        {
          id: "check-stock",
          handler: () => {
            throw new Error("warehouse offline");
          },
        },
      ],
    });
    expect(error).toBeUndefined();
    expect(result).toEqual({ stock: undefined });
  });

  it("runJob throws the mock's error inside the function, after Inngest's retries", async () => {
    const run = await runJob(careful, {
      event: trigger,
      steps: { "check-stock": new Error("warehouse offline") },
    });
    expect(run.output).toEqual({ failed: "warehouse offline" });
    expect(run.timeline.filter((entry) => entry.type === "retry")).toHaveLength(3);
  });
});

describe("gap: reusing an engine leaks state between runs", () => {
  const counter = defineEventFunction({
    id: "counter",
    on: cartAbandoned,
    handler: async ({ step }) => step.run("count", () => 0),
  });

  it("@inngest/test answers the second run with the first run's mock", async () => {
    const engine = new InngestTestEngine({ function: registered(counter), events: [trigger] });
    const first = await engine.execute({ steps: [{ id: "count", handler: () => 1 }] });
    const second = await engine.execute({ steps: [{ id: "count", handler: () => 2 }] });
    expect([first.result, second.result]).toEqual([1, 1]);
  });

  it("runJob starts every run from scratch", async () => {
    const first = await runJob(counter, { event: trigger, steps: { count: 1 } });
    const second = await runJob(counter, { event: trigger, steps: { count: 2 } });
    const unmocked = await runJob(counter, { event: trigger });
    expect([first.output, second.output, unmocked.output]).toEqual([1, 2, 0]);
  });
});

describe("gap: the steps array given to an engine collects the run's step results", () => {
  let bodiesRun = 0;
  const nightlyReport = defineEventFunction({
    id: "nightly-report",
    on: cartAbandoned,
    handler: async ({ step }) => {
      const rows = await step.run("count-rows", () => {
        bodiesRun++;
        return 3;
      });
      const template = await step.run("load-template", () => "live template");
      await step.sleep("wait-for-night", "1d");
      return `${rows} rows, ${template}`;
    },
  });

  it("@inngest/test answers a second engine given the same array from the first run: no step body runs", async () => {
    bodiesRun = 0;
    const function_ = registered(nightlyReport);
    const steps = [{ id: "wait-for-night", handler: () => null }];
    const first = await new InngestTestEngine({ function: function_, events: [trigger], steps }).execute();
    const second = await new InngestTestEngine({ function: function_, events: [trigger], steps }).execute();
    expect([first.result, second.result, bodiesRun]).toEqual([
      "3 rows, live template",
      "3 rows, live template",
      1,
    ]);
    expect(steps.length).toBeGreaterThan(1);
  });

  it("runJob leaves its steps option as given and runs the step body in every run", async () => {
    bodiesRun = 0;
    const options = { event: trigger, steps: { "load-template": "mocked template" } };
    const first = await runJob(nightlyReport, options);
    const second = await runJob(nightlyReport, options);
    expect([first.output, second.output, bodiesRun]).toEqual([
      "3 rows, mocked template",
      "3 rows, mocked template",
      2,
    ]);
    expect(options.steps).toEqual({ "load-template": "mocked template" });
  });
});

describe("gap: step.sendEvent posts to the Inngest dev server", () => {
  const fanOut = defineEventFunction({
    id: "fan-out",
    on: cartAbandoned,
    handler: async ({ step }) => {
      await step.sendEvent("send-reminder", { name: "email/send", data: { template: "cart" } });
      return "sent";
    },
  });

  it("@inngest/test sends the event over HTTP to localhost:8288", async () => {
    const requests: string[] = [];
    // Answered here, so nothing leaves the process; the URL shows where the event would have gone.
    vi.stubGlobal("fetch", async (url: string) => {
      requests.push(String(url));
      return new Response(JSON.stringify({ ids: ["x"], status: 200 }), { status: 200 });
    });
    const devClient = new Inngest({ id: "dev", isDev: true, logger: quiet });
    await new InngestTestEngine({ function: registered(fanOut, devClient), events: [trigger] }).execute();
    expect(requests).toEqual([expect.stringMatching(/^http:\/\/localhost:8288\/e\//)]);
  });

  it("runJob captures the event and never calls fetch", async () => {
    const fetchSpy = vi.fn(async () => {
      throw new Error("no network in tests");
    });
    vi.stubGlobal("fetch", fetchSpy);
    const run = await runJob(fanOut, { event: trigger, now: start });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(run.sent).toEqual([
      expect.objectContaining({ name: "email/send", data: { template: "cart" }, stepId: "send-reminder" }),
    ]);
  });
});
