import { defineEvent } from "@jobkit/events";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineReminderSequence } from "./define-reminder-sequence";

const invoiceIssued = defineEvent("invoice/issued", {
  schema: z.object({
    invoiceId: z.string(),
    email: z.string(),
    dueAt: z.string().nullable(),
    zone: z.string().optional(),
  }),
});
const invoicePaid = defineEvent("invoice/paid", { schema: z.object({ invoiceId: z.string() }) });
const nudge = defineEvent("invoice/nudge", {
  schema: z.object({ invoiceId: z.string(), reminder: z.string() }),
});

const start = "2026-03-01T12:00:00.000Z";
const day = 86_400_000;
const invoice = (dueAt: string | null = "2026-03-15T12:00:00.000Z", zone?: string) =>
  invoiceIssued.create({ invoiceId: "inv_1", email: "ada@example.com", dueAt, ...(zone ? { zone } : {}) });

const dueAt = (event: { data: { dueAt: string | null } }) => event.data.dueAt;
const schedule = [
  { id: "overdue-1d", after: "1d", of: dueAt },
  { id: "due-in-3d", before: "3d", of: dueAt },
  { id: "due-in-7d", before: "7d", of: dueAt },
] as const;

/** A sequence recording each send with its reminder id and virtual time. */
function recorded(options: Partial<Parameters<typeof defineReminderSequence>[0]> = {}) {
  const sends: { id: string; at: string; attempt: number }[] = [];
  const definition = defineReminderSequence({
    id: "invoice-reminders",
    on: invoiceIssued,
    schedule,
    send: ({ reminder, attempt }) => {
      sends.push({ id: reminder.id, at: new Date().toISOString(), attempt });
      return { delivered: reminder.id };
    },
    ...(options as object),
  });
  return { definition, sends };
}

describe("defineReminderSequence", () => {
  it("sleeps until each reminder and sends them in time order, each in its own step", async () => {
    const { definition, sends } = recorded();
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.status).toBe("completed");
    expect(sends.map(({ id, at }) => `${id} ${at}`)).toEqual([
      "due-in-7d 2026-03-08T12:00:00.000Z",
      "due-in-3d 2026-03-12T12:00:00.000Z",
      "overdue-1d 2026-03-16T12:00:00.000Z",
    ]);
    expect(run.timeline.map((entry) => `${entry.type} ${entry.id}`)).toEqual([
      "step plan",
      "sleepUntil wait-due-in-7d",
      "step check-due-in-7d",
      "step send-due-in-7d",
      "sleepUntil wait-due-in-3d",
      "step check-due-in-3d",
      "step send-due-in-3d",
      "sleepUntil wait-overdue-1d",
      "step check-overdue-1d",
      "step send-overdue-1d",
    ]);
    expect(run.output).toMatchObject({ plannedAt: start, timezone: "UTC", sent: 3, skipped: 0 });
  });

  it("reads now once, in the memoized plan step, however long the run lasts", async () => {
    const { definition } = recorded();
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.timeline.filter((entry) => entry.id === "plan")).toHaveLength(1);
    expect(run.elapsed).toBe(15 * day);
    expect(run.output?.plannedAt).toBe(start);
  });

  it("skips reminders already past when the run starts, recording why, and sends none of them late", async () => {
    const { definition, sends } = recorded();
    const run = await runJob(definition, { event: invoice("2026-03-05T12:00:00.000Z"), now: start });

    expect(sends.map(({ id, at }) => `${id} ${at}`)).toEqual([
      "due-in-3d 2026-03-02T12:00:00.000Z",
      "overdue-1d 2026-03-06T12:00:00.000Z",
    ]);
    expect(run.output?.reminders[0]).toEqual({
      id: "due-in-7d",
      at: "2026-02-26T12:00:00.000Z",
      status: "skipped",
      reason: "passed",
    });
    expect(run.timeline.some((entry) => entry.id.endsWith("due-in-7d"))).toBe(false);
  });

  it("skips a reminder whose turn comes too late instead of sending a burst", async () => {
    const sends: string[] = [];
    const definition = defineReminderSequence({
      id: "bursty",
      on: invoiceIssued,
      retries: { attempts: 3, backoff: "constant", minTimeout: "1h" },
      grace: "10m",
      schedule: [
        { id: "first", after: "1h" },
        { id: "second", after: "90m" },
      ],
      send: ({ reminder, attempt }) => {
        if (reminder.id === "first" && attempt === 0) throw new Error("mail server down");
        sends.push(`${reminder.id} ${new Date().toISOString()}`);
      },
    });
    // The first send fails once and is retried an hour later, half an hour after the second was due.
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.status).toBe("completed");
    expect(sends).toEqual(["first 2026-03-01T14:00:00.000Z"]);
    expect(run.output?.reminders[1]).toMatchObject({ id: "second", status: "skipped", reason: "late" });
  });

  it("retries a failing send on its own and never sends earlier reminders again", async () => {
    let failures = 0;
    const { definition, sends } = recorded({
      retries: 2,
      send: ({ reminder, attempt }: { reminder: { id: string }; attempt: number }) => {
        if (reminder.id === "due-in-3d" && failures++ < 2) throw new Error("SMTP 451");
        sends.push({ id: reminder.id, at: new Date().toISOString(), attempt });
      },
    } as never);
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.status).toBe("completed");
    expect(sends.map(({ id, attempt }) => `${id} attempt ${attempt}`)).toEqual([
      "due-in-7d attempt 0",
      "due-in-3d attempt 2",
      "overdue-1d attempt 0",
    ]);
    const retries = run.timeline.filter((entry) => entry.type === "retry");
    expect(retries.map((entry) => entry.id)).toEqual(["send-due-in-3d", "send-due-in-3d"]);
  });

  it("skips a reminder stillRelevant rejects and sends the next", async () => {
    const { definition, sends } = recorded({
      stillRelevant: ({ reminder }: { reminder: { id: string } }) => reminder.id !== "due-in-3d",
    } as never);
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(sends.map(({ id }) => id)).toEqual(["due-in-7d", "overdue-1d"]);
    expect(run.output?.reminders[1]).toMatchObject({
      id: "due-in-3d",
      status: "skipped",
      reason: "not-relevant",
    });
  });

  it("stops the sequence when stillRelevant says stop, recording the reason", async () => {
    const { definition, sends } = recorded({
      stillRelevant: ({ reminder }: { reminder: { id: string } }) =>
        reminder.id === "due-in-7d" ? true : { relevant: false, reason: "paid", stop: true },
    } as never);
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(sends.map(({ id }) => id)).toEqual(["due-in-7d"]);
    expect(run.output?.reminders.map((reminder) => reminder.reason ?? reminder.status)).toEqual([
      "sent",
      "paid",
      "stopped",
    ]);
    expect(run.timeline.some((entry) => entry.id === "wait-overdue-1d")).toBe(false);
  });

  it("fails without retrying when stillRelevant returns something else", async () => {
    const { definition } = recorded({ stillRelevant: () => undefined } as never);
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.status).toBe("failed");
    // Thrown inside the check step: Inngest serializes step errors, keeping name and message, not code.
    expect(run.error).toMatchObject({ name: "ReminderError" });
    expect(run.error?.message).toMatch(
      /^Invalid result of stillRelevant of reminder "[\w-]+" in function "invoice-reminders": undefined/,
    );
    expect(run.attempts).toBe(1);
  });

  it("ends when a cancelOn event arrives", async () => {
    const { definition, sends } = recorded({
      cancelOn: [{ event: invoicePaid, match: "data.invoiceId" }],
    } as never);
    const run = await runJob(definition, {
      event: invoice(),
      now: start,
      incoming: [{ after: "10d", event: invoicePaid.create({ invoiceId: "inv_1" }) }],
    });

    expect(run.status).toBe("cancelled");
    expect(sends.map(({ id }) => id)).toEqual(["due-in-7d"]);
  });

  it("emits events with step.sendEvent, with an id Inngest deduplicates on", async () => {
    const definition = defineReminderSequence({
      id: "invoice-nudges",
      on: invoiceIssued,
      schedule: [{ id: "due-in-3d", before: "3d", of: (event) => event.data.dueAt }],
      emit: ({ event, reminder }) => nudge.create({ invoiceId: event.data.invoiceId, reminder: reminder.id }),
      sends: [nudge],
    });
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.sent).toHaveLength(1);
    expect(run.sent[0]).toMatchObject({
      name: "invoice/nudge",
      stepId: "send-due-in-3d",
      data: { invoiceId: "inv_1", reminder: "due-in-3d" },
      id: `reminder-${run.runId}-due-in-3d`,
    });
    expect(definition.sends.map((event) => event.name)).toEqual(["invoice/nudge"]);
  });

  it("records a reminder for which emit returns no events as skipped", async () => {
    const definition = defineReminderSequence({
      id: "invoice-nudges",
      on: invoiceIssued,
      schedule: [{ id: "first", after: "1h" }],
      emit: () => [],
    });
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(run.sent).toEqual([]);
    expect(run.output?.reminders[0]).toMatchObject({ status: "skipped", reason: "nothing-to-emit" });
  });

  it("skips a reminder whose deadline is missing from the event", async () => {
    const { definition, sends } = recorded();
    const run = await runJob(definition, { event: invoice(null), now: start });

    expect(sends).toEqual([]);
    expect(run.output?.reminders.map((reminder) => reminder.reason)).toEqual([
      "no-deadline",
      "no-deadline",
      "no-deadline",
    ]);
  });

  it("fails the run without retrying when the deadline is not a date", async () => {
    const { definition } = recorded();
    const run = await runJob(definition, { event: invoice("end of month"), now: start });

    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ name: "ReminderError", code: "invalid-deadline" });
    expect(run.error?.message).toContain(
      'Invalid deadline of reminder "overdue-1d" in function "invoice-reminders"',
    );
    expect(run.attempts).toBe(1);
  });

  it("refuses at run time a deadline further ahead than Inngest can sleep", async () => {
    const { definition, sends } = recorded();
    const run = await runJob(definition, { event: invoice("2028-03-15T12:00:00.000Z"), now: start });

    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("at most 365 days ahead");
    expect(sends).toEqual([]);
  });

  it("counts calendar days in the time zone read from the event", async () => {
    const { definition, sends } = recorded({
      timezone: (event: { data: { zone?: string } }) => event.data.zone,
    } as never);
    // Due 09:00 EDT on March 10: a week and 3 days before are 09:00 EST, the day after is 09:00 EDT.
    await runJob(definition, { event: invoice("2026-03-10T09:00:00", "America/New_York"), now: start });

    expect(sends.map(({ id, at }) => `${id} ${at}`)).toEqual([
      "due-in-7d 2026-03-03T14:00:00.000Z",
      "due-in-3d 2026-03-07T14:00:00.000Z",
      "overdue-1d 2026-03-11T13:00:00.000Z",
    ]);
  });

  it("sends a reminder due at once without sleeping", async () => {
    const { definition, sends } = recorded({ schedule: [{ id: "now", after: "0s" }] } as never);
    const run = await runJob(definition, { event: invoice(), now: start });

    expect(sends.map(({ id, at }) => `${id} ${at}`)).toEqual([`now ${start}`]);
    expect(run.timeline.some((entry) => entry.type === "sleepUntil")).toBe(false);
  });

  describe("at definition time", () => {
    const base = { id: "invoice-reminders", on: invoiceIssued, schedule, send: () => {} };
    const errorOf = (options: object): JobError => {
      try {
        defineReminderSequence({ ...base, ...options } as never);
      } catch (error) {
        if (error instanceof JobError) return error;
        throw error;
      }
      throw new Error("expected a JobError");
    };

    it("refuses a reminder after the trigger longer than Inngest's longest sleep", () => {
      const error = errorOf({ schedule: [{ id: "next-year", after: "53w" }] });
      expect(error.path).toBe("schedule[0].after");
      expect(error.functionId).toBe("invoice-reminders");
    });

    it("requires exactly one of send and emit", () => {
      expect(errorOf({ send: undefined }).path).toBe("send");
      expect(errorOf({ emit: () => [] }).path).toBe("emit");
    });

    it("rejects a handler and batchEvents, which a sequence builds or cannot use", () => {
      expect(errorOf({ handler: async () => {} }).path).toBe("handler");
      expect(errorOf({ batchEvents: { maxSize: 10, timeout: "5s" } }).path).toBe("batchEvents");
    });

    it("rejects an unknown time zone and a malformed grace", () => {
      expect(errorOf({ timezone: "America/New_Yrok" }).path).toBe("timezone");
      expect(errorOf({ grace: "soon" }).path).toBe("grace");
    });

    it("passes function options through and checks them", () => {
      expect(errorOf({ retries: 99 }).path).toBe("retries");
      expect(errorOf({ concurency: 5 }).path).toBe("concurency");
      const definition = defineReminderSequence({
        ...base,
        retries: 5,
        concurrency: { limit: 1, key: "event.data.invoiceId" },
      });
      expect(definition.config.retries.attempts).toBe(5);
      expect(definition.config.concurrency[0]?.key).toBe("event.data.invoiceId");
    });

    it("respects limit overrides for a self-hosted Inngest", () => {
      expect(errorOf({ schedule: [{ id: "x", after: "8d" }], limits: { maxSleepMs: 7 * day } }).path).toBe(
        "schedule[0].after",
      );
    });
  });
});
