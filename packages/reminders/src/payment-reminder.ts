import { emailSend } from "@jobkit/events/standard";
import type { Duration, ReceivedEventOf } from "@jobkit/functions";
import type { CheckOptionKeys, OnInput, RejectUnknownOptions } from "@jobkit/functions/internal";
import { checkCallback } from "./check-callback";
import { checkOffsets } from "./check-offsets";
import { buildReminderSequence, type ReminderSequenceDefinition } from "./define-reminder-sequence";
import { formatTimeLeft } from "./format-time-left";
import type { DeadlineInput } from "./parse-deadline";
import { checkSequenceOptions, type ReminderReadyMadeOptions } from "./ready-made-options";
import { type Recipient, type RecipientOption, recipientOf, userIdOf } from "./recipient-option";
import type { ReminderContext, ReminderInfo } from "./reminder-handler";

/**
 * One payment reminder: before the due date, or `overdue` after it.
 *
 * @example A subject line per reminder
 * ```ts
 * import type { PaymentReminderInfo } from "@jobkit/reminders";
 *
 * export function paymentSubject(reminder: PaymentReminderInfo): string {
 *   const days = Math.round(Math.abs(reminder.msLeft) / 86_400_000);
 *   return reminder.kind === "overdue" ? `Payment overdue by ${days} days` : `Payment due in ${days} days`;
 * }
 * ```
 */
export interface PaymentReminderInfo extends ReminderInfo {
  /** `"before"` the due date (from `offsets`) or `"overdue"` (from `overdue`). */
  readonly kind: "before" | "overdue";
  /** The offset as written, e.g. `"3d"`. */
  readonly offset: Duration;
  /** Milliseconds from the reminder to the due date: positive before, 0 at, negative once overdue. */
  readonly msLeft: number;
}

type PaymentData<TOn extends OnInput> = ReceivedEventOf<TOn>["data"];

/**
 * The options of {@link paymentReminder} besides the recipient.
 *
 * @example Say who receives the reminders when the event has no email
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { type PaymentReminderBaseOptions, paymentReminder } from "@jobkit/reminders";
 *
 * const invoiceIssued = defineEvent("invoice/issued", {
 *   schema: z.object({ invoiceId: z.string(), billingEmail: z.string(), dueDate: z.string() }),
 * });
 * declare const invoices: { isPaid(invoiceId: string): Promise<boolean> };
 *
 * const base: PaymentReminderBaseOptions<typeof invoiceIssued> = {
 *   on: invoiceIssued,
 *   dueDateOf: (event) => event.data.dueDate,
 *   isPaid: (invoice) => invoices.isPaid(invoice.invoiceId),
 * };
 * export const invoiceReminders = paymentReminder({ ...base, to: (event) => event.data.billingEmail });
 * ```
 */
export interface PaymentReminderBaseOptions<TOn extends OnInput>
  extends ReminderReadyMadeOptions<ReceivedEventOf<TOn>> {
  /** The trigger, e.g. your `invoice/issued` event. */
  readonly on: TOn;
  /** Reads the due date from the event: a `Date`, epoch ms or ISO string (a bare date is midnight in `timezone`). */
  readonly dueDateOf: (event: ReceivedEventOf<TOn>) => DeadlineInput;
  /** How long before the due date to remind; default `["3d", "1d", "0d"]`. */
  readonly offsets?: readonly Duration[];
  /** How long after the due date to remind while unpaid; default none. */
  readonly overdue?: readonly Duration[];
  /** Asked before each reminder, in its own step: `true` ends the sequence (reason `"paid"`). */
  readonly isPaid: (
    data: PaymentData<TOn>,
    ctx: ReminderContext<ReceivedEventOf<TOn>>,
  ) => boolean | Promise<boolean>;
  /** Subject of the emitted email; default "Payment due in 3 days" / "Payment due today" / "Payment overdue by 1 day". */
  readonly subject?: (reminder: PaymentReminderInfo) => string;
  /** Extra template variables of the emitted email (invoice number, amount, link), merged over the due date. */
  readonly emailData?: (data: PaymentData<TOn>, reminder: PaymentReminderInfo) => Record<string, unknown>;
}

/**
 * The options of {@link paymentReminder}: emit `email/send` to `to` (or `data.email`), or `remind` yourself.
 */
export type PaymentReminderOptions<TOn extends OnInput> = PaymentReminderBaseOptions<TOn> &
  (
    | {
        /** Sends a reminder yourself, in its own step, instead of emitting `email/send`. */
        readonly remind: (
          data: PaymentData<TOn>,
          reminder: PaymentReminderInfo,
          ctx: ReminderContext<ReceivedEventOf<TOn>>,
        ) => unknown;
        readonly to?: Recipient<ReceivedEventOf<TOn>>;
      }
    | ({ readonly remind?: undefined } & RecipientOption<ReceivedEventOf<TOn>>)
  );

/** Every option name {@link paymentReminder} accepts. */
export type PaymentReminderKey = keyof PaymentReminderBaseOptions<OnInput> | "remind" | "to";

const defaultOffsets: readonly Duration[] = ["3d", "1d", "0d"];

const paymentOptionNames = [
  "on",
  "dueDateOf",
  "offsets",
  "overdue",
  "isPaid",
  "remind",
  "to",
  "subject",
  "emailData",
] as const satisfies readonly PaymentReminderKey[];

/**
 * Invoice reminders, ready-made: for each trigger event, remind at each offset before the due date
 * `dueDateOf` reads (and at each `overdue` offset after it), skipping the ones already past, asking
 * `isPaid` before each and stopping once paid. Emits `email/send` (template `"payment-reminder"`) unless
 * you pass `remind`; add your `invoice/paid` event to `cancelOn` to stop at once.
 *
 * @example Remind 3 days and 1 day before, then a day late
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { paymentReminder } from "@jobkit/reminders";
 *
 * const invoiceIssued = defineEvent("invoice/issued", {
 *   schema: z.object({ invoiceId: z.string(), email: z.string(), dueDate: z.string() }),
 * });
 * const invoicePaid = defineEvent("invoice/paid", { schema: z.object({ invoiceId: z.string() }) });
 * const paid = new Set<string>();
 *
 * export const invoiceReminders = paymentReminder({
 *   on: invoiceIssued,
 *   dueDateOf: (event) => event.data.dueDate,
 *   offsets: ["3d", "1d"],
 *   overdue: ["1d"],
 *   isPaid: (invoice) => paid.has(invoice.invoiceId),
 *   emailData: (invoice) => ({ invoiceId: invoice.invoiceId }),
 *   cancelOn: [{ event: invoicePaid, match: "data.invoiceId" }],
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/reminders/README.md#paymentreminder
 */
export function paymentReminder<const TOn extends OnInput, const TOptions extends object = object>(
  options: PaymentReminderOptions<TOn> &
    TOptions &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    RejectUnknownOptions<TOptions, PaymentReminderKey>,
): ReminderSequenceDefinition<ReceivedEventOf<TOn>> {
  type TEvent = ReceivedEventOf<TOn>;
  const {
    options: checked,
    id,
    fail,
  } = checkSequenceOptions(options, "payment-reminder", paymentOptionNames);
  const {
    on,
    dueDateOf,
    offsets = defaultOffsets,
    overdue = [],
    isPaid,
    remind,
    to,
    subject = defaultSubject,
    emailData,
    ...functionOptions
  } = checked as unknown as PaymentReminderOptions<OnInput> & { readonly to?: Recipient<unknown> };
  checkCallback(fail, dueDateOf, "dueDateOf", true, "(event) => event.data.dueDate");
  checkCallback(fail, isPaid, "isPaid", true, "(invoice) => invoices.isPaid(invoice.invoiceId)");
  checkCallback(
    fail,
    remind,
    "remind",
    false,
    "(invoice, reminder) => mailer.sendPaymentReminder(invoice, reminder)",
  );
  checkCallback(fail, to, "to", false, "(event) => event.data.billingEmail");
  checkCallback(fail, subject, "subject", false, '(reminder) => "Invoice due in " + reminder.offset');
  checkCallback(fail, emailData, "emailData", false, "(invoice) => ({ invoiceId: invoice.invoiceId })");
  if (Array.isArray(offsets) && Array.isArray(overdue) && offsets.length + overdue.length === 0) {
    fail("offsets", offsets, "at least one duration in offsets or overdue", {
      details: ["offsets and overdue are both empty"],
      example: '["3d", "1d", "0d"]',
    });
  }
  const reminders = new Map<string, Omit<PaymentReminderInfo, keyof ReminderInfo>>([
    ...checkOffsets(offsets, id, "offsets", false).map(
      ({ offset, ms }) => [`due-in-${offset}`, { kind: "before", offset, msLeft: ms }] as const,
    ),
    ...checkOffsets(overdue, id, "overdue", false).map(
      ({ offset, ms }) => [`overdue-${offset}`, { kind: "overdue", offset, msLeft: -ms }] as const,
    ),
  ]);
  const info = (reminder: ReminderInfo): PaymentReminderInfo => ({
    ...reminder,
    ...(reminders.get(reminder.id) ?? { kind: "before", offset: "0d", msLeft: 0 }),
  });
  return buildReminderSequence({
    ...functionOptions,
    id,
    on,
    schedule: [...reminders].map(([reminderId, { kind, offset }]) =>
      kind === "before"
        ? { id: reminderId, before: offset, of: dueDateOf }
        : { id: reminderId, after: offset, of: dueDateOf },
    ),
    stillRelevant: async (ctx: ReminderContext<TEvent>) =>
      (await isPaid(ctx.event.data, ctx as never)) ? { relevant: false, reason: "paid", stop: true } : true,
    ...(remind === undefined
      ? {
          sends: [emailSend],
          emit: ({ event, reminder }: { event: TEvent; reminder: ReminderInfo }) => {
            const details = info(reminder);
            return emailSend.create({
              to: recipientOf(event, to),
              template: "payment-reminder",
              subject: subject(details),
              data: {
                dueAt: new Date(reminder.at.getTime() + details.msLeft).toISOString(),
                timeLeft: details.offset,
                overdue: details.kind === "overdue",
                ...emailData?.(event.data, details),
              },
              metadata: { ...userIdOf(event), reminderId: reminder.id },
            });
          },
        }
      : {
          send: (ctx: ReminderContext<TEvent>) => remind(ctx.event.data, info(ctx.reminder), ctx as never),
        }),
  }) as ReminderSequenceDefinition<TEvent>;
}

function defaultSubject(reminder: PaymentReminderInfo): string {
  if (reminder.msLeft === 0) return "Payment due today";
  return reminder.kind === "overdue"
    ? `Payment overdue by ${formatTimeLeft(reminder.msLeft)}`
    : `Payment due in ${formatTimeLeft(reminder.msLeft)}`;
}
