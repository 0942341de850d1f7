import { defineEvent } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCronFunction, defineEventFunction, defineStepFunction, JobError } from "./index";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });

interface LooseChain {
  step(id: string, run: () => number): LooseChain;
}

/** Defines an event function from loose options, bypassing the compile-time checks on purpose. */
const event = (options: Record<string, unknown>) => () =>
  defineEventFunction({ id: "sync-user", on: userCreated, handler: () => undefined, ...options } as never);
const cron = (options: Record<string, unknown>) => () =>
  defineCronFunction({
    id: "daily-report",
    cron: "0 9 * * *",
    handler: () => undefined,
    ...options,
  } as never);
const steps = (options: Record<string, unknown>) => () =>
  defineStepFunction({
    id: "process-order",
    on: userCreated,
    steps: (chain: LooseChain) => chain.step("a", () => 1),
    ...options,
  } as never);

describe("bad configuration is rejected at definition time", () => {
  it("keeps the message short when a long key path lacks the event. prefix", () => {
    const key = `data.${"k".repeat(256 * 1024)}`;
    let error: unknown;
    try {
      event({ idempotency: key })();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).message).toContain('e.g. "event.data.kkk');
    expect((error as JobError).message.length).toBeLessThan(1000);
  });

  it.each([
    ["id with capitals", event({ id: "SyncUser" }), 'Invalid function id: "SyncUser"'],
    ["id suggestion", event({ id: "Sync User" }), 'e.g. "sync-user"'],
    ["id too long", event({ id: "a".repeat(129) }), "129 characters, more than 128"],
    [
      "missing handler",
      event({ handler: undefined }),
      'Invalid option "handler" for function "sync-user": undefined',
    ],
    ["empty on", event({ on: [] }), 'Invalid option "on"'],
    ["duplicate trigger", event({ on: [userCreated, userCreated] }), 'option "on[1]"'],
    [
      "too many triggers",
      event({ on: Array.from({ length: 11 }, (_, i) => `app/e${i}`) }),
      "at most 10 triggers",
    ],
    ["unknown option with suggestion", event({ concurency: 5 }), 'did you mean "concurrency"?'],
    ["retries above 20", event({ retries: 21 }), "a whole number of retries from 0 to 20"],
    ["negative retries", event({ retries: { attempts: -1 } }), 'option "retries.attempts"'],
    [
      "unknown backoff",
      event({ retries: { attempts: 3, backoff: "fibonacci" } }),
      '"constant", "linear", "exponential"',
    ],
    [
      "maxTimeout below minTimeout",
      event({ retries: { backoff: "linear", minTimeout: "1m", maxTimeout: "10s" } }),
      "at least retries.minTimeout",
    ],
    [
      "retry delay above a day",
      event({ retries: { backoff: "constant", minTimeout: "2d" } }),
      "between 1s and 1d",
    ],
    [
      "timeouts without backoff",
      event({ retries: { attempts: 3, minTimeout: "1s" } }),
      'a "backoff" policy next to "minTimeout"',
    ],
    ["jitter outside 0-1", event({ retries: { backoff: "constant", jitter: 2 } }), "a fraction from 0 to 1"],
    ["retry not a function", event({ retries: { retry: "always" } }), 'option "retries.retry"'],
    [
      "duration without unit",
      event({ throttle: { limit: 1, period: "60" } }),
      "a number without a unit is milliseconds: 60 ms",
    ],
    ["throttle period too long", event({ throttle: { limit: 1, period: "8d" } }), "between 1s and 1w"],
    ["throttle limit zero", event({ throttle: { limit: 0, period: "1m" } }), 'option "throttle.limit"'],
    ["rate limit period too long", event({ rateLimit: { limit: 1, period: "2d" } }), "between 1s and 1d"],
    [
      "batch too large",
      event({ batchEvents: { maxSize: 101, timeout: "5s" } }),
      "a whole number from 1 to 100",
    ],
    ["batch timeout too long", event({ batchEvents: { maxSize: 10, timeout: "2m" } }), "between 1s and 1m"],
    [
      "batch with debounce",
      event({ batchEvents: { maxSize: 10, timeout: "5s" }, debounce: { period: "5s" } }),
      "either batchEvents or debounce",
    ],
    [
      "batch with priority",
      event({ batchEvents: { maxSize: 10, timeout: "5s" }, priority: 10 }),
      "either priority or batchEvents",
    ],
    [
      "three concurrency limits",
      event({ concurrency: [{ limit: 1 }, { limit: 2 }, { limit: 3 }] }),
      "1 to 2 concurrency limits",
    ],
    [
      "concurrency key without event.",
      event({ concurrency: { limit: 1, key: "data.userId" } }),
      'e.g. "event.data.userId"',
    ],
    [
      "account scope without key",
      event({ concurrency: { limit: 1, scope: "account" } }),
      'a key for a concurrency limit with scope "account"',
    ],
    ["debounce period below 1s", event({ debounce: { period: "0.5s" } }), "between 1s and 1w"],
    [
      "debounce timeout below period",
      event({ debounce: { period: "1m", timeout: "30s" } }),
      'option "debounce.timeout"',
    ],
    ["priority out of range", event({ priority: 601 }), "a whole number from -600 to 600"],
    ["empty priority expression", event({ priority: { run: "" } }), 'option "priority.run"'],
    [
      "idempotency with rate limit",
      event({ idempotency: "event.data.userId", rateLimit: { limit: 1, period: "1h" } }),
      "either idempotency or rateLimit",
    ],
    ["singleton mode", event({ singleton: { mode: "queue" } }), '"skip" or "cancel"'],
    [
      "timeout and timeouts.finish",
      event({ timeout: "1h", timeouts: { finish: "2h" } }),
      'either "timeout" or "timeouts.finish"',
    ],
    ["timeout above a year", event({ timeouts: { finish: "53w" } }), "between 1s and 52w1d"],
    [
      "cancelOn match and if",
      event({ cancelOn: [{ event: userDeleted, match: "data.userId", if: "true" }] }),
      'either "match" or "if"',
    ],
    [
      "cancelOn match outside data",
      event({ cancelOn: [{ event: userDeleted, match: "userId" }] }),
      'a "data.*" path',
    ],
    [
      "too many cancelOn",
      event({ cancelOn: Array.from({ length: 6 }, () => ({ event: userDeleted })) }),
      "at most 5 cancellation events",
    ],
    ["cancelOn without event", event({ cancelOn: [{ match: "data.userId" }] }), 'option "cancelOn[0].event"'],
    ["tags not strings", event({ tags: ["ok", 3] }), 'option "tags"'],
    ["sends with a name", event({ sends: ["user/deleted"] }), 'option "sends[0]"'],
    ["cron with 61 minutes", cron({ cron: "61 * * * *" }), "minute: 61 is outside 0-59"],
    [
      "cron with seconds",
      cron({ cron: "0 0 9 * * *" }),
      "6 fields: Inngest crons have five, no seconds or year field",
    ],
    ["cron with L", cron({ cron: "0 9 L * *" }), "L, W and # are not part of Inngest's cron grammar"],
    ["cron day-of-week 7", cron({ cron: "0 9 * * 7" }), "day-of-week: 7 is outside 0-6"],
    ["cron never runs", cron({ cron: "0 9 31 2 *" }), "it never runs"],
    [
      "cron with TZ prefix",
      cron({ cron: "TZ=Europe/Paris 0 9 * * *" }),
      "pass the zone as the `timezone` option",
    ],
    ["unknown timezone", cron({ timezone: "America/NewYork" }), 'did you mean "America/New_York"'],
    ["lower-case timezone", cron({ timezone: "utc" }), 'write "UTC"'],
    ["offset timezone", cron({ timezone: "+02:00" }), "a UTC offset does not follow daylight saving time"],
    [
      "batching a cron",
      cron({ batchEvents: { maxSize: 10, timeout: "5s" } }),
      'Invalid option "batchEvents" for function "daily-report"',
    ],
    [
      "step function without steps",
      steps({ steps: (chain: LooseChain) => chain }),
      "at least one .step(id, run)",
    ],
    [
      "duplicate step id",
      steps({ steps: (chain: LooseChain) => chain.step("a", () => 1).step("a", () => 2) }),
      "a step id not used by an earlier step",
    ],
  ])("%s", (_, define, fragment) => {
    expect(define).toThrowError(JobError);
    expect(define).toThrowError(fragment);
  });

  it("formats the message as what, detail, expected", () => {
    expect(cron({ cron: "61 * * * *" })).toThrowError(
      'Invalid cron expression for function "daily-report": "61 * * * *"\n' +
        "  minute: 61 is outside 0-59\n" +
        '  expected: five fields "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1-5"',
    );
  });

  it("gives structured fields", () => {
    try {
      cron({ timezone: "Mars/Olympus" })();
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        functionId: "daily-report",
        path: "timezone",
        received: '"Mars/Olympus"',
      });
      expect((error as Error).message).toContain(
        "unknown zone: Inngest loads zones with Go's time.LoadLocation",
      );
    }
  });

  it("freezes the definition and its normalised config", () => {
    const definition = defineEventFunction({
      id: "frozen",
      on: userCreated,
      throttle: { limit: 5, period: "1m" },
      handler: () => undefined,
    });
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.config.throttle)).toBe(true);
    expect(definition.config.throttle).toEqual({
      limit: 5,
      periodMs: 60_000,
      key: undefined,
      burst: undefined,
    });
  });
});
