export {
  type AbandonedCart,
  type CartAbandonedEvent,
  type CartAbandonmentOptions,
  cartAbandonment,
} from "./cart-abandonment";
export type { ReminderEntry } from "./check-schedule";
export { defineReminderSequence, type ReminderSequenceOptions } from "./define-reminder-sequence";
export { type DripReminder, type DripSequenceOptions, type DripStep, dripSequence } from "./drip-sequence";
export { type PaymentReminderInfo, type PaymentReminderOptions, paymentReminder } from "./payment-reminder";
export { planReminders, type ReminderPlan } from "./plan-reminders";
export type { ReminderReadyMadeOptions } from "./ready-made-options";
export { ReminderError, type ReminderErrorCode } from "./reminder-error";
export type { ReminderContext, ReminderSequenceResult } from "./reminder-handler";
export {
  type StartedTrial,
  type TrialExpirationOptions,
  type TrialReminder,
  type TrialStartedEvent,
  trialExpiration,
} from "./trial-expiration";
