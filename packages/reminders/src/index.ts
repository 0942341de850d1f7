export {
  type AbandonedCart,
  type CartAbandonedEvent,
  type CartAbandonmentOptions,
  cartAbandonment,
} from "./cart-abandonment";
export type { ReminderAfter, ReminderBefore, ReminderEntry } from "./check-schedule";
export {
  defineReminderSequence,
  type ReminderDelivery,
  type ReminderSequenceBaseOptions,
  type ReminderSequenceDefinition,
  type ReminderSequenceOptions,
} from "./define-reminder-sequence";
export {
  type DripReminder,
  type DripSequenceBaseOptions,
  type DripSequenceOptions,
  type DripStep,
  dripSequence,
} from "./drip-sequence";
export type { DeadlineInput } from "./parse-deadline";
export {
  type PaymentReminderBaseOptions,
  type PaymentReminderInfo,
  type PaymentReminderOptions,
  paymentReminder,
} from "./payment-reminder";
export {
  type PlannedReminder,
  type PlanRemindersOptions,
  planReminders,
  type ReminderPlan,
  type SkipReason,
  type TimezoneOption,
} from "./plan-reminders";
export type { ReadyMadeOptions } from "./ready-made-options";
export type { Recipient } from "./recipient-option";
export type {
  Relevance,
  ReminderContext,
  ReminderEmitContext,
  ReminderEvent,
  ReminderInfo,
  ReminderOutcome,
  ReminderSequenceResult,
} from "./reminder-handler";
export { ReminderScheduleError, type ReminderScheduleErrorDetails } from "./reminder-schedule-error";
export {
  type StartedTrial,
  type TrialExpirationOptions,
  type TrialReminder,
  type TrialStartedEvent,
  trialExpiration,
} from "./trial-expiration";
