import { durationToMs } from "inngest";
import type { DurationInput, TimeInput } from "./run-job-options";

/** Milliseconds since the epoch for a time input, or `undefined` when it is not a valid time. */
export function parseTime(input: TimeInput): number | undefined {
  const time =
    input instanceof Date ? input.getTime() : typeof input === "number" ? input : Date.parse(String(input));
  return Number.isFinite(time) ? time : undefined;
}

/**
 * Milliseconds for a duration input (Inngest's own parser, so `"1h30m"` means what it means to Inngest),
 * `0` for zero, or `undefined` when it is not a valid duration.
 */
export function parseDuration(input: DurationInput): number | undefined {
  if (input === 0 || input === "" || (typeof input === "string" && /^0+[a-z]*$/.test(input))) return 0;
  try {
    return durationToMs(input);
  } catch {
    return undefined;
  }
}
