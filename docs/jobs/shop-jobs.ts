// The jobs the docs' event catalog and event-flow pages are generated from: the standard catalog and
// the ready-made pattern jobs, wired as a shop would wire them. `pnpm docs:build` runs
// `jobkit catalog` and `jobkit graph` on this module.
import { analyticsBatch, notificationDigest } from "@jobkit/batching";
import { defineCatalog } from "@jobkit/events";
import {
  emailSend,
  emailSent,
  orderPaid,
  orderPlaced,
  standardCatalog,
  systemCleanup,
} from "@jobkit/events/standard";
import { userSignupFanOut } from "@jobkit/fan-out";
import { defineCronFunction, defineEventFunction } from "@jobkit/functions";
import { cartAbandonment, trialExpiration } from "@jobkit/reminders";

export const catalog = defineCatalog(standardCatalog.events);

const openCarts = new Set<string>();
const subscribers = new Set<string>();

export const signupFanOut = userSignupFanOut();

export const sendEmail = defineEventFunction({
  id: "send-email",
  on: emailSend,
  concurrency: { limit: 10 },
  sends: [emailSent],
  handler: async ({ event, step }) =>
    step.run("send", () => ({ to: event.data.to, template: event.data.template })),
});

export const chargeOrder = defineEventFunction({
  id: "charge-order",
  on: orderPlaced,
  idempotency: "event.data.orderId",
  sends: [orderPaid],
  handler: async ({ event, step }) => step.run("charge", () => ({ orderId: event.data.orderId })),
});

export const cartReminder = cartAbandonment({
  isStillAbandoned: (cart) => openCarts.has(cart.cartId),
});

export const trialReminders = trialExpiration({
  isSubscribed: (trial) => subscribers.has(trial.userId),
  timezone: "America/New_York",
});

export const digest = notificationDigest({
  deliver: async (userId, summary) => ({ userId, count: summary.count }),
});

export const analytics = analyticsBatch({
  write: async (group) => group.events.length,
});

export const nightlyCleanup = defineCronFunction({
  id: "nightly-cleanup",
  cron: "0 3 * * *",
  timezone: "UTC",
  sends: [systemCleanup],
  handler: async ({ step }) =>
    step.sendEvent("cleanup-sessions", systemCleanup.create({ scope: "sessions", olderThanDays: 30 })),
});

export const definitions = [
  signupFanOut,
  sendEmail,
  chargeOrder,
  cartReminder,
  trialReminders,
  digest,
  analytics,
  nightlyCleanup,
];
