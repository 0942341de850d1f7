import { userCreated } from "@jobkit/events/standard";
import { userSignupFanOut } from "@jobkit/fan-out";
import { defineEventFunction } from "@jobkit/functions";
import { mailer } from "./mailer";

/** The seed's welcome email, sent in one step: retried with backoff until the provider takes it, then never again. */
export const sendWelcomeEmail = defineEventFunction({
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

/**
 * The seed's sign-up fan-out: one `user/created` starts the profile, newsletter, Slack and settings jobs
 * (wherever they are served). The welcome email is left out because `send-welcome-email` sends it.
 */
export const signupFanOut = userSignupFanOut({ skip: ["welcome-email"] });

/** Every job this app serves. */
export const jobs = [sendWelcomeEmail, signupFanOut];
