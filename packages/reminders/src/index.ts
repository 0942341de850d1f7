export {
  type AbandonedCart,
  type CartAbandonedEvent,
  cartAbandonment,
} from "./cart-abandonment";
export { defineReminderSequence, type ReminderSequenceOptions } from "./define-reminder-sequence";
export { type DripReminder, type DripStep, dripSequence } from "./drip-sequence";
export { type PaymentReminderInfo, paymentReminder } from "./payment-reminder";
export { ReminderError, type ReminderErrorCode } from "./reminder-error";
export type { ReminderContext, ReminderSequenceResult } from "./reminder-handler";
export {
  type StartedTrial,
  type TrialReminder,
  type TrialStartedEvent,
  trialExpiration,
} from "./trial-expiration";
