import { subscriptionActivated, trialStarted } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { trialExpiration } from "./trial-expiration";

const start = "2026-02-01T10:00:00.000Z";
const trial = (trialEndsAt: string, userId = "usr_1") =>
  trialStarted.create({ userId, email: "ada@example.com", plan: "pro", trialEndsAt });
const activated = (userId: string) =>
  subscriptionActivated.create({
    userId,
    subscriptionId: "sub_1",
    plan: "pro-monthly",
    interval: "month",
    amount: 1900,
    currency: "USD",
    activatedAt: start,
  });
const sentAt = (run: { sent: readonly { at: Date; data: unknown }[] }) =>
  run.sent.map((sent) => `${sent.at.toISOString()} ${(sent.data as { subject: string }).subject}`);

describe("trialExpiration", () => {
  it("reminds 7, 3 and 1 days before the trial ends and when it ends", async () => {
    const run = await runJob(trialExpiration({ isSubscribed: () => false }), {
      event: trial("2026-02-15T10:00:00.000Z"),
      now: start,
    });

    expect(run.status).toBe("completed");
    expect(sentAt(run)).toEqual([
      "2026-02-08T10:00:00.000Z Your trial ends in 7 days",
      "2026-02-12T10:00:00.000Z Your trial ends in 3 days",
      "2026-02-14T10:00:00.000Z Your trial ends in 1 day",
      "2026-02-15T10:00:00.000Z Your trial has ended",
    ]);
    expect(run.sent.map((sent) => (sent.data as { template: string }).template)).toEqual([
      "trial-ending",
      "trial-ending",
      "trial-ending",
      "trial-ended",
    ]);
    expect(run.sent[1]?.data).toMatchObject({
      to: "ada@example.com",
      data: { trialEndsAt: "2026-02-15T10:00:00.000Z", timeLeft: "3d", daysLeft: 3, plan: "pro" },
      metadata: { userId: "usr_1", reminderId: "ends-in-3d" },
    });
  });

  it("skips the reminders already past when the trial started late, and sends the rest on time", async () => {
    const run = await runJob(trialExpiration({ isSubscribed: () => false }), {
      event: trial("2026-02-03T10:00:00.000Z"),
      now: start,
    });

    expect(sentAt(run)).toEqual([
      "2026-02-02T10:00:00.000Z Your trial ends in 1 day",
      "2026-02-03T10:00:00.000Z Your trial has ended",
    ]);
    expect(run.output?.reminders.slice(0, 2)).toEqual([
      { id: "ends-in-7d", at: "2026-01-27T10:00:00.000Z", status: "skipped", reason: "passed" },
      { id: "ends-in-3d", at: "2026-01-31T10:00:00.000Z", status: "skipped", reason: "passed" },
    ]);
  });

  it("stops when subscription/activated arrives for the same user", async () => {
    const run = await runJob(trialExpiration({ isSubscribed: () => false }), {
      event: trial("2026-02-15T10:00:00.000Z"),
      now: start,
      incoming: [
        { after: "8d", event: activated("usr_2") },
        { after: "12d", event: activated("usr_1") },
      ],
    });

    expect(run.status).toBe("cancelled");
    expect(sentAt(run)).toEqual([
      "2026-02-08T10:00:00.000Z Your trial ends in 7 days",
      "2026-02-12T10:00:00.000Z Your trial ends in 3 days",
    ]);
  });

  it("stops when isSubscribed says the user already subscribed", async () => {
    const subscribed = new Set<string>();
    const run = await runJob(
      trialExpiration({
        isSubscribed: (started) => {
          // The user subscribes on day 9, without an event reaching this run.
          if (Date.now() >= Date.parse("2026-02-10T00:00:00Z")) subscribed.add(started.userId);
          return subscribed.has(started.userId);
        },
      }),
      { event: trial("2026-02-15T10:00:00.000Z"), now: start },
    );

    expect(run.status).toBe("completed");
    expect(run.sent).toHaveLength(1);
    expect(run.output?.reminders.map((reminder) => reminder.reason ?? reminder.status)).toEqual([
      "sent",
      "subscribed",
      "stopped",
      "stopped",
    ]);
  });

  it("lands a deadline across the November change in New York at the same local time", async () => {
    // The trial ends at 09:00 EST on November 3; 7 days before is 09:00 EDT, one hour earlier in UTC.
    const run = await runJob(trialExpiration({ isSubscribed: () => false, timezone: "America/New_York" }), {
      event: trial("2026-11-03T14:00:00.000Z"),
      now: "2026-10-20T00:00:00.000Z",
    });

    expect(run.sent.map((sent) => sent.at.toISOString())).toEqual([
      "2026-10-27T13:00:00.000Z",
      "2026-10-31T13:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
      "2026-11-03T14:00:00.000Z",
    ]);
    const sleeps = run.timeline.filter((entry) => entry.type === "sleepUntil");
    expect(sleeps.map((entry) => (entry as { until: Date }).until.toISOString())).toEqual(
      run.sent.map((sent) => sent.at.toISOString()),
    );
  });

  it("takes its own offsets and a remind callback", async () => {
    const reminded: string[] = [];
    const run = await runJob(
      trialExpiration({
        offsets: ["12h", "2d"],
        isSubscribed: () => false,
        remind: (started, reminder) => {
          reminded.push(`${started.userId} ${reminder.id} ${reminder.before} ${reminder.msLeft}`);
        },
      }),
      { event: trial("2026-02-15T10:00:00.000Z"), now: start },
    );

    expect(reminded).toEqual(["usr_1 ends-in-2d 2d 172800000", "usr_1 ends-in-12h 12h 43200000"]);
    expect(run.sent).toEqual([]);
  });

  it("retries a failing reminder alone and never repeats the ones already sent", async () => {
    const attempts: string[] = [];
    const run = await runJob(
      trialExpiration({
        isSubscribed: () => false,
        retries: 3,
        remind: (_trial, reminder, { attempt }) => {
          attempts.push(`${reminder.id} attempt ${attempt}`);
          if (reminder.id === "ends-in-3d" && attempt === 0) throw new Error("mailer timeout");
        },
      }),
      { event: trial("2026-02-15T10:00:00.000Z"), now: start },
    );

    expect(run.status).toBe("completed");
    expect(attempts).toEqual([
      "ends-in-7d attempt 0",
      "ends-in-3d attempt 0",
      "ends-in-3d attempt 1",
      "ends-in-1d attempt 0",
      "ends-in-0d attempt 0",
    ]);
  });

  it("checks its options at definition time", () => {
    expect(() => trialExpiration({} as never)).toThrow(/isSubscribed/);
    expect(() => trialExpiration({ isSubscribed: () => false, offsets: [] })).toThrow(JobError);
    expect(() => trialExpiration({ isSubscribed: () => false, offsets: ["3d", "72h"] })).toThrow(
      /offsets\[1\]/,
    );
    expect(() => trialExpiration({ isSubscribed: () => false, offsets: ["3 eons" as never] })).toThrow(
      /offsets\[0\]/,
    );
  });
});
