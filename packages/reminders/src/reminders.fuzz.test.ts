import { defineEvent } from "@jobkit/events";
import { emailSend } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { faultRuns, patternFuzz, fuzzRuns as runs } from "../../../scripts/fuzz/contract";
import {
  cartAbandonment,
  defineReminderSequence,
  dripSequence,
  paymentReminder,
  ReminderError,
  trialExpiration,
} from "./index";
import { planReminders } from "./plan-reminders";

// issue 18: every factory and planning function of @jobkit/reminders fed random options. The contract:
// valid options are accepted; anything else is refused with a JobError (or ReminderError) saying what,
// expected and received in bounded length; never a bare TypeError; no prototype pollution. Fault
// properties: with step and send failures injected at random, replays never skip or duplicate a reminder.
// ≤ 200 runs per property in CI (fault properties fewer: each is a run); FUZZ_RUNS runs more locally.
const { contract, hostile, optionsFrom, attempt } = patternFuzz({
  packageName: "@jobkit/reminders",
  errors: [JobError, ReminderError],
  dates: true,
});
const { entryOf } = contract;

const invoiceIssued = defineEvent("invoice/issued", {
  schema: z.object({ invoiceId: z.string(), email: z.string(), dueAt: z.string() }),
});
const dueAt = (event: { data: { dueAt: string } }) => event.data.dueAt;
const start = Date.parse("2026-03-01T12:00:00Z");

const durations = fc.constantFrom("0d", "1h", "1d", "3d", "7d", "36h", "1w");
const reminderEntry = fc.oneof(
  fc.record({ id: fc.constantFrom("first", "second", "last-call"), after: durations }),
  fc.record({ id: fc.constantFrom("due-in-3d", "due-in-1d"), before: durations, of: fc.constant(dueAt) }),
);

const shared = {
  retries: fc.integer({ min: 0, max: 20 }),
  timezone: fc.constantFrom("UTC", "America/New_York", "Europe/Rome"),
  grace: fc.constantFrom("1h", "0s", "2d"),
  concurrency: fc.integer({ min: 1, max: 10 }),
  limits: fc.constantFrom({ maxSleepMs: 2 * 365 * 86_400_000 }, {}),
};

describe("reminders fuzz: factories and planning refuse bad input by name", { timeout: 300_000 }, () => {
  it("defineReminderSequence", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...shared,
            id: fc.constantFrom("invoice-reminders"),
            on: fc.constant(invoiceIssued),
            schedule: fc.array(reminderEntry, { minLength: 1, maxLength: 4 }),
            send: fc.constant(() => undefined),
            stillRelevant: fc.constant(() => true),
          },
          ["id", "on", "schedule", "send"],
        ),
        (options) => {
          attempt("defineReminderSequence", () => defineReminderSequence(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("cartAbandonment", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...shared,
            delay: durations,
            isStillAbandoned: fc.constant(() => true),
            subject: fc.string({ maxLength: 40 }),
            cancelOnCartUpdate: fc.boolean(),
            orderMatch: fc.constantFrom("cartId", "userId"),
          },
          ["isStillAbandoned"],
        ),
        (options) => {
          attempt("cartAbandonment", () => cartAbandonment(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("trialExpiration", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...shared,
            isSubscribed: fc.constant(() => false),
            offsets: fc.uniqueArray(fc.constantFrom("7d", "3d", "1d", "0d"), { minLength: 1 }),
          },
          ["isSubscribed"],
        ),
        (options) => {
          attempt("trialExpiration", () => trialExpiration(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("paymentReminder", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...shared,
            on: fc.constant(invoiceIssued),
            dueDateOf: fc.constant(dueAt),
            isPaid: fc.constant(() => false),
            offsets: fc.uniqueArray(fc.constantFrom("7d", "3d", "1d", "0d")),
            overdue: fc.uniqueArray(fc.constantFrom("1d", "7d")),
          },
          ["on", "dueDateOf", "isPaid"],
        ),
        (options) => {
          attempt("paymentReminder", () => paymentReminder(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("dripSequence", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...shared,
            on: fc.constant(invoiceIssued),
            steps: fc.uniqueArray(
              fc.record({
                after: durations,
                template: fc.constantFrom("welcome", "drip", "re-engagement"),
                subject: fc.string({ minLength: 1, maxLength: 30 }),
              }),
              { minLength: 1, maxLength: 3, selector: (step) => step.template },
            ),
          },
          ["on", "steps"],
        ),
        (options) => {
          attempt("dripSequence", () => dripSequence(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("planReminders, which never plans a pending reminder in the past", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 6, arbitrary: fc.array(reminderEntry, { minLength: 1, maxLength: 4 }) },
          { weight: 1, arbitrary: hostile },
        ),
        optionsFrom(
          {
            event: fc.constant(
              invoiceIssued.create({
                invoiceId: "inv_1",
                email: "a@example.com",
                dueAt: "2026-03-15T12:00:00Z",
              }),
            ),
            now: fc.oneof(fc.constant(start), fc.date({ noInvalidDate: true })),
            timezone: shared.timezone,
            grace: shared.grace,
          },
          ["event", "now"],
        ),
        (schedule, options) => {
          let plan: ReturnType<typeof planReminders> | undefined;
          attempt("planReminders", () => {
            plan = planReminders(schedule as never, options as never);
          });
          const plannedAt = plan?.plannedAt.getTime() ?? 0;
          // A pending reminder is due now or later, give or take the longest grace generated (2 days).
          for (const reminder of plan?.reminders ?? []) {
            if (reminder.status === "pending") {
              expect(reminder.at?.getTime()).toBeGreaterThanOrEqual(plannedAt - 2 * 86_400_000);
            }
          }
        },
      ),
      { numRuns: runs },
    );
  });
});

const ids = ["first", "second", "third", "fourth"];

describe("reminders fuzz: faults never skip or duplicate a reminder", () => {
  it("send delivery under failing check and send steps", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 72 }), { minLength: 4, maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max: 2 })),
        fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max: 2 })),
        async (count, hours, checkFailures, sendFailures) => {
          const entry = entryOf("defineReminderSequence run (faults)");
          entry.tried++;
          const delivered: string[] = [];
          const schedule = ids
            .slice(0, count)
            .map((id, index) => ({ id, after: `${hours[index] ?? 1}h` as const }));
          const sequence = defineReminderSequence({
            id: "invoice-reminders",
            on: invoiceIssued,
            schedule,
            retries: 3,
            send: () => undefined,
          });
          const run = await runJob(sequence, {
            event: invoiceIssued.create({
              invoiceId: "inv_1",
              email: "a@example.com",
              dueAt: "2026-03-15T12:00:00Z",
            }),
            now: start,
            unusedMocks: "ignore",
            // Throwing step mocks: a check and a send fail their first attempts; the send mock then delivers.
            steps: Object.fromEntries(
              schedule.flatMap(({ id }) => [
                [
                  `check-${id}`,
                  ({ attempt }: { attempt: number }) => {
                    if (attempt < (checkFailures[id] ?? 0)) throw new Error("billing API timeout");
                    return { send: true };
                  },
                ],
                [
                  `send-${id}`,
                  ({ attempt }: { attempt: number }) => {
                    if (attempt < (sendFailures[id] ?? 0)) throw new Error("mailer unavailable");
                    delivered.push(id);
                    return { delivered: id };
                  },
                ],
              ]),
            ),
          });
          expect(run.status).toBe("completed");
          expect([...delivered].sort()).toEqual(schedule.map(({ id }) => id).sort());
          expect(run.output).toMatchObject({ sent: count, skipped: 0 });
          entry.accepted++;
        },
      ),
      { numRuns: faultRuns },
    );
  }, 120_000);

  it("emit delivery under failing sends", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max: 3 })),
        async (count, sendFailures) => {
          const entry = entryOf("defineReminderSequence emit run (faults)");
          entry.tried++;
          const schedule = ids.slice(0, count).map((id, index) => ({ id, after: `${index + 1}d` as const }));
          const sequence = defineReminderSequence({
            id: "invoice-reminders",
            on: invoiceIssued,
            schedule,
            sends: [emailSend],
            emit: ({ event, reminder }) =>
              emailSend.create({
                to: event.data.email,
                template: "payment-reminder",
                subject: `Invoice ${event.data.invoiceId}`,
                metadata: { reminderId: reminder.id },
              }),
          });
          const run = await runJob(sequence, {
            event: invoiceIssued.create({
              invoiceId: "inv_1",
              email: "a@example.com",
              dueAt: "2026-03-15T12:00:00Z",
            }),
            now: start,
            failSends: ({ stepId, attempt }) =>
              attempt < (sendFailures[stepId.replace(/^send-/, "")] ?? 0)
                ? new Error("Inngest event API: 503")
                : undefined,
          });
          expect(run.status).toBe("completed");
          const sentFor = run.sent.map(
            (event) => (event.data as { metadata: { reminderId: string } }).metadata.reminderId,
          );
          expect([...sentFor].sort()).toEqual(schedule.map(({ id }) => id).sort());
          entry.accepted++;
        },
      ),
      { numRuns: faultRuns },
    );
  }, 120_000);
});

afterAll(() => contract.writeReport());
