import { type ConfigFailure, configFailure } from "./internal/config-failure";

/**
 * The units a {@link Duration} is written in: seconds, minutes, hours, days, weeks.
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

type Part<TUnit extends DurationUnit> = `${number}${TUnit}` | "";

/**
 * A duration in Inngest's time-string form (the SDK's `TimeStr`): numbers with units, largest first,
 * e.g. `"30s"`, `"1.5h"`, `".5h"`, `"1h30m"`, `"1w2d"`. {@link parseDuration} also reads every other form
 * the Inngest SDK reads (`"90 minutes"`, `"1h 30m"`, `"500ms"`); negative numbers and exponents type-check
 * but are refused when parsed.
 *
 * @example Type a period
 * ```ts
 * import type { Duration } from "@jobkit/functions";
 *
 * const period: Duration = "1h30m";
 * ```
 */
export type Duration = Exclude<`${Part<"w">}${Part<"d">}${Part<"h">}${Part<"m">}${Part<"s">}`, "">;

/**
 * Where a duration sits in a definition and which values it may take, for checks and messages.
 *
 * @example Check a duration of your own options with jobkit's bounds and messages
 * ```ts
 * import { parseDuration } from "@jobkit/functions";
 * import type { DurationField } from "@jobkit/functions/internal";
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
 * Parses a duration the way the Inngest SDK does (its `durationToMs`: an `ms` string such as `"30s"`,
 * `"2 days"` or `".5h"`, or a compound such as `"1h30m"`), or takes a number as milliseconds, and checks
 * the bounds (at least 1 second unless the field says otherwise); throws {@link JobError} otherwise.
 *
 * @example Parse a duration
 * ```ts
 * import { parseDuration } from "@jobkit/functions";
 *
 * parseDuration("1h30m"); // 5_400_000
 * parseDuration(".5h"); // 1_800_000
 * ```
 */
export function parseDuration(
  value: Duration | number,
  field: DurationField = { functionId: undefined, path: "duration" },
): number {
  const fail: ConfigFailure = configFailure(field.functionId);
  const ms = readDuration(value);
  if (ms === undefined) {
    fail(
      field.path,
      value,
      // The example follows this text in the message: no "e.g." of its own.
      "an Inngest time string (numbers with units ms, s, m, h, d, w or y, largest first) or a number of milliseconds",
      { example: '"30s", "5m", "1h30m", "7d"' },
    );
  }
  const minMs = field.minMs ?? 1000;
  const maxMs = field.maxMs;
  if (ms < minMs || (maxMs !== undefined && ms > maxMs)) {
    const bare = typeof value === "string" && /^\s*[\d.]+\s*$/.test(value);
    fail(
      field.path,
      value,
      maxMs === undefined
        ? `at least ${formatDuration(minMs)}`
        : `between ${formatDuration(minMs)} and ${formatDuration(maxMs)}`,
      {
        example: JSON.stringify(formatDuration(Math.max(minMs, Math.min(maxMs ?? 60_000, 60_000)))),
        details: bare ? [`a number without a unit is milliseconds: ${ms} ms`] : undefined,
      },
    );
  }
  return ms;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Milliseconds per unit of the `ms` package (v2, the one the Inngest SDK uses), by the one-letter unit each
 * spelling stands for (see `unitOf`): `"hrs"` is `h`, `"msecs"` is `ms`.
 */
const msPerUnit: Readonly<Record<DurationPartUnit, number>> = {
  y: day * 365.25,
  w: 7 * day,
  d: day,
  h: hour,
  m: minute,
  s: second,
  ms: 1,
};

const msPattern =
  /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i;

/** The `ms` package's `parse`: one number and an optional unit (milliseconds without one). */
function msParse(text: string): DurationPart | undefined {
  if (text.length > 100) return undefined;
  const match = msPattern.exec(text);
  if (!match) return undefined;
  // The pattern admits only the `ms` package's spellings, so each maps to one of its units.
  const unit = unitOf((match[2] ?? "ms").toLowerCase());
  return { ms: Number.parseFloat(match[1] ?? "") * msPerUnit[unit], unit };
}

/** The one-letter unit a spelling stands for: `"days"` is `"d"`, `"msecs"` is `"ms"`. */
function unitOf(spelled: string): DurationPartUnit {
  if (spelled.startsWith("ms") || spelled.startsWith("milli")) return "ms";
  return spelled[0] as DurationPartUnit;
}

/**
 * A unit the duration grammar reads, by its short name (years and milliseconds included).
 *
 * @example Calendar units
 * ```ts
 * import type { DurationPartUnit } from "@jobkit/functions/internal";
 *
 * export const isCalendarDay = (unit: DurationPartUnit) => unit === "d" || unit === "w";
 * ```
 */
export type DurationPartUnit = "y" | "w" | "d" | "h" | "m" | "s" | "ms";

/**
 * One part of a duration string: `"1h30m"` has an `h` part of 3 600 000 ms and an `m` part of 1 800 000.
 *
 * @example Sum the exact part of a duration
 * ```ts
 * import { type DurationPart, readDurationParts } from "@jobkit/functions/internal";
 *
 * const parts: readonly DurationPart[] = readDurationParts("1d 12h") ?? [];
 * export const exactMs = parts.filter((part) => part.unit !== "d").reduce((sum, part) => sum + part.ms, 0);
 * ```
 */
export interface DurationPart {
  readonly ms: number;
  readonly unit: DurationPartUnit;
}

/**
 * The parts of a duration string in the grammar of {@link readDuration}, each with its unit, or `undefined`
 * when it is not one; for callers that treat units differently (calendar days against exact hours).
 *
 * @example Tell the calendar part of a duration from the exact one
 * ```ts
 * import { readDurationParts } from "@jobkit/functions/internal";
 *
 * readDurationParts("1 day 12h"); // [{ ms: 86_400_000, unit: "d" }, { ms: 43_200_000, unit: "h" }]
 * ```
 */
export function readDurationParts(value: string): readonly DurationPart[] | undefined {
  const parts = value.trim().split(/(?<=[a-z])\s*(?=\d)/i);
  if (parts.length > 1 && !/[a-z]$/i.test(parts.at(-1) ?? "")) return undefined;
  const read: DurationPart[] = [];
  for (const part of parts) {
    const parsed = part === "" ? undefined : msParse(part);
    if (parsed === undefined) return undefined;
    read.push(parsed);
  }
  return read;
}

/**
 * Milliseconds of a duration, or `undefined` when it is not one: a string read by the Inngest SDK's
 * grammar (its `durationToMs`: the sum of `ms` parts split where a digit follows a letter, the last part
 * with a unit, a whole number of milliseconds), or a finite number ≥ 0. Unlike the SDK it reads zero
 * (`"0s"` is 0) and leaves bounds to the caller; the one grammar `parseDuration` and `@jobkit/testing` use.
 *
 * @example Read a sleep's duration without throwing
 * ```ts
 * import { readDuration } from "@jobkit/functions/internal";
 *
 * readDuration("1h 30m"); // 5_400_000
 * readDuration("soon"); // undefined
 * ```
 */
export function readDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const parts = readDurationParts(value);
  if (parts === undefined) return undefined;
  let total = 0;
  for (const part of parts) total += part.ms;
  return Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

/**
 * Formats milliseconds as Inngest's time string, largest unit first, rounded up to whole seconds:
 * `5_400_000` becomes `"1h30m"`. The result always parses back with {@link parseDuration}.
 *
 * @example Format a period for Inngest
 * ```ts
 * import { formatDuration } from "@jobkit/functions";
 *
 * formatDuration(90_000); // "1m30s"
 * ```
 */
export function formatDuration(ms: number): Duration {
  if (!Number.isFinite(ms) || ms < 0 || Math.ceil(ms / 1000) * 1000 > Number.MAX_SAFE_INTEGER) {
    configFailure(undefined)(
      "ms",
      ms,
      `a number of milliseconds from 0 to ${Number.MAX_SAFE_INTEGER - 999}`,
      {
        example: "90000",
      },
    );
  }
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
  return text as Duration;
}
