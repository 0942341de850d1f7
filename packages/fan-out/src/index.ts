export { defineFanOut } from "./define-fan-out";
export { FanOutError, type FanOutErrorCode } from "./fan-out-error";
export { fanOutEventId } from "./fan-out-event-id";
export type {
  FanOutDefinition,
  FanOutEvent,
  FanOutPage,
  FanOutPages,
  FanOutResult,
} from "./fan-out-options";
export { type FanOutPlan, planFanOut } from "./plan-fan-out";
export {
  type UserCreatedEvent,
  type UserSignupResult,
  type UserSignupTarget,
  userSignupFanOut,
} from "./user-signup-fan-out";
