import type { Duration, ReadyMadeOptions } from "@jobkit/functions";
import { checkReadyMadeOptions } from "@jobkit/functions/internal";
import type { TimezoneOption } from "./plan-reminders";

/**
 * Options every ready-made sequence accepts besides its own: the {@link ReadyMadeOptions} of every jobkit
 * ready-made (an `id`, `if`, retries, concurrency, `onFailure`, extra `cancelOn` entries, `limits`, …) and
 * the sequence's `timezone` and `grace`.
 */
export interface ReminderReadyMadeOptions<TEvent> extends ReadyMadeOptions<TEvent> {
  /** The IANA time zone calendar days are counted in; default `"UTC"`. */
  readonly timezone?: TimezoneOption<TEvent>;
  /** How late a reminder may still be sent; default `"1h"`. */
  readonly grace?: Duration;
}

/** {@link checkReadyMadeOptions} for a ready-made sequence: its own options, `timezone` and `grace`. */
export function checkSequenceOptions(
  options: unknown,
  defaultId: string,
  own: readonly string[],
): ReturnType<typeof checkReadyMadeOptions> {
  return checkReadyMadeOptions(options, { defaultId, own: [...own, "timezone", "grace"] });
}
