import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { Inngest, Middleware, NonRetriableError, RetryAfterError } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { RunEvent } from "./job-run";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";
import type { SendAttempt } from "./run-job-options";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const created = userCreated.create({ userId: "u1" });
const now = "2026-01-01T00:00:00Z";
const unavailable = () => new Error("Inngest event API: 503 Service Unavailable");

const welcome = defineEventFunction({
  id: "welcome",
  on: userCreated,
  retries: 2,
  handler: async ({ event, step }) => {
    await step.run("load-user", () => ({ userId: event.data.userId }));
    const { ids } = await step.sendEvent("send-welcome", [
      { name: "email/send", data: { userId: event.data.userId }, id: "welcome-u1" },
      { name: "crm/contact.create", data: { userId: event.data.userId } },
    ]);
    return ids;
  },
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("runJob with failSends", () => {
  it("retries a send that fails once, on the virtual clock, and records its events once", async () => {
    const attempts: SendAttempt[] = [];
    const run = await runJob(welcome, {
      event: created,
      now,
      failSends: (send) => {
        attempts.push(send);
        return send.attempt === 0 ? unavailable() : undefined;
      },
    });
    expect(run.status).toBe("completed");
    expect(attempts.map(({ stepId, attempt }) => ({ stepId, attempt }))).toEqual([
      { stepId: "send-welcome", attempt: 0 },
      { stepId: "send-welcome", attempt: 1 },
    ]);
    expect(run.timeline.map((entry) => [entry.type, entry.id])).toEqual([
      ["step", "load-user"],
      ["retry", "send-welcome"],
      ["sendEvent", "send-welcome"],
    ]);
    expect(run.timeline[1]).toMatchObject({
      scope: "step",
      attempt: 0,
      delay: 15_000,
      error: { message: "Inngest event API: 503 Service Unavailable" },
    });
    expect(run.sent.map((event) => [event.id, event.stepId, event.at.toISOString()])).toEqual([
      ["welcome-u1", "send-welcome", "2026-01-01T00:00:15.000Z"],
      ["evt-sent-1", "send-welcome", "2026-01-01T00:00:15.000Z"],
    ]);
    expect(run.output).toEqual(["welcome-u1", "evt-sent-1"]);
  });

  it("shows each attempt its events with the ids they get if it goes through", async () => {
    const seen: (readonly RunEvent[])[] = [];
    const run = await runJob(welcome, {
      event: created,
      now,
      failSends: ({ events, attempt }) => {
        seen.push(events);
        return attempt === 0 ? unavailable() : undefined;
      },
    });
    expect(seen.map((events) => events.map((event) => [event.name, event.id]))).toEqual([
      [
        ["email/send", "welcome-u1"],
        ["crm/contact.create", "evt-sent-1"],
      ],
      [
        ["email/send", "welcome-u1"],
        ["crm/contact.create", "evt-sent-1"],
      ],
    ]);
    expect(seen[1]?.[1]).toMatchObject({ data: { userId: "u1" }, ts: Date.parse("2026-01-01T00:00:15Z") });
    expect(run.sent.map((event) => event.id)).toEqual(["welcome-u1", "evt-sent-1"]);
  });

  it("fails the run after the function's retries when every attempt fails, having sent nothing", async () => {
    const run = await runJob(welcome, { event: created, now, failSends: unavailable });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("Inngest event API: 503 Service Unavailable");
    expect(run.attempts).toBe(3);
    expect(
      run.timeline
        .filter((entry) => entry.type === "retry")
        .map((entry) => entry.type === "retry" && entry.attempt),
    ).toEqual([0, 1]);
    expect(run.sent).toEqual([]);
    expect(run.timeline.some((entry) => entry.type === "sendEvent")).toBe(false);
  });

  it("never waits in real time: the SDK's own send retries are skipped", async () => {
    const timers = vi.spyOn(globalThis, "setTimeout");
    const run = await runJob(welcome, { event: created, now, failSends: unavailable });
    expect(run.status).toBe("failed");
    // The SDK retries a failed request to the event API after 100, 200, 400 and 800 ms, each plus up to
    // 100 ms of jitter; its other timer (the execution engine's 10 s timeout) is cleared, never waited for.
    const backoffSleeps = timers.mock.calls.filter(
      ([, delay]) => typeof delay === "number" && delay >= 100 && delay < 1000,
    );
    expect(backoffSleeps).toEqual([]);
  });

  it("fails only the chosen step among parallel sends", async () => {
    const job = defineEventFunction({
      id: "parallel",
      on: userCreated,
      handler: async ({ step }) => {
        await Promise.all([
          step.sendEvent("send-a", { name: "app/a", data: {}, id: "a" }),
          step.sendEvent("send-b", { name: "app/b", data: {}, id: "b" }),
        ]);
      },
    });
    const run = await runJob(job, {
      event: created,
      now,
      failSends: ({ stepId, attempt }) => (stepId === "send-b" && attempt === 0 ? unavailable() : undefined),
    });
    expect(run.status).toBe("completed");
    expect(run.timeline.filter((entry) => entry.type === "retry").map((entry) => entry.id)).toEqual([
      "send-b",
    ]);
    expect(run.sent.map((event) => [event.stepId, event.id])).toEqual([
      ["send-a", "a"],
      ["send-b", "b"],
    ]);
  });

  it("follows NonRetriableError and RetryAfterError like a failing step", async () => {
    const final = await runJob(welcome, {
      event: created,
      failSends: () => new NonRetriableError("event key revoked"),
    });
    expect(final.status).toBe("failed");
    expect(final.attempts).toBe(1);
    expect(final.error?.message).toBe("event key revoked");

    const later = await runJob(welcome, {
      event: created,
      failSends: ({ attempt }) => (attempt === 0 ? new RetryAfterError("rate limited", "2m") : undefined),
    });
    expect(later.status).toBe("completed");
    expect(later.timeline.find((entry) => entry.type === "retry")).toMatchObject({ delay: 120_000 });
  });

  it("lets client middleware see the failed send, as it would a refused request", async () => {
    const outcomes: string[] = [];
    class Backup extends Middleware.BaseMiddleware {
      readonly id = "backup";
      override async wrapSendEvent(args: Middleware.WrapSendEventArgs) {
        try {
          const result = await args.next();
          outcomes.push("sent");
          return result;
        } catch (error) {
          outcomes.push(`failed: ${(error as Error).message}`);
          throw error;
        }
      }
    }
    const inngest = new Inngest({ id: "crm", middleware: [Backup] });
    const job = inngest.createFunction(
      { id: "raw-send", triggers: [{ event: "user/created" }] },
      async ({ step }) => step.sendEvent("notify", { name: "app/notify", data: {} }),
    );
    const run = await runJob(job, {
      event: created,
      failSends: ({ attempt }) => (attempt === 0 ? unavailable() : undefined),
    });
    expect(run.status).toBe("completed");
    expect(outcomes).toEqual(["failed: Inngest event API: 503 Service Unavailable", "sent"]);
  });

  it("refuses a failSends that is not a function", async () => {
    await expect(runJob(welcome, { event: created, failSends: {} as never })).rejects.toThrow(
      'Invalid failSends for runJob of function "welcome": an object\n' +
        "  expected: a function of { stepId, events, attempt } that returns an Error to fail that send, e.g.",
    );
  });

  it("stops the run when failSends returns something other than an Error or undefined", async () => {
    const attempt = runJob(welcome, { event: created, failSends: () => "503" as never });
    await expect(attempt).rejects.toBeInstanceOf(RunJobError);
    await expect(attempt).rejects.toMatchObject({ code: "invalid-options", stepId: "send-welcome" });
    await expect(attempt).rejects.toThrow(
      'The failSends option of runJob for function "welcome" returned "503" at step "send-welcome" (attempt 0)\n' +
        "  expected: an Error to fail the attempt, or undefined to send, e.g.",
    );
  });

  it("stops the run when failSends throws, keeping its error as the cause", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const attempt = runJob(welcome, {
      event: created,
      failSends: () => {
        throw bug;
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: "invalid-options", cause: bug });
    await expect(attempt).rejects.toThrow(
      /failSends option of runJob for function "welcome" threw TypeError: Cannot read properties/,
    );
  });
});
