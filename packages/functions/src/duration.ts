import { JobError } from "./job-error";
import { describeValue } from "./describe-value";

/**
 * The units a {@link Duration} may use: seconds, minutes, hours, days, weeks.
 *
 * @example Build a duration from a number and a unit
 * ```ts
 * import type { Duration, DurationUnit } from "@jobkit/functions";
 *
 * export function every(amount: number, unit: DurationUnit): Duration {
 *   return `${amount}${unit}`;
 * }
 * every(15, "m"); // "15m"
 * ```
 */
export type DurationUnit = "s" | "m" | "h" | "d" | "w";

/**
 * A duration as a number and one unit: `"30s"`, `"5m"`, `"1.5h"`, `"7d"`, `"1w"`.
 *
 * @example Type a period
 * ```ts
 * import type { Duration } from "@jobkit/functions";
 *
 * const period: Duration = "5m";
 * ```
 */
export type Duration = `${number}${DurationUnit}`;

const unitMs: Record<DurationUnit, number> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
};

const durationPattern = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;

/**
 * Where a duration sits in a definition and which values it may take, for checks and messages.
 *
 * @example Check a duration of your own options with jobkit's bounds and messages
 * ```ts
 * import { type DurationField, parseDuration } from "@jobkit/functions";
 *
 * const field: DurationField = {
 *   functionId: "send-digest",
 *   path: "digest.window",
 *   minMs: 60_000,
 *   maxMs: 86_400_000,
 * };
 * // 900000; "30s" would throw a JobError naming "digest.window"
 * const windowMs = parseDuration("15m", field);
 * ```
 */
export interface DurationField {
  readonly functionId: string | undefined;
  readonly path: string;
  /** Smallest allowed value in milliseconds, inclusive. Defaults to 1 second. */
  readonly minMs?: number;
  /** Largest allowed value in milliseconds, inclusive. */
  readonly maxMs?: number;
}

/**
 * Parses a {@link Duration} (or a number of milliseconds) to milliseconds, checking its form and, when a
 * field is given, its bounds; throws {@link JobError} otherwise.
 *
 * @example Parse a duration
 * ```ts
 * import { parseDuration } from "@jobkit/functions";
 *
 * parseDuration("1.5h"); // 5_400_000
 * ```
 */
export function parseDuration(
  value: Duration | number,
  field: DurationField = { functionId: undefined, path: "duration" },
): number {
  const ms = toMs(value);
  if (ms === undefined) {
    throw new JobError({
      functionId: field.functionId,
      path: field.path,
      received: describeValue(value),
      expected: "a number followed by one unit of s, m, h, d or w, or a number of milliseconds",
      example: '"30s", "5m", "1h", "7d"',
    });
  }
  const minMs = field.minMs ?? 1000;
  if (ms < minMs || (field.maxMs !== undefined && ms > field.maxMs)) {
    throw new JobError({
      functionId: field.functionId,
      path: field.path,
      received: describeValue(value),
      expected:
        field.maxMs === undefined
          ? `at least ${formatDuration(minMs)}`
          : `between ${formatDuration(minMs)} and ${formatDuration(field.maxMs)}`,
      example: JSON.stringify(formatDuration(Math.max(minMs, Math.min(field.maxMs ?? 60_000, 60_000)))),
    });
  }
  return ms;
}

function toMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = durationPattern.exec(value);
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string, DurationUnit];
  return Math.round(Number(amount) * unitMs[unit]);
}

/**
 * Formats milliseconds as Inngest's time string, largest unit first and whole seconds only:
 * `5_400_000` becomes `"1h30m"`.
 *
 * @example Format a period for Inngest
 * ```ts
 * import { formatDuration } from "@jobkit/functions";
 *
 * formatDuration(90_000); // "1m30s"
 * ```
 */
export function formatDuration(ms: number): string {
  let seconds = Math.ceil(ms / 1000);
  if (seconds === 0) return "0s";
  let text = "";
  for (const [unit, size] of [
    ["w", 604_800],
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(seconds / size);
    if (count > 0) {
      text += `${count}${unit}`;
      seconds -= count * size;
    }
  }
  return text;
}
