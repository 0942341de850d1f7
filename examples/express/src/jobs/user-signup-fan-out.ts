import { userSignupFanOut } from "@jobkit/fan-out";

/**
 * The sign-up fan-out from `@jobkit/fan-out`: one `user/created` starts five jobs — the
 * welcome email, the profile, the mailing list, a Slack message and the default settings — in one
 * `step.sendEvent`, every event validated against the catalog and with an id derived from the sign-up.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { userSignup } from "./user-signup-fan-out";
 *
 * const definition = userSignup();
 * ```
 */
export function userSignup() {
  return userSignupFanOut({
    name: "Process user sign-up",
    welcomeSubject: "Welcome to Acme!",
    // A replayed user/created must not subscribe or welcome the user twice.
    idempotency: "event.data.userId",
  });
}
