import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { Inngest, Middleware } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";

const trialStarted = defineEvent("billing/trial.started", {
  schema: z.object({ userId: z.string(), trialEndsAt: z.iso.datetime() }),
});
const started = trialStarted.create({ userId: "u1", trialEndsAt: "2026-12-01T00:00:00Z" });

const checkIn = defineEventFunction({
  id: "check-in",
  on: trialStarted,
  handler: async ({ step }) => {
    const status = await step.run("check-subscription", () => "real");
    await step.sleep("wait", "1d");
    return { status, at: new Date().toISOString() };
  },
});

describe("runJob", () => {
  it("runs a definition again and again, each run from scratch", async () => {
    const first = await runJob(checkIn, {
      event: started,
      now: "2026-11-01T00:00:00Z",
      steps: { "check-subscription": "a" },
    });
    const second = await runJob(checkIn, { event: started, now: "2026-11-05T00:00:00Z" });
    expect(first.output).toEqual({ status: "a", at: "2026-11-02T00:00:00.000Z" });
    expect(second.output).toEqual({ status: "real", at: "2026-11-06T00:00:00.000Z" });
  });

  it("keeps concurrent runs apart: each has its own clock and mocks", async () => {
    const [a, b] = await Promise.all([
      runJob(checkIn, { event: started, now: "2026-01-01T00:00:00Z", steps: { "check-subscription": "a" } }),
      runJob(checkIn, { event: started, now: "2030-01-01T00:00:00Z", steps: { "check-subscription": "b" } }),
    ]);
    expect(a.output).toEqual({ status: "a", at: "2026-01-02T00:00:00.000Z" });
    expect(b.output).toEqual({ status: "b", at: "2030-01-02T00:00:00.000Z" });
  });

  it("starts at the event's ts when no now is given, else at the real time", async () => {
    const stamped = await runJob(checkIn, {
      event: trialStarted.create(
        { userId: "u1", trialEndsAt: "2026-12-01T00:00:00Z" },
        { ts: Date.UTC(2026, 5, 1) },
      ),
    });
    expect(stamped.startedAt.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    const before = Date.now();
    const unstamped = await runJob(checkIn, { event: started });
    expect(unstamped.startedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(unstamped.startedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a start time it cannot read", async () => {
    await expect(runJob(checkIn, { event: started, now: "next tuesday" })).rejects.toThrow(
      'Invalid "now" for runJob of function "check-in": "next tuesday"\n' +
        '  expected: a Date, milliseconds since the epoch or an ISO 8601 string, e.g. "2026-11-17T00:00:00Z"',
    );
  });

  it("forwards ctx.logger lines to the logger option", async () => {
    const info = vi.fn();
    const logger = { info, warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
    const job = defineEventFunction({
      id: "logs",
      on: trialStarted,
      handler: async ({ logger: log }) => log.info("hello"),
    });
    await runJob(job, { event: started, logger });
    expect(info).toHaveBeenCalledWith("hello");
  });

  it("runs raw Inngest functions with their own client's id and middleware", async () => {
    const seen: string[] = [];
    class Trace extends Middleware.BaseMiddleware {
      readonly id = "trace";
      override transformFunctionInput(arg: Middleware.TransformFunctionInputArgs) {
        seen.push(arg.ctx.event.name);
        return arg;
      }
    }
    const inngest = new Inngest({ id: "billing", middleware: [Trace] });
    const job = inngest.createFunction(
      { id: "raw", triggers: [{ event: trialStarted }] },
      async ({ event }) => event.data.userId,
    );
    const run = await runJob(job, { event: started });
    expect(run.output).toBe("u1");
    expect(seen).toContain("billing/trial.started");
  });
});
