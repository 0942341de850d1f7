import { defineCatalog, defineEvent } from "@jobkit/events";
import { NonRetriableError } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { failOnce, runFailureHandler, runOnce, syncedConfig, testClient } from "../test/support";
import type { RetryDecider } from "./backoff";
import {
  cel,
  defineCronFunction,
  defineEventFunction,
  defineStepFunction,
  JobError,
  manifest,
  register,
} from "./index";

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), email: z.string(), plan: z.enum(["free", "pro"]) }),
});
const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });
const orderPlaced = defineEvent("order/placed", {
  schema: z.object({ orderId: z.string(), amount: z.number() }),
});
const orderCancelled = defineEvent("order/cancelled", { schema: z.object({ orderId: z.string() }) });

const ada = { userId: "u_1", email: "ada@example.com", plan: "pro" as const };

const client = () => testClient();

describe("register: event functions", () => {
  it("runs the handler with the typed event through Inngest", async () => {
    const welcome = defineEventFunction({
      id: "send-welcome-email",
      on: userCreated,
      handler: async ({ event, step }) => {
        const sent = await step.run("send", () => ({ to: event.data.email }));
        return { userId: event.data.userId, sent };
      },
    });
    const [fn] = register(client(), [welcome]);
    const run = await runOnce(fn as never, [{ name: "user/created", data: ada }]);
    expect(run.result).toEqual({ userId: "u_1", sent: { to: "ada@example.com" } });
  });

  it("passes the event of a multi-event function with its own name", async () => {
    const audit = defineEventFunction({
      id: "audit-user",
      on: [userCreated, userDeleted],
      handler: ({ event }) =>
        event.name === "user/created" ? `created ${event.data.email}` : `deleted ${event.data.userId}`,
    });
    const [fn] = register(client(), [audit]);
    expect((await runOnce(fn as never, [{ name: "user/deleted", data: { userId: "u_9" } }])).result).toBe(
      "deleted u_9",
    );
  });

  it("hands a batch function every event in `events`", async () => {
    const importUsers = defineEventFunction({
      id: "import-users",
      on: userCreated,
      batchEvents: { maxSize: 50, timeout: "5s" },
      handler: ({ events }) => events.map((event) => event.data.userId),
    });
    const [fn] = register(client(), [importUsers]);
    const run = await runOnce(fn as never, [
      { name: "user/created", data: ada },
      { name: "user/created", data: { ...ada, userId: "u_2" } },
    ]);
    expect(run.result).toEqual(["u_1", "u_2"]);
  });

  it("rejects event data that does not match the trigger's schema before the handler runs", async () => {
    const handler = vi.fn();
    const [fn] = register(client(), [defineEventFunction({ id: "strict", on: userCreated, handler })]);
    const run = await runOnce(fn as never, [{ name: "user/created", data: { userId: 42 } }]);
    expect(run.error).toMatchObject({ message: expect.stringContaining("email") });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("register: step functions", () => {
  it("runs each step as its own step.run, in order, with earlier results", async () => {
    const order: string[] = [];
    const processOrder = defineStepFunction({
      id: "process-order",
      on: orderPlaced,
      steps: (chain) =>
        chain
          .step("validate", ({ event }) => {
            order.push("validate");
            return { amount: event.data.amount };
          })
          .step("charge", async ({ results }) => {
            order.push("charge");
            return { chargeId: `ch_${results.validate.amount}` };
          })
          .step("receipt", ({ results }) => {
            order.push("receipt");
            return `receipt for ${results.charge.chargeId}`;
          }),
    });
    const [fn] = register(client(), [processOrder]);
    const run = await runOnce(fn as never, [{ name: "order/placed", data: { orderId: "o_1", amount: 42 } }]);
    expect(order).toEqual(["validate", "charge", "receipt"]);
    expect(run.result).toEqual({
      validate: { amount: 42 },
      charge: { chargeId: "ch_42" },
      receipt: "receipt for ch_42",
    });
  });

  it("fails a step whose output is over the step output limit without retrying", async () => {
    const big = defineStepFunction({
      id: "too-big",
      on: orderPlaced,
      steps: (chain) => chain.step("load", () => "x".repeat(4 * 1024 * 1024 + 1)),
    });
    const [fn] = register(client(), [big]);
    const run = await runOnce(fn as never, [{ name: "order/placed", data: { orderId: "o_1", amount: 1 } }]);
    expect(run.error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringContaining("step output limit"),
    });
  });
});

describe("register: cron functions", () => {
  it("registers the TZ-prefixed schedule and runs the handler on the timer event", async () => {
    const report = defineCronFunction({
      id: "daily-report",
      cron: "0 9 * * 1-5",
      timezone: "America/New_York",
      handler: ({ event }) => `report for ${event.data.cron}`,
    });
    const [fn] = register(client(), [report]);
    expect(syncedConfig(fn as never)[0]?.triggers).toEqual([{ cron: "TZ=America/New_York 0 9 * * 1-5" }]);
    const run = await runOnce(fn as never, [
      { name: "inngest/scheduled.timer", data: { cron: "TZ=America/New_York 0 9 * * 1-5" } },
    ]);
    expect(run.result).toBe("report for TZ=America/New_York 0 9 * * 1-5");
  });
});

describe("register: backoff policies", () => {
  const failing = (retries: Parameters<typeof defineEventFunction>[0]["retries"]) =>
    defineEventFunction({
      id: "flaky",
      on: userCreated,
      retries,
      handler: async ({ step }) => {
        await step.run("call-api", () => {
          throw new Error("upstream 503");
        });
      },
    });
  const event = [{ name: "user/created", data: ada }] as [{ name: string; data: typeof ada }];

  it.each([
    ["constant", { attempts: 4, backoff: "constant", minTimeout: "30s" }, [30, 30, 30, 30]],
    ["linear", { attempts: 4, backoff: "linear", minTimeout: "10s" }, [10, 20, 30, 40]],
    [
      "exponential",
      { attempts: 5, backoff: "exponential", minTimeout: "1s", maxTimeout: "10s" },
      [1, 2, 4, 8, 10],
    ],
  ] as const)(
    "%s: a failing step yields RetryAfterError with the policy's delay for each attempt",
    async (_, retries, seconds) => {
      const [fn] = register(client(), [failing(retries)]);
      for (const [index, delay] of seconds.entries()) {
        const attempt = await failOnce(fn as never, event, index);
        expect(attempt.error).toMatchObject({
          name: "RetryAfterError",
          message: "upstream 503",
          cause: { name: "Error", message: "upstream 503" },
        });
        expect(attempt.retriable).toBe(String(delay));
      }
    },
  );

  it("applies the policy to the steps of a step function and to cron handlers", async () => {
    const steps = defineStepFunction({
      id: "ship",
      on: orderPlaced,
      retries: { attempts: 2, backoff: "constant", minTimeout: "45s" },
      steps: (chain) =>
        chain.step("label", () => {
          throw new Error("printer offline");
        }),
    });
    const nightly = defineCronFunction({
      id: "nightly",
      cron: "0 3 * * *",
      retries: { attempts: 2, backoff: "linear", minTimeout: "1m" },
      handler: () => {
        throw new Error("db busy");
      },
    });
    const [stepFn, cronFn] = register(client(), [steps, nightly]);
    const stepAttempt = await failOnce(stepFn as never, [
      { name: "order/placed", data: { orderId: "o", amount: 1 } },
    ]);
    expect(stepAttempt).toMatchObject({ error: { name: "RetryAfterError" }, retriable: "45" });
    const cronAttempt = await failOnce(
      cronFn as never,
      [{ name: "inngest/scheduled.timer", data: { cron: "x" } }],
      1,
    );
    expect(cronAttempt).toMatchObject({ error: { name: "RetryAfterError" }, retriable: "120" });
  });

  it("rethrows the original error on the last attempt so onFailure sees it", async () => {
    const [fn] = register(client(), [failing({ attempts: 2, backoff: "constant", minTimeout: "5s" })]);
    const attempt = await failOnce(fn as never, event, 2);
    expect(attempt.error).toMatchObject({ name: "Error", message: "upstream 503" });
  });

  it("applies jitter above the computed delay, capped at maxTimeout", async () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(1);
    try {
      const [fn] = register(client(), [
        failing({ attempts: 3, backoff: "exponential", minTimeout: "10s", maxTimeout: "50s", jitter: 0.5 }),
      ]);
      expect((await failOnce(fn as never, event, 0)).retriable).toBe("15");
      expect((await failOnce(fn as never, event, 1)).retriable).toBe("30");
      expect((await failOnce(fn as never, event, 2)).retriable).toBe("50");
    } finally {
      random.mockRestore();
    }
  });

  it("applies the policy to errors thrown in the handler body too", async () => {
    const body = defineEventFunction({
      id: "body-error",
      on: userCreated,
      retries: { attempts: 3, backoff: "linear", minTimeout: "7s" },
      handler: () => {
        throw new Error("not yet");
      },
    });
    const [fn] = register(client(), [body]);
    const attempt = await failOnce(fn as never, event, 1);
    expect(attempt.error).toMatchObject({ name: "RetryAfterError", message: "not yet" });
    expect(attempt.retriable).toBe("14");
  });

  it("turns retry() returning false into NonRetriableError keeping the cause", async () => {
    class PaymentDeclined extends Error {
      override name = "PaymentDeclined";
    }
    const retry = vi.fn((error: unknown) => !(error instanceof PaymentDeclined));
    const charge = defineEventFunction({
      id: "charge",
      on: orderPlaced,
      retries: { attempts: 5, retry },
      handler: async ({ step }) => {
        await step.run("charge-card", () => {
          throw new PaymentDeclined("card declined");
        });
      },
    });
    const [fn] = register(client(), [charge]);
    const attempt = await failOnce(fn as never, [
      { name: "order/placed", data: { orderId: "o_1", amount: 5 } },
    ]);
    expect(attempt.error).toMatchObject({
      name: "NonRetriableError",
      message: "card declined",
      cause: { name: "PaymentDeclined", message: "card declined" },
    });
    expect(attempt.retriable).toBe(false);
    expect(retry).toHaveBeenCalledWith(expect.any(PaymentDeclined), 1);
  });

  it("retries after the delay retry() returns", async () => {
    const rateLimited = defineEventFunction({
      id: "rate-limited",
      on: userCreated,
      retries: { attempts: 3, retry: () => ({ delay: "2m" }) },
      handler: async ({ step }) => {
        await step.run("call", () => {
          throw new Error("429");
        });
      },
    });
    const [fn] = register(client(), [rateLimited]);
    expect((await failOnce(fn as never, event)).retriable).toBe("120");
  });

  it("fails the attempt with a clear error when retry() returns undefined", async () => {
    const forgetful = defineEventFunction({
      id: "forgetful",
      on: userCreated,
      retries: { attempts: 3, retry: (() => undefined) as unknown as RetryDecider },
      handler: () => {
        throw new Error("429");
      },
    });
    const [fn] = register(client(), [forgetful]);
    const attempt = await failOnce(fn as never, event);
    expect(attempt.error).toMatchObject({
      name: "JobError",
      message: expect.stringMatching(/^Invalid return value of retries\.retry\(\): undefined/),
      cause: { message: "429" },
    });
  });

  it("leaves errors alone when no policy is set, so Inngest's schedule applies", async () => {
    const plain = defineEventFunction({
      id: "plain",
      on: userCreated,
      retries: 2,
      handler: () => {
        throw new Error("plain failure");
      },
    });
    const [fn] = register(client(), [plain]);
    const attempt = await failOnce(fn as never, event);
    expect(attempt.error).toMatchObject({ name: "Error", message: "plain failure" });
    expect(attempt.retriable).toBe(true);
  });

  it("passes Inngest's own NonRetriableError through untouched", async () => {
    const stop = defineEventFunction({
      id: "stop",
      on: userCreated,
      retries: { attempts: 3, backoff: "constant" },
      handler: () => {
        throw new NonRetriableError("give up");
      },
    });
    const [fn] = register(client(), [stop]);
    const attempt = await failOnce(fn as never, event);
    expect(attempt.error).toMatchObject({ name: "NonRetriableError", message: "give up" });
    expect(attempt.retriable).toBe(false);
  });
});

describe("register: onFailure", () => {
  it("receives the original event typed, the error and the failed run", async () => {
    const seen = vi.fn();
    const welcome = defineEventFunction({
      id: "send-welcome-email",
      on: userCreated,
      handler: () => undefined,
      onFailure: async ({ event, error, failure, step }) => {
        seen({
          email: event.data.email,
          message: error.message,
          runId: failure.runId,
          functionId: failure.functionId,
        });
        await step.run("log", () => "logged");
        return "handled";
      },
    });
    const [fn] = register(client(), [welcome]);
    const run = await runFailureHandler(
      fn as never,
      { name: "user/created", data: ada },
      {
        name: "Error",
        message: "smtp down",
      },
    );
    expect(run.result).toBe("handled");
    expect(seen).toHaveBeenCalledWith({
      email: "ada@example.com",
      message: "smtp down",
      runId: "run_1",
      functionId: "shop-send-welcome-email",
    });
    expect(syncedConfig(fn as never)[1]).toMatchObject({
      id: "shop-send-welcome-email-failure",
      triggers: [{ event: "inngest/function.failed" }],
    });
  });
});

describe("register: options reach the synced config", () => {
  it("sends flow control, timeouts, retries and cancelOn as Inngest expects them", () => {
    const sync = defineEventFunction({
      id: "sync-user",
      name: "Sync user",
      on: userCreated,
      if: "event.data.plan == 'pro'",
      retries: { attempts: 7, backoff: "exponential" },
      concurrency: [{ limit: 5, key: "event.data.userId" }, { limit: 100 }],
      throttle: { limit: 10, period: "1m", key: "event.data.userId", burst: 2 },
      debounce: { period: "30s", key: "event.data.userId", timeout: "5m" },
      singleton: { mode: "cancel", key: "event.data.userId" },
      priority: { run: "event.data.plan == 'pro' ? 120 : 0" },
      timeouts: { start: "10m", finish: "1.5h" },
      cancelOn: [{ event: userDeleted, match: "data.userId", timeout: "1d" }],
      handler: () => undefined,
    });
    const [config] = syncedConfig(register(client(), [sync])[0] as never);
    expect(config).toMatchObject({
      id: "shop-sync-user",
      name: "Sync user",
      triggers: [{ event: "user/created", expression: "event.data.plan == 'pro'" }],
      concurrency: [{ limit: 5, key: "event.data.userId" }, { limit: 100 }],
      throttle: { limit: 10, period: "1m", key: "event.data.userId", burst: 2 },
      debounce: { period: "30s", key: "event.data.userId", timeout: "5m" },
      singleton: { mode: "cancel", key: "event.data.userId" },
      priority: { run: "event.data.plan == 'pro' ? 120 : 0" },
      timeouts: { start: "10m", finish: "1h30m" },
      cancel: [{ event: "user/deleted", if: "event.data.userId == async.data.userId", timeout: "1d" }],
    });
    expect(config).toHaveProperty("steps.step.retries", { attempts: 7 });
  });

  it("sends rateLimit, idempotency and batchEvents", () => {
    const limited = defineEventFunction({
      id: "limited",
      on: userCreated,
      rateLimit: { limit: 1, period: "4h", key: "event.data.userId" },
      handler: () => undefined,
    });
    const once = defineEventFunction({
      id: "once",
      on: userCreated,
      idempotency: "event.data.userId",
      handler: () => undefined,
    });
    const batched = defineEventFunction({
      id: "batched",
      on: userCreated,
      batchEvents: { maxSize: 100, timeout: "1m", key: cel('event.data.plan + "-" + event.data.userId') },
      handler: () => undefined,
    });
    const configs = register(client(), [limited, once, batched]).map((fn) => syncedConfig(fn as never)[0]);
    expect(configs[0]?.rateLimit).toEqual({ limit: 1, period: "4h", key: "event.data.userId" });
    expect(configs[1]?.idempotency).toBe("event.data.userId");
    expect(configs[2]?.batchEvents).toEqual({
      maxSize: 100,
      timeout: "60s",
      key: 'event.data.plan + "-" + event.data.userId',
    });
  });

  it("sends a number priority as a constant run expression", () => {
    const urgent = defineEventFunction({
      id: "urgent",
      on: userCreated,
      priority: 300,
      handler: () => undefined,
    });
    expect(syncedConfig(register(client(), [urgent])[0] as never)[0]?.priority).toEqual({ run: "300" });
  });
});

describe("register: ids, prefixes, catalogs and clients", () => {
  const welcome = defineEventFunction({ id: "send-welcome-email", on: userCreated, handler: () => "ok" });

  it("prefixes ids", () => {
    const [fn] = register(client(), [welcome], { prefix: "onboarding" });
    expect(fn?.id()).toBe("onboarding-send-welcome-email");
  });

  it("rejects duplicate ids after the prefix, naming both definitions", () => {
    const other = defineStepFunction({
      id: "send-welcome-email",
      on: userCreated,
      steps: (chain) => chain.step("a", () => 1),
    });
    expect(() => register(client(), [welcome, other], { prefix: "app" })).toThrowError(
      /definitions\[0\] \(event "send-welcome-email"\) and definitions\[1\] \(step "send-welcome-email"\) both become "app-send-welcome-email"/,
    );
  });

  it("registers the same definitions on two clients independently", async () => {
    const first = register(testClient("app-one"), [welcome]);
    const second = register(testClient("app-two"), [welcome]);
    expect(syncedConfig(first[0] as never)[0]?.id).toBe("app-one-send-welcome-email");
    expect(syncedConfig(second[0] as never)[0]?.id).toBe("app-two-send-welcome-email");
    expect((await runOnce(second[0] as never, [{ name: "user/created", data: ada }])).result).toBe("ok");
  });

  it("resolves string event names through the catalog and validates their data", async () => {
    const catalog = defineCatalog([userCreated, orderCancelled]);
    const byName = defineEventFunction({
      id: "by-name",
      on: "user/created",
      cancelOn: [{ event: "order/cancelled", if: "async.data.orderId == event.data.orderId" }],
      handler: ({ event }) => event.data,
    });
    const [fn] = register(client(), [byName], { catalog });
    expect(syncedConfig(fn as never)[0]).toMatchObject({
      triggers: [{ event: "user/created" }],
      cancel: [{ event: "order/cancelled" }],
    });
    const run = await runOnce(fn as never, [{ name: "user/created", data: { userId: 1 } }]);
    expect(run.error).toMatchObject({ message: expect.stringContaining("userId") });
  });

  it("rejects a string event name missing from the catalog, with suggestions", () => {
    const typo = defineEventFunction({ id: "typo", on: "user/craeted", handler: () => undefined });
    expect(() => register(client(), [typo], { catalog: defineCatalog([userCreated]) })).toThrowError(
      /Invalid option "on\[0\]" for function "typo": "user\/craeted"\n {2}did you mean "user\/created"\?/,
    );
  });

  it("requires a catalog for string event names", () => {
    const byName = defineEventFunction({ id: "by-name", on: "user/created", handler: () => undefined });
    expect(() => register(client(), [byName])).toThrowError(JobError);
    expect(() => register(client(), [byName])).toThrowError(/register\(client, definitions, \{ catalog \}\)/);
  });

  it("leaves out definitions whose env list lacks the current env", () => {
    const devOnly = defineEventFunction({
      id: "seed-data",
      env: ["development"],
      on: userCreated,
      handler: () => 1,
    });
    expect(register(client(), [welcome, devOnly], { env: "production" }).map((fn) => fn.id())).toEqual([
      "send-welcome-email",
    ]);
    expect(register(client(), [welcome, devOnly], { env: "development" })).toHaveLength(2);
  });

  it("rejects values that are not definitions", () => {
    expect(() => register(client(), [{ id: "x" } as never])).toThrowError(/definitions\[0\]/);
  });
});

describe("register: bad arguments (issue 18)", () => {
  const welcome = defineEventFunction({ id: "welcome", on: userCreated, handler: async () => "sent" });

  it("refuses a misspelt app default with a did-you-mean, like a misspelt definition option", () => {
    const misspelt = () => register(client(), [welcome], { defaults: { concurency: 5 } as never });
    expect(misspelt).toThrowError(JobError);
    expect(misspelt).toThrowError(/defaults\.concurency/);
    expect(misspelt).toThrowError(/did you mean "concurrency"\?/);
    try {
      misspelt();
    } catch (error) {
      expect((error as JobError).code).toBe("unknown-option");
      expect((error as JobError).path).toBe("defaults.concurency");
    }
  });

  it("refuses defaults that are not an object and unknown register options", () => {
    expect(() => register(client(), [welcome], { defaults: 5 as never })).toThrowError(
      /an object of app-wide defaults/,
    );
    expect(() => register(client(), [welcome], { prefx: "billing" } as never)).toThrowError(
      /did you mean "prefix"\?/,
    );
  });

  it("says what is wrong when the client is missing instead of a bare TypeError", () => {
    for (const missing of [undefined, null, {}, "shop"]) {
      const call = () => register(missing as never, [welcome]);
      expect(call).toThrowError(JobError);
      expect(call).toThrowError(/Invalid option "client": [\s\S]*expected: an Inngest client/);
    }
  });

  it("manifest refuses what is not a definition with a JobError, not a TypeError (found by the fuzz suite)", () => {
    expect(() => manifest([Number.NaN] as never)).toThrowError(/Invalid option "definitions\[0\]"/);
    expect(() => manifest("jobs" as never)).toThrowError(JobError);
    expect(() => manifest([welcome], { now: new Date(Number.NaN) })).toThrowError(/a valid Date/);
  });

  it("keeps messages short for a 256 KiB id or option name (found by the fuzz suite)", () => {
    const huge = "x".repeat(256 * 1024);
    const longId = () => defineEventFunction({ id: huge, on: userCreated, handler: async () => 1 });
    const longKey = () =>
      defineEventFunction({ id: "ok", on: userCreated, handler: async () => 1, [huge]: 1 } as never);
    for (const call of [longId, longKey]) {
      expect(call).toThrowError(JobError);
      try {
        call();
      } catch (error) {
        expect((error as JobError).message.length).toBeLessThan(1000);
      }
    }
  });

  it("tags two definitions with one id as duplicate-id", () => {
    const again = defineEventFunction({ id: "welcome", on: userCreated, handler: async () => "again" });
    try {
      register(client(), [welcome, again]);
      expect.unreachable();
    } catch (error) {
      expect((error as JobError).code).toBe("duplicate-id");
    }
  });
});
