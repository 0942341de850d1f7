import { NonRetriableError, StepError } from "inngest";
import { describe, expect, it } from "vitest";
import { backoffDelay, checkRetries, type RetryDecider } from "./backoff";
import { defineEventFunction, JobError, retrySchedule } from "./index";
import { decideRetry } from "./retry-decision";

describe("retrySchedule", () => {
  it("keeps a constant delay", () => {
    expect(retrySchedule({ backoff: "constant", minTimeout: "30s" }, 3)).toEqual([30_000, 30_000, 30_000]);
  });

  it("grows linearly by minTimeout", () => {
    expect(retrySchedule({ backoff: "linear", minTimeout: "10s" }, 4)).toEqual([
      10_000, 20_000, 30_000, 40_000,
    ]);
  });

  it("doubles exponentially up to maxTimeout", () => {
    expect(retrySchedule({ backoff: "exponential", minTimeout: "1s", maxTimeout: "5s" }, 5)).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it("defaults to 1s minimum and a 1h cap", () => {
    expect(retrySchedule({ backoff: "exponential" }, 14).at(-1)).toBe(3_600_000);
  });

  it("jitters each delay upwards from the computed delay, the first one too", () => {
    const half = () => 0.5;
    expect(retrySchedule({ backoff: "exponential", minTimeout: "10s", jitter: true }, 3, half)).toEqual([
      12_500, 25_000, 50_000,
    ]);
  });

  it("jitters a constant delay instead of flooring it back to minTimeout", () => {
    const schedule = retrySchedule({ backoff: "constant", minTimeout: "10s", jitter: 0.5 }, 3, () => 0.8);
    expect(schedule).toEqual([14_000, 14_000, 14_000]);
  });

  it("caps jittered delays at maxTimeout and keeps them deterministic for an injected random", () => {
    const policy = { backoff: "exponential", minTimeout: "10s", maxTimeout: "30s", jitter: 1 } as const;
    expect(retrySchedule(policy, 3, () => 1)).toEqual([20_000, 30_000, 30_000]);
    expect(retrySchedule(policy, 3, () => 0)).toEqual([10_000, 20_000, 30_000]);
  });

  it("uses the definition's attempts when none are given", () => {
    const sync = defineEventFunction({
      id: "sync",
      on: "app/sync.requested",
      retries: { attempts: 3, backoff: "linear", minTimeout: "10s" },
      handler: () => undefined,
    });
    expect(retrySchedule(sync.config.retries)).toEqual([10_000, 20_000, 30_000]);
  });

  it("refuses to invent delays when Inngest's own schedule applies", () => {
    expect(() => retrySchedule(checkRetries("sync", 3))).toThrowError(
      /without one Inngest schedules retries itself/,
    );
  });
});

describe("decideRetry", () => {
  const policy = checkRetries("sync", { attempts: 3, backoff: "linear", minTimeout: "10s" });

  it("retries after the computed delay while attempts remain", () => {
    expect(decideRetry(policy, new Error("x"), 2)).toEqual({ action: "retry-after", delayMs: 20_000 });
  });

  it("rethrows on the final attempt", () => {
    expect(decideRetry(policy, new Error("x"), 4)).toEqual({ action: "rethrow", reason: "final-attempt" });
  });

  it("leaves Inngest's control errors alone", () => {
    expect(decideRetry(policy, new NonRetriableError("stop"), 1).action).toBe("rethrow");
    expect(decideRetry(policy, new StepError("step", new Error("x")), 1).action).toBe("rethrow");
  });

  it("asks retry() with the failed attempt number from 1", () => {
    const seen: number[] = [];
    const custom = checkRetries("sync", {
      attempts: 3,
      retry: (_, attempt) => {
        seen.push(attempt);
        return attempt < 2;
      },
    });
    expect(decideRetry(custom, new Error("x"), 1)).toEqual({ action: "rethrow", reason: "inngest-schedule" });
    expect(decideRetry(custom, new Error("x"), 2)).toEqual({ action: "stop" });
    expect(seen).toEqual([1, 2]);
  });

  it("refuses a retry() that returns something other than true, false or { delay }, keeping the error", () => {
    const forgetful = checkRetries("sync", {
      attempts: 3,
      retry: (() => undefined) as unknown as RetryDecider,
    });
    const original = new Error("503 from the CRM");
    const decide = () => decideRetry(forgetful, original, 1);
    expect(decide).toThrowError(JobError);
    expect(decide).toThrowError(/^Invalid return value of retries\.retry\(\): undefined\n/);
    expect(decide).toThrowError(
      /expected: true \(retry with the policy's delay\), false \(stop retrying\) or \{ delay \}/,
    );
    expect(
      (() => {
        try {
          decide();
        } catch (error) {
          return (error as Error).cause;
        }
      })(),
    ).toBe(original);
  });

  it("backoffDelay equals the schedule entry for the same attempt", () => {
    expect(backoffDelay(policy, 3)).toBe(retrySchedule(policy)[2]);
  });
});
