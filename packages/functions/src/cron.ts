import { Cron } from "croner";
import { JobError } from "./job-error";
import { describeValue } from "./describe-value";

/**
 * A checked cron schedule: the 5-field expression, its IANA timezone and the string Inngest receives.
 *
 * @example Expand a nickname in a timezone
 * ```ts
 * import { type CronSchedule, parseCron } from "@jobkit/functions";
 *
 * const schedule: CronSchedule = parseCron("@daily", "Europe/Berlin");
 * console.log(schedule.expression, schedule.schedule); // "0 0 * * *" "TZ=Europe/Berlin 0 0 * * *"
 * ```
 */
export interface CronSchedule {
  /** Five fields, "minute hour day-of-month month day-of-week"; nicknames such as `@daily` are expanded. */
  readonly expression: string;
  /** IANA timezone the expression is read in, e.g. `"America/New_York"`; defaults to `"UTC"`. */
  readonly timezone: string;
  /** The trigger string for Inngest: `TZ=<timezone> <expression>`. */
  readonly schedule: string;
}

const expectedCron = 'five fields "minute hour day-of-month month day-of-week"';
const cronExample = '"0 9 * * 1-5"';

const nicknames: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Value of the first name, e.g. 1 for JAN. */
  readonly namesStart?: number;
}

// Inngest parses crons with the standard 5-field grammar: no seconds, no `L`, `W`, `#` or `?`, and
// day-of-week 0-6. These bounds give field-level messages; croner stays the parser of record.
const fields: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: monthNames, namesStart: 1 },
  { name: "day-of-week", min: 0, max: 6, names: dayNames, namesStart: 0 },
];

/**
 * Checks a cron expression and timezone and returns the schedule Inngest receives; throws
 * {@link JobError} naming the failing field.
 *
 * @example Build a schedule
 * ```ts
 * import { parseCron } from "@jobkit/functions";
 *
 * parseCron("0 9 * * 1-5", "Europe/Paris").schedule; // "TZ=Europe/Paris 0 9 * * 1-5"
 * ```
 */
export function parseCron(expression: string, timezone = "UTC", functionId?: string): CronSchedule {
  const fail = (details: readonly string[], cause?: unknown): never => {
    throw new JobError(
      {
        functionId,
        subject: "cron expression",
        path: "cron",
        received: describeValue(expression),
        details,
        expected: expectedCron,
        example: cronExample,
      },
      cause === undefined ? undefined : { cause },
    );
  };
  if (typeof expression !== "string" || expression.trim() === "") fail(["the expression is empty"]);
  const trimmed = expression.trim().replace(/\s+/g, " ");
  if (/^(CRON_)?TZ=/i.test(trimmed)) {
    fail(['the expression has a "TZ=" prefix; pass the zone as the `timezone` option instead']);
  }
  const normalized = nicknames[trimmed.toLowerCase()] ?? trimmed;
  if (normalized.startsWith("@")) fail([`unknown nickname; known: ${Object.keys(nicknames).join(", ")}`]);
  const parts = normalized.split(" ");
  if (parts.length !== 5) {
    fail([
      parts.length === 6
        ? "6 fields: Inngest crons have no seconds field"
        : `${parts.length} field${parts.length === 1 ? "" : "s"} instead of 5`,
    ]);
  }
  parts.forEach((part, index) => {
    const problem = checkField(part, fields[index] as CronField);
    if (problem !== undefined) fail([problem]);
  });
  const zone = checkTimezone(timezone, functionId);
  let cron: Cron;
  try {
    cron = new Cron(normalized, { mode: "5-part", paused: true, timezone: zone });
  } catch (error) {
    return fail(
      [error instanceof Error ? error.message.replace(/^CronPattern: /, "") : String(error)],
      error,
    );
  }
  if (cron.nextRun() === null) fail(["it never matches a date (e.g. February 30)"]);
  return Object.freeze({ expression: normalized, timezone: zone, schedule: `TZ=${zone} ${normalized}` });
}

function checkField(part: string, field: CronField): string | undefined {
  for (const item of part.split(",")) {
    if (item === "") return `${field.name}: empty list item in "${part}"`;
    const [range = "", step, extra] = item.split("/");
    if (extra !== undefined) return `${field.name}: "${item}" has more than one "/"`;
    if (step !== undefined) {
      const stepValue = Number(step);
      if (!/^\d+$/.test(step) || stepValue === 0) {
        return `${field.name}: step "/${step}" must be a whole number of at least 1`;
      }
      if (stepValue > field.max - field.min + 1) {
        return `${field.name}: step ${stepValue} is larger than the field's ${field.max - field.min + 1} values`;
      }
    }
    if (range === "*") continue;
    const bounds = range.split("-");
    if (bounds.length > 2) return `${field.name}: "${range}" is not a value or a range "a-b"`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = fieldValue(bound, field);
      if (typeof value === "string") return value;
      values.push(value);
    }
    const [from, to] = values as [number, number | undefined];
    if (to !== undefined && from > to) return `${field.name}: range "${range}" runs backwards`;
  }
  return undefined;
}

function fieldValue(token: string, field: CronField): number | string {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return value < field.min || value > field.max
      ? `${field.name}: ${value} is outside ${field.min}-${field.max}`
      : value;
  }
  const nameIndex = field.names?.indexOf(token.toUpperCase()) ?? -1;
  if (nameIndex >= 0) return nameIndex + (field.namesStart ?? 0);
  if (/^[LW#?]|[LW#?]$|#/.test(token)) {
    return `${field.name}: "${token}" uses L, W, # or ?, which Inngest's cron parser does not support`;
  }
  const allowed = field.names
    ? `${field.min}-${field.max} or ${field.names[0]}-${field.names.at(-1)}`
    : `${field.min}-${field.max}`;
  return `${field.name}: "${token}" is not a value in ${allowed}`;
}

/**
 * Checks that `timezone` is an IANA zone name this runtime knows (through `Intl`), spelled exactly, and
 * returns it; throws {@link JobError} with close names otherwise.
 *
 * @example Check a timezone
 * ```ts
 * import { checkTimezone } from "@jobkit/functions";
 *
 * checkTimezone("America/New_York"); // "America/New_York"
 * ```
 */
export function checkTimezone(timezone: string, functionId?: string): string {
  const fail = (details: readonly string[], example: string, cause?: unknown): never => {
    throw new JobError(
      {
        functionId,
        subject: "timezone",
        path: "timezone",
        received: describeValue(timezone),
        details,
        expected: "an IANA timezone name",
        example,
      },
      cause === undefined ? undefined : { cause },
    );
  };
  if (typeof timezone !== "string" || timezone === "") return fail(["the timezone is empty"], '"UTC"');
  if (/^[+-]|^(UTC|GMT)[+-]/i.test(timezone)) {
    return fail(
      ["a UTC offset does not follow daylight saving time; use the place's zone"],
      '"Europe/Paris"',
    );
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: timezone }).resolvedOptions().timeZone;
  } catch (error) {
    const suggestions = closeZones(timezone);
    return fail(
      [
        suggestions.length > 0
          ? `did you mean: ${suggestions.map((zone) => `"${zone}"`).join(", ")}?`
          : "unknown zone",
      ],
      `"${suggestions[0] ?? "America/New_York"}"`,
      error,
    );
  }
  if (resolved !== timezone && resolved.toLowerCase() === timezone.toLowerCase()) {
    return fail([`zone names are case-sensitive for Inngest: write "${resolved}"`], `"${resolved}"`);
  }
  return timezone;
}

function closeZones(timezone: string): string[] {
  const letters = (text: string) => text.toLowerCase().replace(/[^a-z]/g, "");
  const city = letters(timezone.split("/").at(-1) ?? timezone);
  if (city === "") return [];
  return Intl.supportedValuesOf("timeZone")
    .filter((zone) => {
      const candidate = letters(zone.split("/").at(-1) ?? zone);
      return candidate === city || (city.length >= 4 && candidate.startsWith(city));
    })
    .slice(0, 3);
}

/**
 * Anything with a cron schedule: a cron definition or a {@link CronSchedule}.
 *
 * @example Accept a definition or a plain schedule
 * ```ts
 * import { type CronSource, defineCronFunction, nextRuns } from "@jobkit/functions";
 *
 * export function nextRunLabel(source: CronSource): string {
 *   return nextRuns(source, 1)[0]?.toISOString() ?? "never";
 * }
 * nextRunLabel({ expression: "0 9 * * 1-5", timezone: "America/New_York" });
 * nextRunLabel(defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async () => {} }));
 * ```
 */
export type CronSource =
  | Pick<CronSchedule, "expression" | "timezone">
  | { readonly triggers: readonly ({ readonly type: string } & Partial<CronSchedule>)[] };

/**
 * The next `count` run times of a cron definition or schedule after `from` (exclusive), computed in its
 * timezone, so daylight saving changes move the UTC instant and never skip or double a day.
 *
 * @example Next three runs of a schedule
 * ```ts
 * import { defineCronFunction, nextRuns } from "@jobkit/functions";
 *
 * const dailyReport = defineCronFunction({
 *   id: "daily-report",
 *   cron: "0 9 * * *",
 *   timezone: "America/New_York",
 *   handler: async () => {},
 * });
 * nextRuns(dailyReport, 3, new Date("2026-03-07T00:00:00Z")); // 14:00Z, then 13:00Z twice (DST starts)
 * ```
 */
export function nextRuns(source: CronSource, count: number, from: Date = new Date()): Date[] {
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new JobError({
      functionId: undefined,
      path: "count",
      received: describeValue(count),
      expected: "a whole number from 1 to 1000",
      example: "5",
    });
  }
  const schedules =
    "triggers" in source
      ? source.triggers.filter(
          (trigger): trigger is CronSchedule & { type: string } =>
            trigger.type === "cron" && trigger.expression !== undefined && trigger.timezone !== undefined,
        )
      : [source];
  if (schedules.length === 0) {
    throw new JobError({
      functionId: undefined,
      path: "triggers",
      received: "no cron trigger",
      expected: "a definition made with defineCronFunction, or { expression, timezone }",
    });
  }
  const runs = schedules.flatMap(({ expression, timezone }) =>
    new Cron(expression, { mode: "5-part", paused: true, timezone }).nextRuns(count, from),
  );
  return runs.sort((a, b) => a.getTime() - b.getTime()).slice(0, count);
}
