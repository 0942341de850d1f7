import type { notificationSend } from "@jobkit/events/standard";
import type { ReceivedEventOf } from "@jobkit/functions";
import { groupBy } from "./group-by";

/**
 * A `notification/send` event as a batch handler receives it.
 *
 * @example A test fixture for a digest job
 * ```ts
 * import type { NotificationSendEvent } from "@jobkit/batching";
 *
 * export const notification: NotificationSendEvent = {
 *   name: "notification/send",
 *   id: "evt_1",
 *   ts: Date.parse("2025-01-31T09:30:00Z"),
 *   data: { userId: "usr_1", title: "New comment", body: "Grace replied.", priority: "high" },
 * };
 * ```
 */
export type NotificationSendEvent = ReceivedEventOf<typeof notificationSend>;

/**
 * Delivery priority of a notification, and of a digest (the highest of its notifications).
 *
 * @example Pick a channel by priority
 * ```ts
 * import type { NotificationDigest, NotificationPriority } from "@jobkit/batching";
 *
 * const channelFor: Record<NotificationPriority, "push" | "inbox"> = {
 *   high: "push",
 *   normal: "inbox",
 *   low: "inbox",
 * };
 *
 * export const channel = (digest: NotificationDigest) => channelFor[digest.priority];
 * ```
 */
export type NotificationPriority = "high" | "normal" | "low";

/**
 * One notification inside a digest.
 *
 * @example One line of a digest email
 * ```ts
 * import type { DigestNotification } from "@jobkit/batching";
 *
 * export function digestLine(notification: DigestNotification): string {
 *   const marker = notification.priority === "high" ? "[!] " : "";
 *   return `${marker}${notification.title}: ${notification.body}`;
 * }
 * ```
 */
export interface DigestNotification {
  /** The `notification/send` event id. */
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** The notification's payload for the client app (deep link, ids), when it had one. */
  readonly data?: Record<string, unknown>;
  readonly priority: NotificationPriority;
  /** When the notification was sent, ISO 8601. */
  readonly at: string;
}

/**
 * Every notification a user got in one batch, oldest first, with the count.
 *
 * @example Deliver digests to an in-app inbox
 * ```ts
 * import { type NotificationDigest, notificationDigest } from "@jobkit/batching";
 *
 * declare const inbox: { add(userId: string, text: string): Promise<void> };
 *
 * async function deliverToInbox(userId: string, digest: NotificationDigest) {
 *   await inbox.add(
 *     userId,
 *     `${digest.count} new since ${digest.firstAt}: ${digest.notifications[0]?.title}`,
 *   );
 * }
 * export const digest = notificationDigest({ deliver: deliverToInbox });
 * ```
 */
export interface NotificationDigest {
  readonly userId: string;
  readonly count: number;
  readonly notifications: readonly DigestNotification[];
  /** The highest priority among the notifications. */
  readonly priority: NotificationPriority;
  /** When the oldest and the newest notification were sent, ISO 8601. */
  readonly firstAt: string;
  readonly lastAt: string;
}

const rank: Record<NotificationPriority, number> = { low: 0, normal: 1, high: 2 };

function toNotification(event: NotificationSendEvent): DigestNotification {
  const { title, body, data, priority = "normal" } = event.data;
  return {
    id: event.id,
    title,
    body,
    ...(data === undefined ? {} : { data }),
    priority,
    at: new Date(event.ts).toISOString(),
  };
}

/**
 * Builds one digest per user from a batch of `notification/send` events: users in the order they first
 * appear, each user's notifications oldest first (events with the same time keep their batch order).
 *
 * @example Digests of a mixed batch
 * ```ts
 * import { buildNotificationDigests, type NotificationSendEvent } from "@jobkit/batching";
 *
 * const at = Date.parse("2025-01-31T09:30:00Z");
 * const events: NotificationSendEvent[] = [
 *   { name: "notification/send", id: "e1", ts: at, data: { userId: "usr_1", title: "New comment", body: "Grace replied." } },
 *   { name: "notification/send", id: "e2", ts: at, data: { userId: "usr_2", title: "New follower", body: "Ada follows you." } },
 *   { name: "notification/send", id: "e3", ts: at + 1000, data: { userId: "usr_1", title: "New like", body: "Alan liked your post." } },
 * ];
 * const [first] = buildNotificationDigests(events);
 * first?.userId; // "usr_1"
 * first?.count; // 2
 * ```
 */
export function buildNotificationDigests(events: readonly NotificationSendEvent[]): NotificationDigest[] {
  return [...groupBy(events, (event) => event.data.userId)].map(([userId, userEvents]) => {
    const notifications = userEvents
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.ts - b.event.ts || a.index - b.index)
      .map(({ event }) => toNotification(event));
    const priority = notifications.reduce<NotificationPriority>(
      (highest, notification) =>
        rank[notification.priority] > rank[highest] ? notification.priority : highest,
      "low",
    );
    return {
      userId,
      count: notifications.length,
      notifications,
      priority,
      firstAt: notifications[0]?.at ?? "",
      lastAt: notifications.at(-1)?.at ?? "",
    };
  });
}
