import { defineEvent } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { syncedConfig, testClient } from "../test/support";
import { applyDefaults } from "./app-defaults";
import { defineCronFunction, defineEventFunction, JobError, manifest, register } from "./index";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });

const bare = defineEventFunction({ id: "bare", on: userCreated, handler: () => undefined });
const own = defineEventFunction({
  id: "own",
  on: userCreated,
  retries: 1,
  concurrency: 2,
  timeout: "2m",
  tags: ["email"],
  handler: () => undefined,
});
const defaults = {
  retries: { attempts: 5, backoff: "exponential", minTimeout: "1s", maxTimeout: "1h" },
  timeouts: { start: "10m", finish: "15m" },
  concurrency: 50,
  tags: ["team:growth"],
} as const;

describe("register(…, { defaults })", () => {
  it("fills in every option a definition leaves unset", () => {
    const [config] = syncedConfig(register(testClient(), [bare], { defaults })[0] as never);
    expect(config).toMatchObject({ concurrency: { limit: 50 }, timeouts: { start: "10m", finish: "15m" } });
    expect(config).toHaveProperty("steps.step.retries", { attempts: 5 });
  });

  it("lets the definition's own value win, side by side for timeouts", () => {
    const [config] = syncedConfig(register(testClient(), [own], { defaults })[0] as never);
    expect(config).toMatchObject({ concurrency: { limit: 2 }, timeouts: { start: "10m", finish: "2m" } });
    expect(config).toHaveProperty("steps.step.retries", { attempts: 1 });
  });

  it("leaves definitions untouched without defaults", () => {
    const [config] = syncedConfig(register(testClient(), [bare])[0] as never);
    expect(config).not.toHaveProperty("timeouts");
    expect(config).toHaveProperty("steps.step.retries", { attempts: bare.config.retries.attempts });
  });

  it("rejects a bad default once, naming the defaults path", () => {
    expect(() => register(testClient(), [bare], { defaults: { retries: 21 } })).toThrowError(JobError);
    expect(() => register(testClient(), [bare], { defaults: { retries: 21 } })).toThrowError(
      /app default "defaults\.retries/,
    );
    expect(() =>
      register(testClient(), [bare], { defaults: { timeouts: { finish: "soon" as never } } }),
    ).toThrowError(/defaults\.timeouts\.finish/);
  });
});

describe("a bad app default", () => {
  it("is reported the same, with the example, from register(), manifest() and applyDefaults()", () => {
    const bad = { retries: 21 };
    const errors = [
      () => register(testClient(), [bare], { defaults: bad }),
      () => manifest([bare], { defaults: bad }),
      () => applyDefaults([bare], bad),
    ].map((call) => {
      try {
        call();
      } catch (error) {
        return error as JobError;
      }
      throw new Error("expected the bad default to be refused");
    });
    for (const error of errors) {
      expect(error).toBeInstanceOf(JobError);
      expect(error.message).toBe(
        'Invalid app default "defaults.retries": 21\n  expected: a whole number of retries from 0 to 20, e.g. 5',
      );
      expect([error.path, error.example]).toEqual(["defaults.retries", "5"]);
    }
  });
});

describe("manifest(…, { defaults })", () => {
  it("reports the merged config that register() creates", () => {
    const nightly = defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: () => undefined });
    const { functions } = manifest([nightly, own], { defaults, now: new Date("2026-01-01T00:00:00Z") });
    expect(functions[0]?.retries).toMatchObject({ attempts: 5, backoff: "exponential" });
    expect(functions[0]?.tags).toEqual(["team:growth"]);
    expect(functions[1]?.retries.attempts).toBe(1);
    expect(functions[1]?.tags).toEqual(["team:growth", "email"]);
  });
});

describe("applyDefaults", () => {
  it("returns new frozen definitions and keeps the originals as they were", () => {
    const [merged] = applyDefaults([bare], defaults);
    expect(merged?.config.retries.attempts).toBe(5);
    expect(Object.isFrozen(merged)).toBe(true);
    expect(bare.config.retries.attempts).not.toBe(5);
  });
});
