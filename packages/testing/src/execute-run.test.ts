import { defineEvent } from "@jobkit/events";
import { defineCronFunction, defineEventFunction, nextRuns } from "@jobkit/functions";
import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RetryEntry, StepEntry, TimelineEntry } from "./job-run";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";

const orderPlaced = defineEvent("shop/order.placed", {
  schema: z.object({ orderId: z.string(), total: z.number() }),
});
const placed = orderPlaced.create({ orderId: "o1", total: 120 });
const start = "2026-11-17T00:00:00.000Z";
const day = 86_400_000;

const retries = (timeline: readonly TimelineEntry[]) =>
  timeline.filter((entry): entry is RetryEntry => entry.type === "retry");

describe("the virtual clock", () => {
  it("moves by the length of each sleep, without real waiting", async () => {
    const job = defineEventFunction({
      id: "slow-follow-up",
      on: orderPlaced,
      handler: async ({ step }) => {
        await step.sleep("wait-a-week", "7d");
        await step.sleep("wait-a-month", "30d");
        return "done";
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.elapsed).toBe(37 * day);
    expect(run.timeline.map((entry) => [entry.type, entry.id, entry.at.toISOString()])).toEqual([
      ["sleep", "wait-a-week", start],
      ["sleep", "wait-a-month", "2026-11-24T00:00:00.000Z"],
    ]);
  });

  it("jumps to the date of sleepUntil, and does not move for a date in the past", async () => {
    const job = defineEventFunction({
      id: "until",
      on: orderPlaced,
      handler: async ({ step }) => {
        await step.sleepUntil("until-december", new Date("2026-12-01T09:00:00Z"));
        await step.sleepUntil("until-the-past", new Date("2020-01-01T00:00:00Z"));
        return new Date().toISOString();
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.output).toBe("2026-12-01T09:00:00.000Z");
    expect(run.timeline.map((entry) => (entry.type === "sleepUntil" ? entry.duration : undefined))).toEqual([
      (14 * 24 + 9) * 3_600_000,
      0,
    ]);
  });

  it("makes Date.now() and new Date() inside steps read virtual time", async () => {
    const job = defineEventFunction({
      id: "stamp",
      on: orderPlaced,
      handler: async ({ step }) => {
        const before = await step.run("stamp-before", () => Date.now());
        await step.sleep("wait", "2d");
        const after = await step.run("stamp-after", () => new Date().toISOString());
        return { before, after };
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.output).toEqual({ before: Date.parse(start), after: "2026-11-19T00:00:00.000Z" });
  });

  it("stamps step entries and sent events with the virtual time they happened at", async () => {
    const job = defineEventFunction({
      id: "stamped",
      on: orderPlaced,
      handler: async ({ step }) => {
        await step.sleep("wait", "1h");
        await step.sendEvent("notify", { name: "shop/notified", data: {} });
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.sent[0]?.ts).toBe(Date.parse(start) + 3_600_000);
    expect(run.sent[0]?.at.toISOString()).toBe("2026-11-17T01:00:00.000Z");
  });
});

describe("steps", () => {
  it("stores step results as JSON, as Inngest does between requests", async () => {
    const job = defineEventFunction({
      id: "json",
      on: orderPlaced,
      handler: async ({ step }) => {
        const loaded = await step.run("load", () => ({ when: new Date(start), missing: undefined }));
        await step.sleep("wait", "1m");
        return typeof loaded.when;
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.output).toBe("string");
    expect((run.timeline[0] as StepEntry).output).toEqual({ when: start });
  });

  it("runs steps started together with Promise.all and records each", async () => {
    const job = defineEventFunction({
      id: "parallel",
      on: orderPlaced,
      handler: async ({ step }) => {
        const [stock, fraud] = await Promise.all([
          step.run("check-stock", () => "in-stock"),
          step.run("check-fraud", () => "clean"),
        ]);
        await step.run("confirm", () => "confirmed");
        return { stock, fraud };
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.output).toEqual({ stock: "in-stock", fraud: "clean" });
    expect(run.timeline.map((entry) => entry.id)).toEqual(["check-stock", "check-fraud", "confirm"]);
  });

  it("gives batch functions every event of the batch", async () => {
    const job = defineEventFunction({
      id: "batch",
      on: orderPlaced,
      batchEvents: { maxSize: 10, timeout: "5s" },
      handler: async ({ events }) => events.map((event) => event.data.orderId),
    });
    const run = await runJob(job, {
      events: [
        orderPlaced.create({ orderId: "o1", total: 1 }),
        orderPlaced.create({ orderId: "o2", total: 2 }),
      ],
    });
    expect(run.output).toEqual(["o1", "o2"]);
  });

  it("starts cron definitions at their next scheduled time with the scheduled-timer event", async () => {
    const job = defineCronFunction({
      id: "daily-report",
      cron: "0 9 * * *",
      timezone: "America/New_York",
      handler: async ({ event }) => ({ cron: event.data.cron, at: new Date().toISOString() }),
    });
    const expected = nextRuns(job, 1)[0]?.toISOString();
    const run = await runJob(job);
    expect(run.output).toEqual({ cron: "TZ=America/New_York 0 9 * * *", at: expected });
    const given = await runJob(job, { now: "2026-03-09T13:00:00Z" });
    expect(given.startedAt.toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  it("sends ctx.logger lines to run.logs, stamped with virtual time", async () => {
    const job = defineEventFunction({
      id: "chatty",
      on: orderPlaced,
      handler: async ({ step, logger }) => {
        await step.sleep("wait", "1d");
        logger.info("order ready", { orderId: "o1" });
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.logs).toEqual([
      { at: new Date("2026-11-18T00:00:00.000Z"), level: "info", args: ["order ready", { orderId: "o1" }] },
    ]);
  });
});

describe("retries", () => {
  it("re-runs a failing step with attempt + 1 after Inngest's default backoff", async () => {
    const attempts: number[] = [];
    const job = defineEventFunction({
      id: "flaky",
      on: orderPlaced,
      handler: async ({ step, attempt }) =>
        step.run("charge", () => {
          attempts.push(attempt);
          if (attempt < 2) throw new Error("gateway timeout");
          return "charged";
        }),
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.output).toBe("charged");
    expect(attempts).toEqual([0, 1, 2]);
    expect(run.attempts).toBe(3);
    expect(retries(run.timeline).map(({ attempt, delay, scope }) => ({ attempt, delay, scope }))).toEqual([
      { attempt: 0, delay: 15_000, scope: "step" },
      { attempt: 1, delay: 30_000, scope: "step" },
    ]);
    expect(run.elapsed).toBe(45_000);
  });

  it("waits the delay a RetryAfterError asks for", async () => {
    const job = defineEventFunction({
      id: "rate-limited",
      on: orderPlaced,
      handler: async ({ step, attempt }) =>
        step.run("call-api", () => {
          if (attempt === 0) throw new RetryAfterError("429 from the API", "10m");
          return "ok";
        }),
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(retries(run.timeline)[0]?.delay).toBe(600_000);
    expect(run.endedAt.toISOString()).toBe("2026-11-17T00:10:00.000Z");
  });

  it("applies the definition's backoff policy to steps", async () => {
    const job = defineEventFunction({
      id: "backoff",
      on: orderPlaced,
      retries: { attempts: 4, backoff: "exponential", minTimeout: "1s", maxTimeout: "1m" },
      handler: async ({ step }) =>
        step.run("always-down", () => {
          throw new Error("down");
        }),
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.status).toBe("failed");
    expect(retries(run.timeline).map((entry) => entry.delay)).toEqual([1000, 2000, 4000, 8000]);
    expect(run.attempts).toBe(5);
  });

  it("fails at once on NonRetriableError", async () => {
    const job = defineEventFunction({
      id: "validate",
      on: orderPlaced,
      handler: async ({ step }) =>
        step.run("validate", () => {
          throw new NonRetriableError("order has no items");
        }),
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("order has no items");
    expect(run.attempts).toBe(1);
    expect(retries(run.timeline)).toEqual([]);
    expect(run.elapsed).toBe(0);
  });

  it("retries an error thrown outside any step at the function level", async () => {
    const job = defineEventFunction({
      id: "body-error",
      on: orderPlaced,
      retries: 1,
      handler: async ({ attempt }) => {
        if (attempt === 0) throw new Error("config not loaded");
        return "recovered";
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.output).toBe("recovered");
    expect(retries(run.timeline)).toEqual([
      expect.objectContaining({ scope: "function", id: "body-error", attempt: 0, delay: 15_000 }),
    ]);
  });

  it("calls onFailure with the original event and the final error once retries run out", async () => {
    const job = defineEventFunction({
      id: "charge-order",
      on: orderPlaced,
      retries: 2,
      handler: async ({ step }) =>
        step.run("charge", () => {
          throw new Error("card declined");
        }),
      onFailure: async ({ event, error, step }) => {
        await step.run("refund-hold", () => "released");
        return `${event.data.orderId}: ${error.message}`;
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("card declined");
    expect(run.attempts).toBe(3);
    const tail = run.timeline.slice(-2);
    expect(tail).toEqual([
      expect.objectContaining({ type: "step", id: "refund-hold", handler: "onFailure", output: "released" }),
      expect.objectContaining({ type: "failure", status: "completed", output: "o1: card declined" }),
    ]);
  });

  it("reports an onFailure handler that keeps failing, after its one retry", async () => {
    let calls = 0;
    const job = defineEventFunction({
      id: "double-fault",
      on: orderPlaced,
      retries: 0,
      handler: async () => {
        throw new Error("first");
      },
      onFailure: async () => {
        calls++;
        throw new Error("alerting is down");
      },
    });
    const run = await runJob(job, { event: placed, now: start });
    expect(calls).toBe(2);
    expect(run.timeline.at(-1)).toEqual(
      expect.objectContaining({
        type: "failure",
        status: "failed",
        error: expect.objectContaining({ message: "alerting is down" }),
      }),
    );
  });

  it("fails on the first error with retries: false, and uses a number as the retry count", async () => {
    const job = defineEventFunction({
      id: "no-retries",
      on: orderPlaced,
      handler: async ({ step }) =>
        step.run("fail", () => {
          throw new Error("nope");
        }),
    });
    const once = await runJob(job, { event: placed, retries: false });
    expect([once.status, once.attempts]).toEqual(["failed", 1]);
    const twice = await runJob(job, { event: placed, retries: 1 });
    expect(twice.attempts).toBe(2);
    await expect(runJob(job, { event: placed, retries: 21 })).rejects.toThrow(
      /Invalid retries for runJob of function "no-retries": 21\n {2}expected: true/,
    );
  });
});

describe("runJob's retries override with a backoff policy", () => {
  class CardDeclinedError extends Error {
    override readonly name = "CardDeclinedError";
  }
  const policy = { attempts: 2, backoff: "linear", minTimeout: "10s" } as const;
  const inHandler = defineEventFunction({
    id: "charge-in-handler",
    on: orderPlaced,
    retries: policy,
    handler: async () => {
      throw new CardDeclinedError("card declined");
    },
  });
  const inStep = defineEventFunction({
    id: "charge-in-step",
    on: orderPlaced,
    retries: policy,
    handler: async ({ step }) =>
      step.run("charge", () => {
        throw new CardDeclinedError("card declined");
      }),
  });

  it.each([
    ["the handler", false, 1, inHandler],
    ["the handler", 1, 2, inHandler],
    ["step.run", false, 1, inStep],
    ["step.run", 1, 2, inStep],
  ] as const)(
    "keeps the original error thrown in %s on the last attempt with retries: %s",
    async (_where, override, attempts, job) => {
      const run = await runJob(job, { event: placed, now: start, retries: override });
      expect(run.status).toBe("failed");
      expect(run.attempts).toBe(attempts);
      expect(run.error?.name).toBe("CardDeclinedError");
      expect(run.error).not.toBeInstanceOf(RetryAfterError);
    },
  );
});

describe("Inngest's limits", () => {
  it("refuses a run that goes past 1000 steps", async () => {
    const job = defineEventFunction({
      id: "endless",
      on: orderPlaced,
      handler: async ({ step }) => {
        for (let index = 0; ; index++) await step.run("tick", () => index);
      },
    });
    const attempt = runJob(job, { event: placed });
    await expect(attempt).rejects.toBeInstanceOf(RunJobError);
    await expect(attempt).rejects.toMatchObject({
      code: "limit-exceeded",
      limit: "maxStepsPerRun",
      stepId: "tick",
    });
    await expect(attempt).rejects.toThrow(/exceeded 1000 steps in one run at step "tick"/);
  });

  it("allows exactly the step limit, which can be overridden for a self-hosted Inngest", async () => {
    const job = defineEventFunction({
      id: "five",
      on: orderPlaced,
      handler: async ({ step }) => {
        for (let index = 0; index < 5; index++) await step.run("tick", () => index);
        return "done";
      },
    });
    expect((await runJob(job, { event: placed, limits: { maxStepsPerRun: 5 } })).output).toBe("done");
    await expect(runJob(job, { event: placed, limits: { maxStepsPerRun: 4 } })).rejects.toThrow(
      /exceeded 4 steps/,
    );
  });

  it("refuses a step output larger than Inngest stores", async () => {
    const job = defineEventFunction({
      id: "big",
      on: orderPlaced,
      handler: async ({ step }) => step.run("load-everything", () => "x".repeat(2000)),
    });
    await expect(runJob(job, { event: placed, limits: { maxStepOutputBytes: 1024 } })).rejects.toMatchObject({
      code: "limit-exceeded",
      limit: "maxStepOutputBytes",
    });
  });
});

describe("steps that need the Inngest server", () => {
  const inngest = new Inngest({ id: "shop" });

  it("refuses an unmocked step.waitForSignal with how to mock it, and runs the mock when given", async () => {
    const job = inngest.createFunction(
      { id: "approval", triggers: [{ event: "shop/order.placed" }] },
      async ({ step }) =>
        step.waitForSignal("wait-for-approval", {
          signal: "approve-o1",
          timeout: "1d",
          onConflict: "replace",
        }),
    );
    await expect(runJob(job, { event: placed })).rejects.toThrow(
      /Step "wait-for-approval" of function "approval" is a WaitForSignal step[\s\S]*steps: \{ "wait-for-approval": \{ ok: true \} \}/,
    );
    const run = await runJob(job, { event: placed, steps: { "wait-for-approval": { approved: true } } });
    expect(run.output).toEqual({ approved: true });
  });

  it("stops a run that sends a signal, instead of retrying against a missing server", async () => {
    const job = inngest.createFunction(
      { id: "signaller", triggers: [{ event: "shop/order.placed" }] },
      async ({ step }) => step.sendSignal("wake", { signal: "order-o1", data: {} }),
    );
    await expect(runJob(job, { event: placed })).rejects.toMatchObject({
      code: "unsupported-step",
      message: expect.stringContaining('called the Inngest API ("sendSignal")'),
    });
  });
});

describe("nondeterministic functions", () => {
  it("refuses a function that takes another path when it runs again", async () => {
    let executions = 0;
    const job = defineEventFunction({
      id: "moody",
      on: orderPlaced,
      handler: async ({ step }) => {
        executions++;
        // Outside any step, so the next request sees another value: exactly what Inngest forbids.
        if (executions === 1) return Promise.all([step.run("left", () => 1), step.run("right", () => 2)]);
        return step.run("elsewhere", () => 3);
      },
    });
    // The SDK gives up on a step it cannot find after ten real seconds.
    await expect(runJob(job, { event: placed })).rejects.toMatchObject({
      code: "nondeterministic",
      stepId: "left",
      message: expect.stringContaining('Function "moody" did not reach step "left" when it was run again'),
    });
  }, 20_000);
});
