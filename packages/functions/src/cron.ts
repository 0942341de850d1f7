import { didYouMean, suggestNames } from "@jobkit/events/internal";
import { nextRun } from "./cron-next";
import { type CronSpec, cronDescriptors, cronFields, parseCronSpec } from "./cron-parse";
import { inngestZoneNames } from "./cron-zone-names.gen";
import { describeValue } from "./describe-value";
import { JobError } from "./job-error";

/**
 * A checked cron schedule: the 5-field expression, its IANA timezone and the string Inngest receives.
 *
 * @example Expand a descriptor in a timezone
 * ```ts
 * import { type CronSchedule, parseCron } from "@jobkit/functions";
 *
 * const schedule: CronSchedule = parseCron("@daily", "Europe/Berlin");
 * console.log(schedule.expression, schedule.schedule); // "0 0 * * *" "TZ=Europe/Berlin 0 0 * * *"
 * ```
 */
export interface CronSchedule {
  /** Five fields, "minute hour day-of-month month day-of-week"; descriptors such as `@daily` are expanded. */
  readonly expression: string;
  /** IANA timezone the expression is read in, e.g. `"America/New_York"`; defaults to `"UTC"`. */
  readonly timezone: string;
  /** The trigger string for Inngest: `TZ=<timezone> <expression>`. */
  readonly schedule: string;
}

const expectedCron = 'five fields "minute hour day-of-month month day-of-week"';
const cronExample = '"0 9 * * 1-5"';
/** Inngest refuses longer cron triggers at sync (`MaxCronLength` in pkg/inngest/trigger.go). */
const maxScheduleBytes = 255;

/**
 * Checks a cron expression and timezone the way Inngest does (robfig/cron v3's grammar, Go's zone names)
 * and returns the schedule Inngest receives; throws {@link JobError} naming the failing field.
 *
 * @example Build a schedule
 * ```ts
 * import { parseCron } from "@jobkit/functions";
 *
 * parseCron("0 9 * * 1-5", "Europe/Paris").schedule; // "TZ=Europe/Paris 0 9 * * 1-5"
 * parseCron("0/15 * * * *").expression; // "0/15 * * * *", every quarter hour as in robfig/cron
 * ```
 */
export function parseCron(expression: string, timezone = "UTC", functionId?: string): CronSchedule {
  return checkCron(expression, timezone, functionId).schedule;
}

/** {@link parseCron} and the parsed fields, for `nextRuns` and the CLI. */
function checkCron(
  expression: string,
  timezone: string,
  functionId?: string,
): { schedule: CronSchedule; spec: CronSpec } {
  const fail = (details: readonly string[]): never => {
    throw new JobError({
      functionId,
      subject: "cron expression",
      path: "cron",
      received: describeValue(expression),
      details,
      expected: expectedCron,
      example: cronExample,
    });
  };
  if (typeof expression !== "string") return fail(["the expression is not a string"]);
  const fields = cronFields(expression);
  if (fields.length === 0) fail(["the expression is empty"]);
  if (/^(CRON_)?TZ=/.test(fields[0] ?? "")) {
    fail(['the expression has a "TZ=" prefix; pass the zone as the `timezone` option instead']);
  }
  let normalized = fields.join(" ");
  if (normalized.startsWith("@")) normalized = expandDescriptor(normalized, fail);
  const spec = parseCronSpec(normalized.split(" "));
  if ("problem" in spec) return fail([spec.problem]);
  const zone = checkTimezone(timezone, functionId);
  const text = `TZ=${zone} ${normalized}`;
  if (new TextEncoder().encode(text).length > maxScheduleBytes) {
    fail([`"${text}" is longer than the ${maxScheduleBytes} bytes Inngest accepts`]);
  }
  if (nextRun(spec, zone, Date.now()) === undefined) {
    fail([
      "it never runs: Inngest's scheduler finds no matching time in the next 5 years (e.g. February 30)",
    ]);
  }
  return { schedule: Object.freeze({ expression: normalized, timezone: zone, schedule: text }), spec };
}

function expandDescriptor(descriptor: string, fail: (details: readonly string[]) => never): string {
  const fields = cronDescriptors[descriptor];
  if (fields !== undefined) return fields;
  if (descriptor === "@every" || descriptor.startsWith("@every ")) {
    return fail([
      '"@every" has no five-field form, and Inngest refuses descriptors at sync; write a step, e.g. "*/15 * * * *"',
    ]);
  }
  const known = Object.keys(cronDescriptors);
  const hint = didYouMean(suggestNames(descriptor, known, { ignoreCase: true }));
  return fail([`unknown descriptor${hint === undefined ? "" : `, ${hint}`}; known: ${known.join(", ")}`]);
}

/**
 * Why `timezone` is refused as a UTC offset (`"+02:00"`, `"UTC+2"`, `"GMT-05:00"`) rather than a place, or
 * `undefined` when it is not one: an offset never follows daylight saving time, so both a cron's `TZ=` and a
 * reminder sequence's zone refuse it with this reason.
 *
 * @example Refuse an offset where a zone is expected
 * ```ts
 * import { utcOffsetProblem } from "@jobkit/functions/internal";
 *
 * utcOffsetProblem("UTC+2"); // "a UTC offset does not follow daylight saving time; use the place's zone"
 * utcOffsetProblem("Europe/Paris"); // undefined
 * ```
 */
export function utcOffsetProblem(timezone: string): string | undefined {
  return /^[+-]|^(UTC|GMT)[+-]/i.test(timezone)
    ? "a UTC offset does not follow daylight saving time; use the place's zone"
    : undefined;
}

/**
 * Checks that `timezone` is a zone name Inngest accepts after `TZ=`: an IANA zone or link name Go's
 * `time.LoadLocation` loads, spelled exactly (`"PST"`, `"IST"` or `"SystemV/EST5"` are refused although
 * Node's `Intl` may know them). Returns it; throws {@link JobError} with close names otherwise.
 *
 * @example Check a timezone
 * ```ts
 * import { checkTimezone } from "@jobkit/functions/internal";
 *
 * checkTimezone("America/New_York"); // "America/New_York"
 * ```
 */
export function checkTimezone(timezone: string, functionId?: string): string {
  const fail = (details: readonly string[], example: string): never => {
    throw new JobError({
      functionId,
      subject: "timezone",
      path: "timezone",
      received: describeValue(timezone),
      details,
      expected: "an IANA timezone name Inngest accepts, spelled exactly",
      example,
    });
  };
  if (typeof timezone !== "string" || timezone === "") return fail(["the timezone is empty"], '"UTC"');
  const offset = utcOffsetProblem(timezone);
  if (offset !== undefined) return fail([offset], '"Europe/Paris"');
  if (timezone === "Local" || timezone === "Factory") {
    return fail(
      [
        timezone === "Local"
          ? '"Local" is the Inngest server\'s own zone, not yours; name the zone'
          : '"Factory" is the tz database\'s placeholder with no real offset; name the zone',
      ],
      '"America/New_York"',
    );
  }
  if (inngestZoneNames.has(timezone)) return timezone;
  const otherCase = [...inngestZoneNames].find((zone) => zone.toLowerCase() === timezone.toLowerCase());
  if (otherCase !== undefined) {
    return fail([`zone names are case-sensitive for Inngest: write "${otherCase}"`], `"${otherCase}"`);
  }
  const suggestions = suggestNames(timezone, inngestZoneNames, {
    ignoreCase: true,
    related: (zone) => sameCity(zone, timezone),
  });
  return fail(
    [
      didYouMean(suggestions) ??
        "unknown zone: Inngest loads zones with Go's time.LoadLocation, which knows IANA names such as " +
          '"America/Los_Angeles", not abbreviations such as "PST"',
    ],
    `"${suggestions[0] ?? "America/New_York"}"`,
  );
}

/** "Europe/Pariss" and "paris" are both about the zone ending in "Paris". */
function sameCity(zone: string, timezone: string): boolean {
  const city = (name: string) => (name.split("/").at(-1) ?? name).toLowerCase().replace(/[^a-z]/g, "");
  const wanted = city(timezone);
  return wanted.length >= 4 && city(zone).startsWith(wanted);
}

/**
 * Anything with a cron schedule: a cron definition or a {@link CronSchedule}.
 *
 * @example Accept a definition or a plain schedule
 * ```ts
 * import { defineCronFunction, nextRuns } from "@jobkit/functions";
 *
 * export function nextRunLabel(source: Parameters<typeof nextRuns>[0]): string {
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
 * The next `count` run times of a cron definition or schedule after `from` (exclusive), exactly as
 * Inngest's scheduler (robfig/cron v3) computes them in the schedule's timezone. Daylight saving time is
 * not smoothed over: a local time the clocks skip does not run that day, and one they repeat runs twice.
 * Fewer than `count` dates come back when the schedule has no run within five years of the previous one.
 *
 * @example Next three runs of a schedule
 * ```ts
 * import { defineCronFunction, nextRuns } from "@jobkit/functions";
 *
 * const nightly = defineCronFunction({
 *   id: "nightly",
 *   cron: "30 2 * * *",
 *   timezone: "America/New_York",
 *   handler: async () => {},
 * });
 * // 2026-03-07T07:30Z, then 2026-03-09T06:30Z: 02:30 does not exist on March 8, so no run that day
 * nextRuns(nightly, 2, new Date("2026-03-07T00:00:00Z"));
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
  const runs = schedules.flatMap(({ expression, timezone }) => {
    const { schedule, spec } = checkCron(expression, timezone);
    const times: Date[] = [];
    // Inngest schedules each run from the one before it (ScheduleNext in pkg/execution/cron).
    for (
      let at = nextRun(spec, schedule.timezone, from.getTime());
      at !== undefined && times.length < count;
    ) {
      times.push(new Date(at));
      at = nextRun(spec, schedule.timezone, at);
    }
    return times;
  });
  return runs.sort((a, b) => a.getTime() - b.getTime()).slice(0, count);
}

/**
 * The parsed fields of a valid expression as robfig/cron reads them, for tools that explain a schedule
 * (which hours it runs, whether its two day fields combine with OR); throws {@link JobError} like
 * {@link parseCron}.
 *
 * @example Tell whether both day fields are restricted
 * ```ts
 * import { cronSpecOf } from "@jobkit/functions/internal";
 *
 * const spec = cronSpecOf("0 9 1 * MON");
 * const either = !spec.dayOfMonth.star && !spec.dayOfWeek.star; // true: the 1st OR any Monday
 * ```
 */
export function cronSpecOf(expression: string, timezone = "UTC"): CronSpec {
  return checkCron(expression, timezone).spec;
}
