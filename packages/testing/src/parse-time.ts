import { readDuration } from "@jobkit/functions/internal";
import type { DurationInput, TimeInput } from "./run-job-options";

/** Milliseconds since the epoch for a time input, or `undefined` when it is not a valid time. */
export function parseTime(input: TimeInput): number | undefined {
  const time =
    input instanceof Date ? input.getTime() : typeof input === "number" ? input : Date.parse(String(input));
  return Number.isFinite(time) ? time : undefined;
}

/**
 * Milliseconds for a duration input, read with jobkit's one duration grammar (the Inngest SDK's, so
 * `"1h30m"` means what it means to Inngest), `0` for zero, or `undefined` when it is not a valid duration.
 */
export function parseDuration(input: DurationInput): number | undefined {
  return input === "" ? 0 : readDuration(input);
}
