import { notificationSend } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import type { Database, NotificationRecord } from "../../services/database";
import type { Realtime } from "../../services/realtime";
import type { NotificationType } from "./system-notification";

const types: readonly NotificationType[] = ["info", "success", "warning", "error"];

/**
 * Delivers `notification/send`: saves the notification to the user's inbox, then pushes it to the user's
 * open tabs. The push is its own step, so a failed push retries without saving the notification twice.
 *
 * @example
 * ```ts
 * import { createLocalServices } from "../../services";
 * import { sendNotification } from "./send-notification";
 *
 * const definition = sendNotification(createLocalServices());
 * ```
 */
export function sendNotification({
  database,
  realtime,
}: {
  readonly database: Database;
  readonly realtime: Realtime;
}) {
  return defineEventFunction({
    id: "send-notification",
    name: "Send Notification",
    on: notificationSend,
    retries: 3,
    handler: async ({ event, step }) => {
      const { userId, title, body, data } = event.data;
      const type = types.find((known) => known === data?.type) ?? "info";

      const saved: NotificationRecord = await step.run("save-notification", () =>
        database.saveNotification({ userId, title, body, type }),
      );

      await step.run("push-notification", () =>
        realtime.publish(`user-${userId}`, "notification-received", { notification: saved }),
      );

      return { notificationId: saved.id };
    },
  });
}
