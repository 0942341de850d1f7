export { type DefineFanOut, defineFanOut } from "./define-fan-out";
export { FanOutError, type FanOutErrorCode, type FanOutErrorDetails } from "./fan-out-error";
export { type FanOutEventIdInput, fanOutEventId } from "./fan-out-event-id";
export type {
  FanOutCommonOptions,
  FanOutDefinition,
  FanOutEvent,
  FanOutEventOf,
  FanOutListOptions,
  FanOutOptions,
  FanOutPage,
  FanOutPageContext,
  FanOutPages,
  FanOutPagesOptions,
  FanOutResult,
  FanOutSource,
} from "./fan-out-options";
export { type FanOutPlan, type FanOutPlanInput, planFanOut } from "./plan-fan-out";
export {
  type UserCreatedEvent,
  type UserSignupExtraTarget,
  type UserSignupFanOutOptions,
  type UserSignupResult,
  type UserSignupTarget,
  userSignupFanOut,
  userSignupTargets,
} from "./user-signup-fan-out";
