import { notificationSend } from "@jobkit/events/standard";
import type { NotificationRecord } from "../../services/database";

/** The kinds of system notification the app shows, as the inbox colours them. */
export type NotificationType = NotificationRecord["type"];

/**
 * A `notification/send` event for a system notification from inside a job (scan complete, analysis
 * ready, image processed). The standard event has `title` and `body`; the kind rides in `data.type`.
 *
 * @example
 * ```ts
 * import { systemNotification } from "./system-notification";
 *
 * const event = systemNotification({ userId: "usr_ada", title: "Scan Complete", message: "…", type: "success" });
 * ```
 */
export function systemNotification(notification: {
  readonly userId: string;
  readonly title: string;
  readonly message: string;
  readonly type: NotificationType;
}) {
  return notificationSend.create({
    userId: notification.userId,
    title: notification.title,
    body: notification.message,
    data: { type: notification.type },
    priority: notification.type === "error" ? "high" : "normal",
  });
}
