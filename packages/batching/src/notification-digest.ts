import { emailSend, notificationSend } from "@jobkit/events/standard";
import {
  type Duration,
  describeValue,
  type FunctionDefinition,
  type InngestLimits,
  inngestLimits,
  JobError,
  type RetryOptions,
} from "@jobkit/functions";
import {
  buildNotificationDigests,
  type NotificationDigest,
  type NotificationSendEvent,
} from "./build-notification-digests";
import { checkKnownOptions } from "./check-known-options";
import {
  type BatchContext,
  type BatchFunctionOptions,
  type DefineBatchFunction,
  defineBatchFunction,
} from "./define-batch-function";
import { digestEmail, digestSubject } from "./digest-email";
import type { BatchResults, OnItemError } from "./map-items";
import { renameOptionError } from "./rename-option-error";

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
export interface NotificationDigestBaseOptions {
  /** Function id; default `"notification-digest"`. */
  readonly id?: string;
  /** Display name; default `"Notification digest"`. */
  readonly name?: string;
  /** Most notifications in one batch, at most 100 (Inngest's cap); default 100. */
  readonly maxSize?: number;
  /** Longest wait for a batch to fill, 1s-60s; default `"30s"`. */
  readonly timeout?: Duration;
  /**
   * `true` (default): batch per user (`key: "event.data.userId"`), so a user gets at most one digest per
   * window. `false`: one batch holds many users and makes one digest per user.
   */
  readonly batchPerUser?: boolean;
  /** A CEL filter: only matching notifications are digested, e.g. `"event.data.priority != 'high'"`. */
  readonly if?: string;
  /** Retries of each user's delivery step (0-20, or a backoff policy); default 3. */
  readonly retries?: number | RetryOptions;
  /** Batches processed at once. */
  readonly concurrency?: number;
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
 *
 * @example Email in production, push elsewhere
 * ```ts
 * import { type NotificationDigestOptions, notificationDigest } from "@jobkit/batching";
 *
 * declare const push: { send(userId: string, text: string): Promise<void> };
 * declare const users: { emailOf(userId: string): Promise<string | null> };
 *
 * const options: NotificationDigestOptions =
 *   process.env.NODE_ENV === "production"
 *     ? { recipient: (userId) => users.emailOf(userId) }
 *     : { deliver: (userId, digest) => push.send(userId, `${digest.count} new`) };
 * export const digest = notificationDigest(options);
 * ```
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

/**
 * The type of {@link notificationDigest}.
 *
 * @example Type a factory bound to custom limits
 * ```ts
 * import { batchingWithLimits, type NotificationDigestFactory } from "@jobkit/batching";
 *
 * // A self-hosted Inngest that allows batches of 500 events.
 * export const notificationDigest: NotificationDigestFactory = batchingWithLimits({
 *   maxBatchSize: 500,
 * }).notificationDigest;
 * ```
 */
export type NotificationDigestFactory = (options: NotificationDigestOptions) => NotificationDigestDefinition;

const digestOptionKeys = [
  "deliver",
  "recipient",
  "subject",
  "id",
  "name",
  "maxSize",
  "timeout",
  "batchPerUser",
  "if",
  "retries",
  "concurrency",
  "onItemError",
] as const satisfies readonly (keyof DeliverDigestOptions | keyof EmailDigestOptions)[];

type DefineNotificationBatch = (
  options: BatchFunctionOptions<typeof notificationSend, Promise<BatchResults<DigestOutcome>>>,
) => NotificationDigestDefinition;

/** Builds `notificationDigest` on a `defineBatchFunction` bound to `limits`; see `batchingWithLimits`. */
export function createNotificationDigest(
  defineBatch: DefineBatchFunction,
  limits: InngestLimits,
): NotificationDigestFactory {
  const define = defineBatch as unknown as DefineNotificationBatch;
  return (options) => {
    const id = options?.id ?? "notification-digest";
    const { deliver, recipient, subject } = (options ?? {}) as {
      readonly deliver?: DeliverDigestOptions["deliver"];
      readonly recipient?: EmailDigestOptions["recipient"];
      readonly subject?: EmailDigestOptions["subject"];
    };
    if ((deliver === undefined) === (recipient === undefined)) {
      throw new JobError({
        functionId: id,
        path: deliver === undefined ? "deliver" : "recipient",
        received: deliver === undefined ? "neither deliver nor recipient" : "both deliver and recipient",
        expected:
          "either deliver(userId, digest) to deliver digests yourself, or recipient(userId) to emit email/send",
        example: "{ deliver: (userId, digest) => push.send(userId, digest) }",
      });
    }
    for (const [path, value] of [
      ["deliver", deliver],
      ["recipient", recipient],
      ["subject", subject],
    ] as const) {
      if (value !== undefined && typeof value !== "function") {
        throw new JobError({
          functionId: id,
          path,
          received: describeValue(value),
          expected: "a function",
        });
      }
    }
    checkKnownOptions(id, options, digestOptionKeys);
    const makeSubject = subject ?? digestSubject;

    const handler = async ({ events, step, mapItems }: BatchContext<NotificationSendEvent>) =>
      mapItems(
        buildNotificationDigests(events),
        async (digest): Promise<DigestOutcome> => {
          const { userId, count } = digest;
          if (deliver) {
            await step.run(`deliver-${userId}`, () => deliver(userId, digest));
            return { userId, count, delivered: true };
          }
          const to = await step.run(
            `recipient-${userId}`,
            async (): Promise<string | null> => (await recipient?.(userId)) ?? null,
          );
          if (to === null) return { userId, count, delivered: false };
          const email = emailSend.create(digestEmail(digest, to, makeSubject(digest), limits.maxEventBytes), {
            // Inngest drops a second event with this id within 24 hours, should the send be replayed.
            id: `${id}-${userId}-${digest.notifications[0]?.id ?? ""}`,
          });
          await step.sendEvent(`send-digest-${userId}`, email);
          return { userId, count, delivered: true };
        },
        { key: (digest) => digest.userId },
      );

    try {
      return define({
        id,
        name: options.name ?? "Notification digest",
        on: notificationSend,
        ...(options.if === undefined ? {} : { if: options.if }),
        batch: {
          maxSize: options.maxSize ?? 100,
          timeout: options.timeout ?? "30s",
          ...(options.batchPerUser === false ? {} : { key: "event.data.userId" }),
        },
        ...(options.retries === undefined ? {} : { retries: options.retries }),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(options.onItemError === undefined ? {} : { onItemError: options.onItemError }),
        sends: deliver ? [] : [emailSend],
        handler,
      });
    } catch (error) {
      throw renameOptionError(
        renameOptionError(error, "batch.maxSize", "maxSize"),
        "batch.timeout",
        "timeout",
      );
    }
  };
}

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
export const notificationDigest: NotificationDigestFactory = createNotificationDigest(
  defineBatchFunction,
  inngestLimits,
);
