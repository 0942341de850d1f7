import { defineEvent } from "@jobkit/events";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { paymentReminder } from "./payment-reminder";

const invoiceIssued = defineEvent("invoice/issued", {
  schema: z.object({ invoiceId: z.string(), userId: z.string(), email: z.string(), dueDate: z.string() }),
});
const invoicePaid = defineEvent("invoice/paid", { schema: z.object({ invoiceId: z.string() }) });
const start = "2026-05-01T12:00:00.000Z";
const invoice = (dueDate: string) =>
  invoiceIssued.create({ invoiceId: "inv_7", userId: "usr_1", email: "ada@example.com", dueDate });
const subjects = (run: { sent: readonly { at: Date; data: unknown }[] }) =>
  run.sent.map((email) => `${email.at.toISOString()} ${(email.data as { subject: string }).subject}`);

describe("paymentReminder", () => {
  it("reminds before the due date and, while unpaid, after it", async () => {
    const run = await runJob(
      paymentReminder({
        on: invoiceIssued,
        dueDateOf: (event) => event.data.dueDate,
        overdue: ["1d", "7d"],
        isPaid: () => false,
        emailData: (data) => ({ invoiceId: data.invoiceId }),
      }),
      { event: invoice("2026-05-10T12:00:00Z"), now: start },
    );

    expect(subjects(run)).toEqual([
      "2026-05-07T12:00:00.000Z Payment due in 3 days",
      "2026-05-09T12:00:00.000Z Payment due in 1 day",
      "2026-05-10T12:00:00.000Z Payment due today",
      "2026-05-11T12:00:00.000Z Payment overdue by 1 day",
      "2026-05-17T12:00:00.000Z Payment overdue by 7 days",
    ]);
    expect(run.sent[3]?.data).toMatchObject({
      to: "ada@example.com",
      template: "payment-reminder",
      data: { dueAt: "2026-05-10T12:00:00.000Z", overdue: true, timeLeft: "1d", invoiceId: "inv_7" },
      metadata: { userId: "usr_1", reminderId: "overdue-1d" },
    });
  });

  it("stops once isPaid says the invoice is paid", async () => {
    const run = await runJob(
      paymentReminder({
        on: invoiceIssued,
        dueDateOf: (event) => event.data.dueDate,
        isPaid: () => Date.now() > Date.parse("2026-05-08T00:00:00Z"),
      }),
      { event: invoice("2026-05-10T12:00:00Z"), now: start },
    );

    expect(run.sent).toHaveLength(1);
    expect(run.output?.reminders.map((reminder) => reminder.reason ?? reminder.status)).toEqual([
      "sent",
      "paid",
      "stopped",
    ]);
  });

  it("stops when the host's paid event arrives, through cancelOn", async () => {
    const run = await runJob(
      paymentReminder({
        on: invoiceIssued,
        dueDateOf: (event) => event.data.dueDate,
        isPaid: () => false,
        cancelOn: [{ event: invoicePaid, match: "data.invoiceId" }],
      }),
      {
        event: invoice("2026-05-10T12:00:00Z"),
        now: start,
        incoming: [{ after: "7d", event: invoicePaid.create({ invoiceId: "inv_7" }) }],
      },
    );

    expect(run.status).toBe("cancelled");
    expect(run.sent).toHaveLength(1);
  });

  it("reads a bare due date as midnight in the time zone, across the spring change", async () => {
    // Due 2026-03-10 in New York (00:00 EDT = 04:00Z); 3 days before is 00:00 EST = 05:00Z.
    const run = await runJob(
      paymentReminder({
        on: invoiceIssued,
        dueDateOf: (event) => event.data.dueDate,
        offsets: ["3d", "0d"],
        isPaid: () => false,
        timezone: "America/New_York",
      }),
      { event: invoice("2026-03-10"), now: "2026-03-01T00:00:00Z" },
    );

    expect(run.sent.map((email) => email.at.toISOString())).toEqual([
      "2026-03-07T05:00:00.000Z",
      "2026-03-10T04:00:00.000Z",
    ]);
  });

  it("passes the reminder's kind and offset to remind", async () => {
    const reminded: string[] = [];
    await runJob(
      paymentReminder({
        on: invoiceIssued,
        dueDateOf: (event) => event.data.dueDate,
        offsets: ["1d"],
        overdue: ["2d"],
        isPaid: () => false,
        remind: (data, reminder) => {
          reminded.push(`${data.invoiceId} ${reminder.kind} ${reminder.offset} ${reminder.msLeft}`);
        },
      }),
      { event: invoice("2026-05-10T12:00:00Z"), now: start },
    );

    expect(reminded).toEqual(["inv_7 before 1d 86400000", "inv_7 overdue 2d -172800000"]);
  });

  it("checks its options at definition time", () => {
    const base = { on: invoiceIssued, dueDateOf: () => "2026-05-10", isPaid: () => false };
    expect(() => paymentReminder({ ...base, isPaid: undefined } as never)).toThrow(/isPaid/);
    expect(() => paymentReminder({ ...base, dueDateOf: "dueDate" } as never)).toThrow(/dueDateOf/);
    expect(() => paymentReminder({ ...base, offsets: [], overdue: [] })).toThrow(JobError);
    expect(() => paymentReminder({ ...base, offsets: [] })).toThrow(/Invalid option "offsets"/);
    expect(() => paymentReminder({ ...base, overdue: ["1d", "24h"] })).toThrow(/overdue\[1\]/);
  });
});
