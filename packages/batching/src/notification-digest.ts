import { emailSend, notificationSend } from "@jobkit/events/standard";
import type { Duration, FunctionDefinition, ReadyMadeOptions } from "@jobkit/functions";
import { checkReadyMadeOptions, describeValue, requireOneOf } from "@jobkit/functions/internal";
import { BatchingError } from "./batching-error";
import {
  buildNotificationDigests,
  type NotificationDigest,
  type NotificationSendEvent,
} from "./build-notification-digests";
import { batchRefusals, checkBatchWindow } from "./check-batch";
import { type BatchContext, defineBatchFunction } from "./define-batch-function";
import { digestEmail, digestSubject } from "./digest-email";
import type { BatchResults, OnItemError } from "./map-items";

/**
 * Options every {@link notificationDigest} takes, whichever way it delivers.
 *
 * @example The same window for a push and an email digest
 * ```ts
 * import { type NotificationDigestBaseOptions, notificationDigest } from "@jobkit/batching";
 *
 * declare const push: { send(userId: string, text: string): Promise<void> };
 * declare const users: { emailOf(userId: string): Promise<string | null> };
 * const shared: NotificationDigestBaseOptions = { maxSize: 50, timeout: "60s", retries: 5 };
 *
 * export const pushDigest = notificationDigest({
 *   ...shared,
 *   id: "push-digest",
 *   deliver: (userId, digest) => push.send(userId, `${digest.count} new`),
 * });
 * export const emailDigest = notificationDigest({
 *   ...shared,
 *   id: "email-digest",
 *   recipient: (userId) => users.emailOf(userId),
 * });
 * ```
 */
export interface NotificationDigestBaseOptions
  extends Omit<ReadyMadeOptions<NotificationSendEvent>, "debounce" | "priority"> {
  /** Most notifications in one batch, at most 100 (Inngest's cap); default 100. */
  readonly maxSize?: number;
  /** Longest wait for a batch to fill, 1s-60s; default `"30s"`. */
  readonly timeout?: Duration;
  /**
   * `true` (default): batch per user (`key: "event.data.userId"`), so a user gets at most one digest per
   * window. `false`: one batch holds many users and makes one digest per user.
   */
  readonly batchPerUser?: boolean;
  /** One user's failed delivery is recorded (`"collect"`, default) or fails the run (`"fail"`). */
  readonly onItemError?: OnItemError;
}

/**
 * Deliver each digest with your own code (push, in-app inbox, email provider).
 *
 * @example Push a digest of everything but urgent notifications
 * ```ts
 * import { type DeliverDigestOptions, notificationDigest } from "@jobkit/batching";
 *
 * declare const push: { send(userId: string, text: string): Promise<void> };
 *
 * const options: DeliverDigestOptions = {
 *   timeout: "60s",
 *   if: "event.data.priority != 'high'",
 *   deliver: (userId, digest) => push.send(userId, `${digest.count} new notifications`),
 * };
 * export const digest = notificationDigest(options);
 * ```
 */
export interface DeliverDigestOptions extends NotificationDigestBaseOptions {
  /** Called in a step per user (`deliver-<userId>`), retried on its own when it throws. */
  readonly deliver: (userId: string, digest: NotificationDigest) => unknown;
  readonly recipient?: never;
  readonly subject?: never;
}

/**
 * Emit one `email/send` event (template `digest`) per user for the app's email job.
 *
 * @example Email digests through the app's email job
 * ```ts
 * import { type EmailDigestOptions, notificationDigest } from "@jobkit/batching";
 *
 * declare const users: { emailOf(userId: string): Promise<string | null> };
 *
 * const options: EmailDigestOptions = {
 *   recipient: (userId) => users.emailOf(userId), // null skips the user
 *   subject: (digest) => `${digest.count} updates on your projects`,
 * };
 * export const emailDigest = notificationDigest(options);
 * ```
 */
export interface EmailDigestOptions extends NotificationDigestBaseOptions {
  readonly deliver?: never;
  /** The user's email address, looked up in a step per user (`recipient-<userId>`); `null` skips the user. */
  readonly recipient: (userId: string) => string | null | undefined | Promise<string | null | undefined>;
  /** The email subject; default "You have 3 new notifications". */
  readonly subject?: (digest: NotificationDigest) => string;
}

/**
 * The options of {@link notificationDigest}: `deliver`, or `recipient` to send `email/send` events.
 */
export type NotificationDigestOptions = DeliverDigestOptions | EmailDigestOptions;

/**
 * One user's outcome: how many notifications the digest held, and whether it went out.
 *
 * @example Users whose digest was skipped
 * ```ts
 * import type { BatchResults, DigestOutcome } from "@jobkit/batching";
 *
 * // recipient() returned no address for these users.
 * export function skippedUsers(results: BatchResults<DigestOutcome>): string[] {
 *   return results.items.flatMap((item) => (item.ok && !item.value.delivered ? [item.value.userId] : []));
 * }
 * ```
 */
export interface DigestOutcome {
  readonly userId: string;
  readonly count: number;
  /** `false` when `recipient` returned no address. */
  readonly delivered: boolean;
}

/**
 * The definition {@link notificationDigest} returns.
 *
 * @example Spell out the job's type in a module's exports
 * ```ts
 * import { type NotificationDigestDefinition, notificationDigest } from "@jobkit/batching";
 *
 * declare const push: { send(userId: string, text: string): Promise<void> };
 *
 * export const digest: NotificationDigestDefinition = notificationDigest({
 *   deliver: (userId, digest) => push.send(userId, `${digest.count} new notifications`),
 * });
 * ```
 */
export type NotificationDigestDefinition = FunctionDefinition<
  "event",
  NotificationSendEvent,
  BatchResults<DigestOutcome>
>;

const digestOwnOptions = [
  "deliver",
  "recipient",
  "subject",
  "maxSize",
  "timeout",
  "batchPerUser",
  "onItemError",
];

/**
 * A ready-made digest job: batches `notification/send` per user and builds one digest per user (count
 * and list), then calls your `deliver(userId, digest)` in a step per user, or emits one `email/send` with
 * the `digest` template per user when you give `recipient` instead.
 *
 * @example Push one digest per user every 30 seconds at most
 * ```ts
 * import { notificationDigest } from "@jobkit/batching";
 *
 * const push = { send: async (userId: string, body: string) => ({ userId, body }) };
 *
 * export const digest = notificationDigest({
 *   deliver: (userId, digest) =>
 *     push.send(userId, `${digest.count} new: ${digest.notifications.map((n) => n.title).join(", ")}`),
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/batching/README.md
 */
export function notificationDigest(options: NotificationDigestOptions): NotificationDigestDefinition {
  const {
    options: checked,
    id,
    limits,
    fail,
  } = checkReadyMadeOptions(options, {
    defaultId: "notification-digest",
    own: digestOwnOptions,
    refused: batchRefusals,
  });
  const {
    deliver,
    recipient,
    subject,
    maxSize = 100,
    timeout = "30s",
    batchPerUser = true,
    onItemError,
    name = "Notification digest",
    ...shared
  } = checked as Record<string, unknown>;
  requireOneOf(fail, ["deliver", deliver], ["recipient", recipient], {
    expected:
      "either deliver(userId, digest) to deliver digests yourself, or recipient(userId) to emit email/send",
    example: "{ deliver: (userId, digest) => push.send(userId, digest) }",
  });
  for (const [path, value] of [
    ["deliver", deliver],
    ["recipient", recipient],
    ["subject", subject],
  ] as const) {
    if (value !== undefined && typeof value !== "function") fail(path, value, "a function");
  }
  checkBatchWindow(fail, id, { maxSize: "maxSize", timeout: "timeout" }, { maxSize, timeout }, limits);
  if (typeof batchPerUser !== "boolean")
    fail("batchPerUser", batchPerUser, "true or false", { example: "false" });
  const deliverDigest = deliver as DeliverDigestOptions["deliver"] | undefined;
  const lookUp = recipient as EmailDigestOptions["recipient"] | undefined;
  const makeSubject = (subject as EmailDigestOptions["subject"]) ?? digestSubject;

  const handler = async ({ events, step, mapItems }: BatchContext<NotificationSendEvent>) =>
    mapItems(
      buildNotificationDigests(events),
      async (digest): Promise<DigestOutcome> => {
        const { userId, count } = digest;
        if (deliverDigest) {
          await step.run(`deliver-${userId}`, () => deliverDigest(userId, digest));
          return { userId, count, delivered: true };
        }
        const to: unknown = await step.run(
          `recipient-${userId}`,
          async (): Promise<string | null> => (await lookUp?.(userId)) ?? null,
        );
        if (to === null) return { userId, count, delivered: false };
        if (typeof to !== "string" || to === "") {
          throw new BatchingError({
            functionId: id,
            code: "invalid-recipient",
            problem: `got a recipient for user ${JSON.stringify(userId)} that is not an email address`,
            received: describeValue(to),
            expected: "an email address, or null to skip the user",
          });
        }
        const email = emailSend.create(digestEmail(digest, to, makeSubject(digest), limits.maxEventBytes), {
          // Inngest drops a second event with this id within 24 hours, should the send be replayed.
          id: `${id}-${userId}-${digest.notifications[0]?.id ?? ""}`,
        });
        await step.sendEvent(`send-digest-${userId}`, email);
        return { userId, count, delivered: true };
      },
      { key: (digest) => digest.userId },
    );

  return (defineBatchFunction as (input: unknown) => NotificationDigestDefinition)({
    ...shared,
    id,
    name,
    on: notificationSend,
    batch: {
      maxSize,
      timeout,
      ...(batchPerUser ? { key: "event.data.userId" } : {}),
    },
    ...(onItemError === undefined ? {} : { onItemError }),
    sends: deliverDigest ? [] : [emailSend],
    handler,
  });
}
