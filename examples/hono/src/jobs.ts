import { emailSend } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import { cartAbandonment, trialExpiration } from "@jobkit/reminders";
import { mailer } from "./mailer";
import { store } from "./store";

/** Delivers every `email/send` event, including the reminders below, in one retried step. */
export const sendEmail = defineEventFunction({
  id: "send-email",
  name: "Send Email",
  on: emailSend,
  retries: { attempts: 5, backoff: "exponential", minTimeout: "1s", maxTimeout: "1h" },
  handler: async ({ event, step }) => {
    const { to, subject, template, data } = event.data;
    const sent = await step.run("deliver", () =>
      mailer.send({ to, subject, template, ...(data ? { data } : {}) }),
    );
    return { template, messageId: sent.messageId };
  },
});

/** 24 hours after a cart is abandoned, one reminder email, unless an order or a cart update came first. */
export const cartReminder = cartAbandonment({
  isStillAbandoned: (cart) => store.isCartOpen(cart.cartId),
});

/** Reminders 7, 3 and 1 days before a trial ends and when it ends, until the user subscribes. */
export const trialReminders = trialExpiration({
  isSubscribed: (trial) => store.isSubscribed(trial.userId),
});

/** Every job this app serves. */
export const jobs = [sendEmail, cartReminder, trialReminders];
