import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { dependencyInjectionMiddleware, Inngest, type Logger, Middleware } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";
import { checkInternals, missingInternal, supportedInngestRange } from "./sdk-adapter";

const quiet: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
const orderPlaced = defineEvent("shop/order.placed", { schema: z.object({ orderId: z.string() }) });
const placed = orderPlaced.create({ orderId: "o1" });

describe("runJob takes serve()'s request path", () => {
  it("gives a definition the dependency its middleware injects", async () => {
    const db = { find: (id: string) => `order ${id}` };
    const job = defineEventFunction({
      id: "with-db",
      on: orderPlaced,
      middleware: [dependencyInjectionMiddleware({ db })],
      handler: async (ctx) => (ctx as unknown as { db: typeof db }).db.find(ctx.event.data.orderId),
    });
    const run = await runJob(job, { event: placed });
    expect(run.output).toBe("order o1");
  });

  it("gives a raw function its function-level middleware and fires its hooks", async () => {
    const hooks: string[] = [];
    class Hooks extends Middleware.BaseMiddleware {
      readonly id = "hooks";
      override onRunStart() {
        hooks.push("onRunStart");
      }
      override onStepError() {
        hooks.push("onStepError");
      }
    }
    const inngest = new Inngest({ id: "shop", logger: quiet });
    const fn = inngest.createFunction(
      {
        id: "flaky",
        retries: 1,
        middleware: [Hooks, dependencyInjectionMiddleware({ greeting: "hi" })],
        triggers: [{ event: "shop/x" }],
      },
      async ({ step, attempt, ...ctx }) => {
        await step.run("once", () => {
          if (attempt === 0) throw new Error("first");
        });
        return (ctx as unknown as { greeting: string }).greeting;
      },
    );
    const run = await runJob(fn, { event: { name: "shop/x", data: {} } });
    expect(run.output).toBe("hi");
    expect(hooks).toEqual(["onRunStart", "onStepError"]);
  });

  it("fails a request whose wrapRequest throws, as the serve handler answers 500", async () => {
    class Refuse extends Middleware.BaseMiddleware {
      readonly id = "refuse";
      override async wrapRequest(): Promise<never> {
        throw new Error("refused");
      }
    }
    const inngest = new Inngest({ id: "shop", logger: quiet, middleware: [Refuse] });
    const body = vi.fn(() => "ran");
    const fn = inngest.createFunction({ id: "refused", retries: 0, triggers: [{ event: "shop/x" }] }, body);
    const run = await runJob(fn, { event: { name: "shop/x", data: {} } });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("refused");
    expect(body).not.toHaveBeenCalled();
  });

  it("fires onRegister once per client, however many runs", async () => {
    const onRegister = vi.fn();
    class Registered extends Middleware.BaseMiddleware {
      readonly id = "registered";
      static override onRegister() {
        onRegister();
      }
    }
    const inngest = new Inngest({ id: "shop", logger: quiet, middleware: [Registered] });
    const fn = inngest.createFunction({ id: "twice", triggers: [{ event: "shop/x" }] }, () => "ok");
    const job = defineEventFunction({
      id: "def",
      on: orderPlaced,
      middleware: [Registered],
      handler: () => "ok",
    });
    expect(onRegister).toHaveBeenCalledTimes(1);
    for (let index = 0; index < 3; index++) {
      await runJob(fn, { event: { name: "shop/x", data: {} } });
      await runJob(job, { event: placed });
    }
    // The client's once, the definition's once (its first registration); no run adds one.
    expect(onRegister).toHaveBeenCalledTimes(2);
  });

  it("writes ctx.logger lines to the client's logger and flushes it after each request", async () => {
    const lines: string[] = [];
    const flush = vi.fn(async () => undefined);
    const logger = { ...quiet, info: (message: string) => lines.push(message), flush } as Logger;
    const inngest = new Inngest({ id: "shop", logger });
    const fn = inngest.createFunction(
      { id: "logs", triggers: [{ event: "shop/x" }] },
      async ({ logger: log, step }) => {
        log.info("before");
        await step.sleep("nap", "1h");
        log.info("after");
      },
    );
    const run = await runJob(fn, { event: { name: "shop/x", data: {} } });
    expect(lines).toEqual(["before", "after"]);
    expect(run.logs.map((line) => line.args[0])).toEqual(["before", "after"]);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("gives the handler requestId and jobId as the serve handler does", async () => {
    const inngest = new Inngest({ id: "shop", logger: quiet });
    const fn = inngest.createFunction({ id: "ctx", triggers: [{ event: "shop/x" }] }, (ctx) => {
      const { requestId, jobId } = ctx as unknown as Record<string, unknown>;
      return [typeof requestId, typeof jobId];
    });
    expect((await runJob(fn, { event: { name: "shop/x", data: {} } })).output).toEqual(["string", "string"]);
  });
});

describe("run.failedEvent", () => {
  it("lets a failure tracker on inngest/function.failed be tested end to end", async () => {
    const inngest = new Inngest({ id: "shop", logger: quiet });
    const charge = inngest.createFunction(
      { id: "charge", retries: 0, triggers: [{ event: "shop/order" }] },
      () => {
        throw new Error("card declined");
      },
    );
    const forwarded: unknown[] = [];
    const tracker = inngest.createFunction(
      { id: "failure-tracker", triggers: [{ event: "inngest/function.failed" }] },
      ({ event }) => {
        forwarded.push({
          fn: event.data.function_id,
          error: event.data.error.message,
          order: event.data.event.data,
        });
        return "forwarded";
      },
    );
    const failed = await runJob(charge, { event: { name: "shop/order", data: { orderId: "o9" } } });
    expect(failed.failedEvent).toMatchObject({
      name: "inngest/function.failed",
      data: {
        function_id: "shop-charge",
        run_id: failed.runId,
        error: { name: "Error", message: "card declined" },
        event: { name: "shop/order", data: { orderId: "o9" } },
      },
    });
    const tracked = await runJob(tracker, { event: failed.failedEvent });
    expect(tracked.output).toBe("forwarded");
    expect(forwarded).toEqual([{ fn: "shop-charge", error: "card declined", order: { orderId: "o9" } }]);
  });

  it("is undefined for a run that completed", async () => {
    const job = defineEventFunction({ id: "fine", on: orderPlaced, handler: () => "ok" });
    expect((await runJob(job, { event: placed })).failedEvent).toBeUndefined();
  });
});

describe("the SDK adapter", () => {
  const present = {
    hashId: () => "",
    serializeError: () => ({}),
    deserializeError: () => new Error(),
    stepOpCodes: Object.fromEntries(
      [
        "StepPlanned",
        "StepRun",
        "StepError",
        "StepFailed",
        "Sleep",
        "WaitForEvent",
        "InvokeFunction",
        "RunComplete",
      ].map((code) => [code, code]),
    ),
    stepModes: { Async: "async", AsyncCheckpointing: "async_checkpointing" },
    functionPrototype: { createExecution: () => undefined, shouldAsyncCheckpoint: () => undefined },
    clientMiddleware: "LoggerMiddleware",
    defaultMaxRuntime: 10_000,
    version: "4.24.0",
  };

  it("accepts the internals of a supported inngest", () => {
    expect(() => checkInternals(present)).not.toThrow();
  });

  it("names the missing internal and the supported range when an inngest minor moved one", () => {
    const moved = {
      ...present,
      functionPrototype: { shouldAsyncCheckpoint: () => undefined },
      version: "4.99.0",
    };
    expect(() => checkInternals(moved)).toThrow(
      `@jobkit/testing cannot run jobs with inngest 4.99.0: the SDK internal "InngestFunction#createExecution" that runJob drives is missing`,
    );
    expect(missingInternal("x").message).toContain(`expected: inngest ${supportedInngestRange}`);
  });
});
