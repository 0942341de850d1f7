import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";

const trialStarted = defineEvent("billing/trial.started", { schema: z.object({ userId: z.string() }) });
const subscribed = defineEvent("billing/subscription.activated", {
  schema: z.object({ userId: z.string() }),
});
const started = trialStarted.create({ userId: "u1" });
const start = "2026-11-17T00:00:00.000Z";
const sentEmails: string[] = [];

const reminders = defineEventFunction({
  id: "trial-reminders",
  on: trialStarted,
  cancelOn: [{ event: subscribed, match: "data.userId", timeout: "30d" }],
  retries: 0,
  handler: async ({ step }) => {
    await step.sleep("wait-7-days", "7d");
    await step.run("send-first", () => sentEmails.push("first"));
    await step.sleep("wait-14-days", "14d");
    await step.run("send-second", () => sentEmails.push("second"));
    return "all sent";
  },
  onFailure: () => {
    throw new Error("onFailure must not run for a cancelled run");
  },
});

describe("cancelOn", () => {
  it("cancels the run when a matching event arrives while it sleeps", async () => {
    const run = await runJob(reminders, {
      event: started,
      now: start,
      incoming: [{ after: "10d", event: subscribed.create({ userId: "u1" }) }],
    });
    expect(run.status).toBe("cancelled");
    expect(run.timeline.map((entry) => `${entry.type}:${entry.id}`)).toEqual([
      "sleep:wait-7-days",
      "step:send-first",
      "cancelled:trial-reminders",
    ]);
    expect(run.timeline.at(-1)).toMatchObject({
      reason: "event",
      at: new Date("2026-11-27T00:00:00.000Z"),
      event: { name: "billing/subscription.activated", data: { userId: "u1" } },
    });
    expect(run.elapsed).toBe(10 * 86_400_000);
    expect(run.output).toBeUndefined();
  });

  it("ignores events whose match field differs, and events after the run completed", async () => {
    const run = await runJob(reminders, {
      event: started,
      now: start,
      incoming: [
        { after: "3d", event: subscribed.create({ userId: "someone-else" }) },
        { after: "25d", event: subscribed.create({ userId: "u1" }) },
      ],
    });
    expect(run.status).toBe("completed");
  });

  it("stops listening when the cancellation's timeout has passed", async () => {
    const shortWatch = defineEventFunction({
      id: "short-watch",
      on: trialStarted,
      cancelOn: [{ event: subscribed, match: "data.userId", timeout: "1d" }],
      handler: async ({ step }) => {
        await step.sleep("wait", "3d");
        return "done";
      },
    });
    const run = await runJob(shortWatch, {
      event: started,
      now: start,
      incoming: [{ after: "2d", event: subscribed.create({ userId: "u1" }) }],
    });
    expect(run.status).toBe("completed");
  });

  it("cancels a run that is still going when timeouts.finish expires", async () => {
    const bounded = defineEventFunction({
      id: "bounded",
      on: trialStarted,
      timeouts: { finish: "1d" },
      handler: async ({ step }) => {
        await step.sleep("wait", "2d");
        return "too late";
      },
    });
    const run = await runJob(bounded, { event: started, now: start });
    expect(run.status).toBe("cancelled");
    expect(run.timeline.at(-1)).toMatchObject({ type: "cancelled", reason: "timeout" });
    expect(run.elapsed).toBe(86_400_000);
  });
});

describe("cancelOn expressions", () => {
  it("refuses an if expression it cannot evaluate before running anything", async () => {
    let ran = false;
    const job = defineEventFunction({
      id: "odd-cancel",
      on: trialStarted,
      cancelOn: [{ event: subscribed, if: "async.data.userId.startsWith('u')" }],
      handler: async () => {
        ran = true;
      },
    });
    await expect(runJob(job, { event: started })).rejects.toMatchObject({
      code: "unsupported-expression",
      message: expect.stringContaining(
        'The cancelOn of function "odd-cancel" has an expression runJob cannot evaluate',
      ),
    });
    expect(ran).toBe(false);
  });
});
