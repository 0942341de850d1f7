import { trialExpiration } from "@jobkit/reminders";
import type { Store } from "../store";

/**
 * The trial-expiration reminders from `@jobkit/reminders`: 7, 3 and 1 days before the
 * trial ends and when it ends, unless the user has subscribed; `subscription/activated` stops them.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { trialReminders } from "./trial-reminders";
 *
 * const definition = trialReminders(createStore());
 * ```
 */
export function trialReminders(store: Store) {
  return trialExpiration({
    offsets: ["7d", "3d", "1d", "0d"],
    isSubscribed: (trial) => store.subscribers.has(trial.userId),
  });
}
