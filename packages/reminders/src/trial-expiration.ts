import { emailSend, subscriptionActivated, trialStarted } from "@jobkit/events/standard";
import type { Duration, ReceivedEventOf } from "@jobkit/functions";
import type { CheckOptionKeys, RejectUnknownOptions } from "@jobkit/functions/internal";
import { checkCallback } from "./check-callback";
import { checkOffsets } from "./check-offsets";
import { buildReminderSequence, type ReminderSequenceDefinition } from "./define-reminder-sequence";
import { formatTimeLeft } from "./format-time-left";
import { checkSequenceOptions, type ReminderReadyMadeOptions } from "./ready-made-options";
import type { ReminderContext, ReminderInfo } from "./reminder-handler";

/**
 * The `trial/started` event a trial-expiration run receives.
 *
 * @example A test fixture: a trial that ends in ten days
 * ```ts
 * import type { TrialStartedEvent } from "@jobkit/reminders";
 *
 * export const trialStarted: TrialStartedEvent = {
 *   name: "trial/started",
 *   id: "evt_1",
 *   ts: Date.parse("2026-03-01T09:00:00Z"),
 *   data: { userId: "usr_1", email: "ada@example.com", plan: "pro", trialEndsAt: "2026-03-11T09:00:00Z" },
 * };
 * ```
 */
export type TrialStartedEvent = ReceivedEventOf<typeof trialStarted>;

/**
 * The data of `trial/started`: `userId`, `email`, `plan`, `startedAt`, `trialEndsAt`.
 *
 * @example No reminders for trials that convert on their own
 * ```ts
 * import { type StartedTrial, trialExpiration } from "@jobkit/reminders";
 *
 * declare const billing: { hasPaymentMethod(userId: string): Promise<boolean> };
 *
 * // A trial with a card on file becomes a subscription when it ends.
 * async function isSubscribed(trial: StartedTrial): Promise<boolean> {
 *   return billing.hasPaymentMethod(trial.userId);
 * }
 * export const trialReminders = trialExpiration({ isSubscribed });
 * ```
 */
export type StartedTrial = TrialStartedEvent["data"];

/**
 * One trial reminder: the reminder plus how long before the trial's end it is due.
 *
 * @example A subject that counts the days left
 * ```ts
 * import { type TrialReminder, trialExpiration } from "@jobkit/reminders";
 *
 * declare const billing: { isSubscribed(userId: string): Promise<boolean> };
 *
 * const subject = (reminder: TrialReminder) =>
 *   reminder.msLeft === 0
 *     ? "Your trial has ended"
 *     : `Your trial ends in ${Math.ceil(reminder.msLeft / 86_400_000)} days`;
 * export const trialReminders = trialExpiration({
 *   isSubscribed: (trial) => billing.isSubscribed(trial.userId),
 *   subject,
 * });
 * ```
 */
export interface TrialReminder extends ReminderInfo {
  /** The offset as written in `offsets`, e.g. `"3d"`. */
  readonly before: Duration;
  /** Milliseconds from the reminder to the trial's end (0 for the reminder at the end). */
  readonly msLeft: number;
}

/**
 * The options of {@link trialExpiration}.
 */
export interface TrialExpirationOptions extends ReminderReadyMadeOptions<TrialStartedEvent> {
  /** How long before `trialEndsAt` to remind; default `["7d", "3d", "1d", "0d"]` (`"0d"`: when it ends). */
  readonly offsets?: readonly Duration[];
  /** Asked before each reminder, in its own step: `true` ends the sequence (reason `"subscribed"`). */
  readonly isSubscribed: (
    trial: StartedTrial,
    ctx: ReminderContext<TrialStartedEvent>,
  ) => boolean | Promise<boolean>;
  /** Sends a reminder yourself, in its own step; without it an `email/send` event is emitted. */
  readonly remind?: (
    trial: StartedTrial,
    reminder: TrialReminder,
    ctx: ReminderContext<TrialStartedEvent>,
  ) => unknown;
  /** Subject of the emitted email; default "Your trial ends in 3 days" / "Your trial has ended". */
  readonly subject?: (reminder: TrialReminder) => string;
  /** Extra template variables of the emitted email, merged over the trial's. */
  readonly emailData?: (trial: StartedTrial, reminder: TrialReminder) => Record<string, unknown>;
}

const defaultOffsets: readonly Duration[] = ["7d", "3d", "1d", "0d"];

const trialOptionNames = [
  "offsets",
  "isSubscribed",
  "remind",
  "subject",
  "emailData",
] as const satisfies readonly (keyof TrialExpirationOptions)[];

/**
 * The seed's trial-expiration reminders, ready-made: on `trial/started`, remind at each offset before
 * `trialEndsAt` (7, 3 and 1 days before and when it ends), skipping the ones already past when the event
 * arrives, asking `isSubscribed` before each, and stopping when `subscription/activated` arrives for the
 * same `userId`. Emits `email/send` (`"trial-ending"`, `"trial-ended"` at the end) unless you pass `remind`.
 *
 * @example Trial reminders at 9:00 New York time
 * ```ts
 * import { trialExpiration } from "@jobkit/reminders";
 *
 * const subscribers = new Set<string>();
 *
 * export const trialReminders = trialExpiration({
 *   isSubscribed: (trial) => subscribers.has(trial.userId),
 *   timezone: "America/New_York",
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/reminders/README.md#trialexpiration
 */
export function trialExpiration<const TOptions extends object = object>(
  options: TrialExpirationOptions &
    TOptions &
    CheckOptionKeys<TOptions, TrialStartedEvent> &
    RejectUnknownOptions<TOptions, keyof TrialExpirationOptions>,
): ReminderSequenceDefinition<TrialStartedEvent> {
  const { options: checked, id, fail } = checkSequenceOptions(options, "trial-expiration", trialOptionNames);
  const {
    offsets = defaultOffsets,
    isSubscribed,
    remind,
    subject = defaultSubject,
    emailData,
    cancelOn = [],
    ...functionOptions
  } = checked as unknown as TrialExpirationOptions;
  checkCallback(fail, isSubscribed, "isSubscribed", true, "(trial) => billing.isSubscribed(trial.userId)");
  checkCallback(
    fail,
    remind,
    "remind",
    false,
    "(trial, reminder) => mailer.sendTrialReminder(trial, reminder)",
  );
  checkCallback(fail, subject, "subject", false, '(reminder) => "Only " + reminder.before + " left"');
  checkCallback(fail, emailData, "emailData", false, "(trial) => ({ firstName: names.get(trial.userId) })");
  if (!Array.isArray(cancelOn)) fail("cancelOn", cancelOn, "a list of cancellations", { example: "[]" });
  const reminders = new Map(
    checkOffsets(offsets, id, "offsets", true).map(({ offset, ms }) => [`ends-in-${offset}`, { offset, ms }]),
  );
  const trialReminder = (reminder: ReminderInfo): TrialReminder => {
    const { offset, ms } = reminders.get(reminder.id) ?? { offset: "0d", ms: 0 };
    return { ...reminder, before: offset, msLeft: ms };
  };
  return buildReminderSequence({
    ...functionOptions,
    id,
    on: trialStarted,
    cancelOn: [{ event: subscriptionActivated, match: "data.userId" }, ...cancelOn],
    schedule: [...reminders].map(([reminderId, { offset }]) => ({
      id: reminderId,
      before: offset,
      of: (event: TrialStartedEvent) => event.data.trialEndsAt,
    })),
    stillRelevant: async (ctx: ReminderContext<TrialStartedEvent>) =>
      (await isSubscribed(ctx.event.data, ctx))
        ? { relevant: false, reason: "subscribed", stop: true }
        : true,
    ...(remind === undefined
      ? {
          sends: [emailSend],
          emit: ({ event, reminder }: { event: TrialStartedEvent; reminder: ReminderInfo }) => {
            const trial = event.data;
            const info = trialReminder(reminder);
            return emailSend.create({
              to: trial.email,
              template: info.msLeft === 0 ? "trial-ended" : "trial-ending",
              subject: subject(info),
              data: {
                trialEndsAt: trial.trialEndsAt,
                timeLeft: info.before,
                daysLeft: info.msLeft / 86_400_000,
                ...(trial.plan === undefined ? {} : { plan: trial.plan }),
                ...emailData?.(trial, info),
              },
              metadata: { userId: trial.userId, reminderId: reminder.id },
            });
          },
        }
      : {
          send: (ctx: ReminderContext<TrialStartedEvent>) =>
            remind(ctx.event.data, trialReminder(ctx.reminder), ctx),
        }),
  }) as ReminderSequenceDefinition<TrialStartedEvent>;
}

function defaultSubject(reminder: TrialReminder): string {
  return reminder.msLeft === 0
    ? "Your trial has ended"
    : `Your trial ends in ${formatTimeLeft(reminder.msLeft)}`;
}
