import { userSignupFanOut } from "@jobkit/fan-out";

/**
 * The sign-up fan-out: one `user/created` starts the profile, newsletter, Slack and settings jobs
 * (wherever they are served). The welcome email is left out because `send-welcome-email` sends it.
 */
export const signupFanOut = userSignupFanOut({ skip: ["welcome-email"] });
