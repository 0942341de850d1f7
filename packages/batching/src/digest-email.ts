import type { InferEventData } from "@jobkit/events";
import type { emailSend } from "@jobkit/events/standard";
import type { NotificationDigest } from "./build-notification-digests";

/** The data of the `email/send` event a digest becomes. */
export type DigestEmailData = InferEventData<(typeof emailSend)["schema"]>;

/** Bytes kept free for the event envelope (name, id, ts, version) and Inngest's own fields. */
const envelopeBytes = 4 * 1024;

const encoder = new TextEncoder();

function bytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/** The default subject: "You have 3 new notifications". */
export function digestSubject(digest: NotificationDigest): string {
  return `You have ${digest.count} new notification${digest.count === 1 ? "" : "s"}`;
}

/**
 * The `email/send` data for a digest, template `digest`. The notifications are listed oldest first; when
 * they would not fit in one event (`maxEventBytes`), the newest ones are left out and counted in `omitted`,
 * so the template can say "and 12 more".
 */
export function digestEmail(
  digest: NotificationDigest,
  to: string,
  subject: string,
  maxEventBytes: number,
): DigestEmailData {
  const build = (notifications: readonly unknown[], omitted: number): DigestEmailData => ({
    to,
    template: "digest",
    subject,
    data: {
      userId: digest.userId,
      count: digest.count,
      priority: digest.priority,
      firstAt: digest.firstAt,
      lastAt: digest.lastAt,
      // The notifications passed the notification/send schema, whose free-form data is JSON.
      notifications: notifications as NonNullable<DigestEmailData["data"]>[string],
      omitted,
    },
    metadata: { userId: digest.userId },
    priority: digest.priority,
  });
  const items = digest.notifications.map(({ title, body, data, at }) => ({
    title,
    body,
    ...(data === undefined ? {} : { data }),
    at,
  }));
  const budget = maxEventBytes - envelopeBytes;
  // The widest `omitted` keeps the estimate an upper bound; each item adds its JSON and a comma.
  let size = bytes(build([], digest.count));
  let fitting = 0;
  for (const item of items) {
    size += bytes(item) + 1;
    if (size > budget) break;
    fitting++;
  }
  return build(items.slice(0, fitting), items.length - fitting);
}
