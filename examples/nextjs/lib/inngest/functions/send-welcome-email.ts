import { userCreated } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import type { Mailer } from "../../services/mailer";

/**
 * The welcome email, sent in one step: retried with backoff until the provider takes it, then never again.
 *
 * @example
 * ```ts
 * import { mailer } from "../../services/mailer";
 * import { sendWelcomeEmail } from "./send-welcome-email";
 *
 * const definition = sendWelcomeEmail(mailer);
 * ```
 */
export function sendWelcomeEmail(mailer: Mailer) {
  return defineEventFunction({
    id: "send-welcome-email",
    name: "Send Welcome Email",
    description: "Sends the welcome email to a new user",
    on: userCreated,
    retries: { attempts: 3, backoff: "exponential", minTimeout: "1s", maxTimeout: "1h" },
    handler: async ({ event, step }) => {
      const { userId, email, name } = event.data;
      const sent = await step.run("send-email", () =>
        mailer.send({
          to: email,
          subject: `Welcome to Acme${name ? `, ${name}` : ""}!`,
          template: "welcome",
          data: { userId, ...(name ? { name } : {}) },
        }),
      );
      return { userId, messageId: sent.messageId };
    },
  });
}
