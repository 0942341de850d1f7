import { defineEvent } from "@jobkit/events";
import { userCreated } from "@jobkit/events/standard";
import type { Duration, FunctionDefinition } from "@jobkit/functions";
import type { OutputOfDefinition } from "@jobkit/functions/internal";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { cartAbandonment } from "./cart-abandonment";
import { defineReminderSequence } from "./define-reminder-sequence";
import { dripSequence } from "./drip-sequence";
import { paymentReminder } from "./payment-reminder";
import type { ReminderSequenceResult } from "./reminder-handler";
import { trialExpiration } from "./trial-expiration";

const invoiceIssued = defineEvent("invoice/issued", {
  schema: z.object({
    invoiceId: z.string(),
    email: z.string(),
    dueAt: z.string(),
    lines: z.array(z.string()),
  }),
});
const invoicePaid = defineEvent("invoice/paid", { schema: z.object({ invoiceId: z.string() }) });
const teamInvited = defineEvent("team/invited", {
  schema: z.object({ teamId: z.string(), inviteeEmail: z.string() }),
});

describe("defineReminderSequence", () => {
  it("gives of, stillRelevant and send the trigger's typed event", () => {
    defineReminderSequence({
      id: "invoice-reminders",
      on: invoiceIssued,
      schedule: [
        {
          id: "due-in-3d",
          before: "3d",
          of: (event) => {
            expectTypeOf(event.data).toEqualTypeOf<{
              invoiceId: string;
              email: string;
              dueAt: string;
              lines: string[];
            }>();
            return event.data.dueAt;
          },
        },
      ],
      stillRelevant: ({ event, reminder }) => {
        expectTypeOf(event.data.invoiceId).toBeString();
        expectTypeOf(reminder.at).toEqualTypeOf<Date>();
        return true;
      },
      send: ({ event, attempt }) => {
        expectTypeOf(event.name).toEqualTypeOf<"invoice/issued">();
        expectTypeOf(attempt).toBeNumber();
      },
    });
  });

  it("rejects a field the event does not have, and values that are not deadlines", () => {
    defineReminderSequence({
      id: "invoice-reminders",
      on: invoiceIssued,
      // @ts-expect-error dueDate is not in the schema of invoice/issued
      schedule: [{ id: "due-in-3d", before: "3d", of: (event) => event.data.dueDate }],
      send: () => {},
    });
    defineReminderSequence({
      id: "invoice-reminders",
      on: invoiceIssued,
      // @ts-expect-error a list of strings is not a deadline
      schedule: [{ id: "due-in-3d", before: "3d", of: (event) => event.data.lines }],
      send: () => {},
    });
  });

  it("requires of with before, takes durations only, and never both after and before", () => {
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      // @ts-expect-error before needs of
      schedule: [{ id: "due-in-3d", before: "3d" }],
      send: () => {},
    });
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      // @ts-expect-error "3 days" is not a Duration
      schedule: [{ id: "first", after: "3 days" }],
      send: () => {},
    });
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      // @ts-expect-error after and before together
      schedule: [{ id: "first", after: "1d", before: "1d", of: (event) => event.data.dueAt }],
      send: () => {},
    });
  });

  it("needs send or emit", () => {
    // @ts-expect-error neither send nor emit
    defineReminderSequence({ id: "x", on: invoiceIssued, schedule: [{ id: "first", after: "1d" }] });
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      schedule: [{ id: "first", after: "1d" }],
      emit: ({ event }) => invoicePaid.create({ invoiceId: event.data.invoiceId }),
    });
  });

  it("checks cancelOn match paths and unknown options like defineEventFunction", () => {
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      schedule: [{ id: "first", after: "1d" }],
      send: () => {},
      cancelOn: [{ event: invoicePaid, match: "data.invoiceId" }],
    });
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      schedule: [{ id: "first", after: "1d" }],
      send: () => {},
      // @ts-expect-error data.email is not in invoice/paid
      cancelOn: [{ event: invoicePaid, match: "data.email" }],
    });
    defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      schedule: [{ id: "first", after: "1d" }],
      send: () => {},
      // @ts-expect-error misspelt option
      schedul: [],
    });
  });

  it("returns an event definition whose output is the sequence's result", () => {
    const definition = defineReminderSequence({
      id: "x",
      on: invoiceIssued,
      schedule: [{ id: "first", after: "1d" }],
      send: () => {},
    });
    expectTypeOf(definition).toExtend<FunctionDefinition<"event">>();
    expectTypeOf<OutputOfDefinition<typeof definition>>().toEqualTypeOf<ReminderSequenceResult>();
  });
});

describe("ready-made sequences", () => {
  it("give the host callbacks the standard events' typed data", () => {
    cartAbandonment({
      isStillAbandoned: (cart) => {
        expectTypeOf(cart.cartId).toBeString();
        expectTypeOf(cart.total).toBeNumber();
        return true;
      },
      remind: (cart, { reminder }) => {
        expectTypeOf(cart.email).toBeString();
        expectTypeOf(reminder.id).toBeString();
      },
    });
    trialExpiration({
      isSubscribed: (trial) => {
        expectTypeOf(trial.trialEndsAt).toBeString();
        return false;
      },
      remind: (_trial, reminder) => {
        expectTypeOf(reminder.before).toEqualTypeOf<Duration>();
      },
    });
  });

  it("reject misspelt options and malformed offsets", () => {
    // @ts-expect-error "dealy" is not an option
    cartAbandonment({ isStillAbandoned: () => true, dealy: "24h" });
    // @ts-expect-error "7 days" is not a Duration
    trialExpiration({ isSubscribed: () => false, offsets: ["7 days"] });
    // @ts-expect-error isStillAbandoned is required
    cartAbandonment({});
    cartAbandonment({ isStillAbandoned: () => true, concurrency: { limit: 1, key: "event.data.userId" } });
    // @ts-expect-error event.data.user is not in the schema of cart/abandoned
    cartAbandonment({ isStillAbandoned: () => true, concurrency: { limit: 1, key: "event.data.user" } });
  });

  it("type dueDateOf from the trigger and check the field", () => {
    paymentReminder({
      on: invoiceIssued,
      dueDateOf: (event) => event.data.dueAt,
      isPaid: (invoice) => {
        expectTypeOf(invoice.invoiceId).toBeString();
        return false;
      },
    });
    paymentReminder({
      on: invoiceIssued,
      // @ts-expect-error dueDate is not in the schema of invoice/issued
      dueDateOf: (event) => event.data.dueDate,
      isPaid: () => false,
    });
  });

  it("require `to` when the trigger has no data.email, unless remind is given", () => {
    dripSequence({ on: userCreated, steps: [{ after: "0s", template: "welcome", subject: "Hi" }] });
    dripSequence({
      on: teamInvited,
      to: (event) => event.data.inviteeEmail,
      steps: [{ after: "0s", template: "drip", subject: "Hi" }],
    });
    dripSequence({
      on: teamInvited,
      remind: (invite) => expectTypeOf(invite.teamId).toBeString(),
      steps: [{ after: "0s", template: "drip", subject: "Hi" }],
    });
    // @ts-expect-error team/invited has no data.email to send to
    dripSequence({ on: teamInvited, steps: [{ after: "0s", template: "drip", subject: "Hi" }] });
  });
});
