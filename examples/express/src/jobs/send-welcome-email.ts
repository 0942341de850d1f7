import { emailSend, emailSent } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import type { Store } from "../store";

/**
 * The welcome email: renders the welcome template, hands it to the email provider in a
 * retried step and reports `email/sent`. It runs on the `email/send` the sign-up fan-out emits, not on
 * `user/created` directly, so a new user gets exactly one welcome email.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { sendWelcomeEmail } from "./send-welcome-email";
 *
 * const definition = sendWelcomeEmail(createStore());
 * ```
 */
export function sendWelcomeEmail(store: Store) {
  return defineEventFunction({
    id: "send-welcome-email",
    name: "Send welcome email",
    description: "Sends the welcome email the sign-up fan-out asks for",
    on: emailSend,
    if: "event.data.template == 'welcome'",
    retries: { attempts: 3, backoff: "exponential", minTimeout: "1s", maxTimeout: "1h" },
    sends: [emailSent],
    handler: async ({ event, step }) => {
      const to = [event.data.to].flat();
      const name = typeof event.data.data?.name === "string" ? event.data.data.name : undefined;
      const sent = await step.run("send-email", () =>
        store.sendEmail({
          to,
          template: "welcome",
          subject: event.data.subject || `Welcome to Acme${name ? `, ${name}` : ""}!`,
        }),
      );
      await step.sendEvent(
        "email-sent",
        to.map((address) =>
          emailSent.create({
            to: address,
            template: "welcome",
            messageId: sent.messageId,
            sentAt: sent.sentAt,
          }),
        ),
      );
      return { messageId: sent.messageId, userId: event.data.metadata?.userId };
    },
  });
}
