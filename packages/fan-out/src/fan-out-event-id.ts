import { createHash } from "node:crypto";
import { configFailure } from "@jobkit/functions/internal";

const parts = ["functionId", "triggerId", "name", "key"] as const;

/**
 * What a fan-out event id is derived from.
 *
 * @example Find the welcome email a sign-up sent
 * ```ts
 * import { type FanOutEventIdInput, fanOutEventId } from "@jobkit/fan-out";
 *
 * export function welcomeEmailId(signupEventId: string): string {
 *   const input: FanOutEventIdInput = {
 *     functionId: "user-signup-fan-out",
 *     triggerId: signupEventId,
 *     name: "email/send",
 *     key: "welcome-email",
 *   };
 *   return fanOutEventId(input); // look the email/send event up by this id
 * }
 * ```
 */
export interface FanOutEventIdInput {
  /** The fan-out's function id, as written in `defineFanOut` (without `register()`'s prefix). */
  readonly functionId: string;
  /** The id of the event that triggered the run. */
  readonly triggerId: string;
  /** The name of the event being sent. */
  readonly name: string;
  /** The item's key: its position by default, or what the fan-out's `key` option returns. */
  readonly key: string;
}

/**
 * The id a fan-out gives an event: 32 hex characters of the SHA-256 of the function id, the triggering
 * event's id, the event name and the item key. The same trigger always yields the same ids, so a retry,
 * a replay or a rerun never sends an event twice (Inngest drops events whose id it has seen in the
 * last 24 hours).
 *
 * @example Predict the id of the welcome email sent for a sign-up
 * ```ts
 * import { fanOutEventId } from "@jobkit/fan-out";
 *
 * const id = fanOutEventId({
 *   functionId: "user-signup-fan-out",
 *   triggerId: "01JD6Y3ZQ4N8W5M3B2A1C0X9V8",
 *   name: "email/send",
 *   key: "welcome-email",
 * });
 * console.log(id.length); // 32
 * ```
 */
export function fanOutEventId(input: FanOutEventIdInput): string {
  const fail = configFailure(undefined);
  if (typeof input !== "object" || input === null) {
    fail("input", input, "{ functionId, triggerId, name, key }, four strings", {
      example: '{ functionId: "invite-team", triggerId: "01H…", name: "email/send", key: "usr_1" }',
    });
  }
  for (const part of parts) {
    if (typeof input[part] !== "string") fail(part, input[part], "a string", { example: '"usr_1"' });
  }
  return eventIdOf(input);
}

/**
 * {@link fanOutEventId} without the input checks, for the fan-out's own calls (four strings already
 * checked), so an app that only defines fan-outs does not bundle the checks of the public function.
 */
export function eventIdOf(input: FanOutEventIdInput): string {
  // A JSON array keeps the parts apart: ("a-b", "c") and ("a", "b-c") hash differently.
  const joined = JSON.stringify(parts.map((part) => input[part]));
  return createHash("sha256").update(joined).digest("hex").slice(0, 32);
}
