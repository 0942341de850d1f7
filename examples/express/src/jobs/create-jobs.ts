import type { AppDefaults } from "@jobkit/functions";
import type { Store } from "../store";
import { cartReminder } from "./cart-reminder";
import { cleanupExpiredRecords } from "./cleanup-expired-records";
import { cleanupSchedule } from "./cleanup-schedule";
import { dailyReport } from "./daily-report";
import { deliverEmail } from "./deliver-email";
import { notificationDigests } from "./notification-digest";
import { processOrder } from "./process-order";
import { sendWelcomeEmail } from "./send-welcome-email";
import { trialReminders } from "./trial-reminders";
import { userSignup } from "./user-signup-fan-out";

/** App-wide job defaults, given to both `register()` and `manifest()` so the manifest reports what runs. */
export const jobDefaults: AppDefaults = {
  retries: { attempts: 3, backoff: "exponential", minTimeout: "1s", maxTimeout: "1h" },
  // No app-wide `timeouts.finish`: it counts sleeps, and the trial reminders run for two weeks.
};

/**
 * Every job of the app, bound to its store: what `register()` serves, `/health` reports and the admin
 * API triggers.
 *
 * @example Serve them
 * ```ts
 * import { register } from "@jobkit/functions";
 * import { Inngest } from "inngest";
 * import { createStore } from "../store";
 * import { createJobs, jobDefaults } from "./create-jobs";
 *
 * const inngest = new Inngest({ id: "shop" });
 * const functions = register(inngest, createJobs(createStore()), { defaults: jobDefaults });
 * ```
 */
export function createJobs(store: Store) {
  return [
    userSignup(),
    sendWelcomeEmail(store),
    deliverEmail(store),
    processOrder(store),
    dailyReport(store),
    cleanupSchedule(),
    cleanupExpiredRecords(store),
    cartReminder(store),
    trialReminders(store),
    notificationDigests(store),
  ] as const;
}
