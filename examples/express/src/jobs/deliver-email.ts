import { emailSend, emailSent } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import type { Store } from "../store";

/**
 * Delivers every other `email/send` the jobs emit (order confirmations, cart and trial reminders, digests,
 * reports) through the email provider, then reports `email/sent` per recipient.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { deliverEmail } from "./deliver-email";
 *
 * const definition = deliverEmail(createStore());
 * ```
 */
export function deliverEmail(store: Store) {
  return defineEventFunction({
    id: "deliver-email",
    name: "Deliver email",
    description: "Sends the emails other jobs ask for through the email provider",
    on: emailSend,
    if: "event.data.template != 'welcome'",
    retries: { attempts: 5, backoff: "exponential", minTimeout: "5s", maxTimeout: "1h" },
    // A provider outage should not turn into a burst of retries from every queued email at once.
    concurrency: { limit: 20 },
    sends: [emailSent],
    handler: async ({ event, step }) => {
      const to = [event.data.to].flat();
      const sent = await step.run("send-email", () =>
        store.sendEmail({ to, template: event.data.template, subject: event.data.subject }),
      );
      await step.sendEvent(
        "email-sent",
        to.map((address) =>
          emailSent.create({
            to: address,
            template: event.data.template,
            messageId: sent.messageId,
            sentAt: sent.sentAt,
          }),
        ),
      );
      return { messageId: sent.messageId, recipients: to.length };
    },
  });
}
