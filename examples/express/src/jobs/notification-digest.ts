import { notificationDigest } from "@jobkit/batching";
import type { Store } from "../store";

/**
 * Batched notifications from `@jobkit/batching`: up to 100 `notification/send`
 * events or 30 seconds per batch, one digest email per user instead of one email per notification.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { notificationDigests } from "./notification-digest";
 *
 * const definition = notificationDigests(createStore());
 * ```
 */
export function notificationDigests(store: Store) {
  return notificationDigest({
    maxSize: 100,
    timeout: "30s",
    // One batch holds many users' notifications; each user still gets a single digest.
    batchPerUser: false,
    recipient: (userId) => store.users.get(userId)?.email ?? null,
  });
}
