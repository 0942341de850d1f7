/**
 * Who an emitted `email/send` goes to, read from the trigger event.
 *
 * @example Remind every billing contact of an account
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import type { ReceivedEventOf } from "@jobkit/functions";
 * import { paymentReminder, type Recipient } from "@jobkit/reminders";
 *
 * const invoiceIssued = defineEvent("invoice/issued", {
 *   schema: z.object({ invoiceId: z.string(), billingEmails: z.array(z.string()), dueDate: z.string() }),
 * });
 * declare const invoices: { isPaid(invoiceId: string): Promise<boolean> };
 * const to: Recipient<ReceivedEventOf<typeof invoiceIssued>> = (event) => event.data.billingEmails;
 *
 * export const invoiceReminders = paymentReminder({
 *   on: invoiceIssued,
 *   dueDateOf: (event) => event.data.dueDate,
 *   isPaid: (invoice) => invoices.isPaid(invoice.invoiceId),
 *   to,
 * });
 * ```
 */
export type Recipient<TEvent> = (event: TEvent) => string | readonly string[];

/**
 * `to` is optional when every trigger event has `data.email` (the default recipient), required otherwise:
 * leaving it out for an event without an email address is a compile error.
 */
export type RecipientOption<TEvent> = [TEvent] extends [{ readonly data: { readonly email: string } }]
  ? {
      /** The recipient of the emitted emails; default `event.data.email`. */
      readonly to?: Recipient<TEvent>;
    }
  : {
      /** The recipient of the emitted emails: the trigger event has no `data.email` to default to. */
      readonly to: Recipient<TEvent>;
    };

/** The recipient of an emitted email: `to(event)`, or the event's `data.email`. */
export function recipientOf<TEvent>(
  event: TEvent,
  to: Recipient<TEvent> | undefined,
): string | [string, ...string[]] {
  const recipient = to === undefined ? (event as { data?: { email?: unknown } }).data?.email : to(event);
  // email/send validates the address; the shape of the list is all that is fixed here.
  return (Array.isArray(recipient) ? [...recipient] : recipient) as string | [string, ...string[]];
}

/** The event's `data.userId` for the email's metadata, when it has one. */
export function userIdOf(event: unknown): { readonly userId?: string } {
  const userId = (event as { data?: { userId?: unknown } }).data?.userId;
  return typeof userId === "string" && userId !== "" ? { userId } : {};
}
