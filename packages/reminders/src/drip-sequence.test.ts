import { defineEvent } from "@jobkit/events";
import { userCreated } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dripSequence } from "./drip-sequence";

const start = "2026-04-01T08:00:00.000Z";
const user = (userId = "usr_1") => userCreated.create({ userId, email: "ada@example.com", name: "Ada" });
const welcomeDrip = [
  { after: "0s", template: "welcome", subject: "Welcome to Acme!" },
  { after: "1d", template: "drip", id: "tips", subject: "Three tips to get started", data: { tip: 1 } },
  { after: "3d", template: "re-engagement", id: "check-in", subject: "How is it going?" },
] as const;
const sent = (run: { sent: readonly { at: Date; data: unknown }[] }) =>
  run.sent.map((email) => `${email.at.toISOString()} ${(email.data as { template: string }).template}`);

describe("dripSequence", () => {
  it("sends the seed's welcome drip on day 0, 1 and 3 as email/send", async () => {
    const definition = dripSequence({ on: userCreated, steps: welcomeDrip });
    const run = await runJob(definition, { event: user(), now: start });

    expect(run.status).toBe("completed");
    expect(sent(run)).toEqual([
      "2026-04-01T08:00:00.000Z welcome",
      "2026-04-02T08:00:00.000Z drip",
      "2026-04-04T08:00:00.000Z re-engagement",
    ]);
    expect(run.sent[1]?.data).toMatchObject({
      to: "ada@example.com",
      subject: "Three tips to get started",
      data: { tip: 1 },
      metadata: { userId: "usr_1", reminderId: "tips" },
    });
    expect(definition.id).toBe("drip-user-created");
    expect(definition.sends.map((event) => event.name)).toEqual(["email/send"]);
  });

  it("skips the emails isActive says an active user does not need, and keeps the rest", async () => {
    const activeFrom = Date.parse("2026-04-03T00:00:00Z");
    const run = await runJob(
      dripSequence({
        on: userCreated,
        steps: welcomeDrip,
        isActive: (_user, reminder) => reminder.id !== "welcome" && Date.now() >= activeFrom,
      }),
      { event: user(), now: start },
    );

    expect(sent(run)).toEqual(["2026-04-01T08:00:00.000Z welcome", "2026-04-02T08:00:00.000Z drip"]);
    expect(run.output?.reminders[2]).toMatchObject({ id: "check-in", status: "skipped", reason: "active" });
  });

  it("skips every email for a user who is already active, without stopping the sleeps", async () => {
    const run = await runJob(dripSequence({ on: userCreated, steps: welcomeDrip, isActive: () => true }), {
      event: user(),
      now: start,
    });

    expect(run.sent).toEqual([]);
    expect(run.output?.reminders.map((reminder) => reminder.reason)).toEqual(["active", "active", "active"]);
  });

  it("sends to the address `to` reads when the event has no email", async () => {
    const teamInvited = defineEvent("team/invited", {
      schema: z.object({ teamId: z.string(), inviteeEmail: z.string() }),
    });
    const run = await runJob(
      dripSequence({
        on: teamInvited,
        to: (event) => event.data.inviteeEmail,
        steps: [{ after: "2d", template: "drip", subject: "Your team is waiting" }],
      }),
      { event: teamInvited.create({ teamId: "t_1", inviteeEmail: "grace@example.com" }), now: start },
    );

    expect(run.sent[0]?.data).toMatchObject({ to: "grace@example.com", metadata: { reminderId: "drip" } });
  });

  it("calls remind with the step instead of emitting", async () => {
    const reminded: string[] = [];
    const run = await runJob(
      dripSequence({
        on: userCreated,
        steps: welcomeDrip,
        remind: (created, reminder) => {
          reminded.push(`${created.userId} ${reminder.step.template} ${reminder.at.toISOString()}`);
        },
      }),
      { event: user(), now: start },
    );

    expect(run.sent).toEqual([]);
    expect(reminded).toEqual([
      "usr_1 welcome 2026-04-01T08:00:00.000Z",
      "usr_1 drip 2026-04-02T08:00:00.000Z",
      "usr_1 re-engagement 2026-04-04T08:00:00.000Z",
    ]);
  });

  it("checks its steps at definition time", () => {
    const errorOf = (steps: unknown): JobError => {
      try {
        dripSequence({ on: userCreated, steps: steps as never });
      } catch (error) {
        if (error instanceof JobError) return error;
        throw error;
      }
      throw new Error("expected a JobError");
    };
    expect(errorOf([]).path).toBe("steps");
    expect(
      errorOf([
        { after: "1d", template: "drip", subject: "A" },
        { after: "2d", template: "drip", subject: "B" },
      ]).path,
    ).toBe("steps[1].id");
    expect(errorOf([{ after: "1d", template: "Drip Email", subject: "A" }]).path).toBe("steps[0].template");
    expect(errorOf([{ after: "1d", template: "drip" }]).path).toBe("steps[0].subject");
    expect(errorOf([{ after: "400d", template: "drip", subject: "A" }]).path).toBe("steps[0].after");
  });

  it("keeps the default id within Inngest's id length for a long event name (found by the fuzz suite)", () => {
    const definition = dripSequence({ on: `user/${"x".repeat(5000)}`, steps: [welcomeDrip[0]] } as never);
    expect(definition.id.length).toBeLessThanOrEqual(128);
    expect(definition.id).toMatch(/^drip-user-x+$/);
  });
});
