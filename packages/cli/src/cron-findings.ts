import { type CronTrigger, JobError, nextRuns, parseCron } from "@jobkit/functions";
import { type CronFieldSet, type CronSpec, cronSpecOf } from "@jobkit/functions/internal";
import type { CheckFinding } from "./check-finding";

const minute = 60_000;
const day = 24 * 60 * minute;

/** A change of a zone's UTC offset: the instant and the offsets (minutes east of UTC) either side. */
interface OffsetChange {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetAt(zone: string, instant: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    formatters.set(zone, formatter);
  }
  const name = formatter.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "";
  const match = /([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/** Offset changes in the year after `from`: daily samples, then bisection to the minute. */
function offsetChanges(zone: string, from: number): OffsetChange[] {
  const changes: OffsetChange[] = [];
  for (let start = from; start < from + 366 * day; start += day) {
    const before = offsetAt(zone, start);
    const after = offsetAt(zone, start + day);
    if (before === after) continue;
    let low = start;
    let high = start + day;
    while (high - low > minute) {
      const middle = low + Math.floor((high - low) / 2 / minute) * minute;
      if (offsetAt(zone, middle) === before) low = middle;
      else high = middle;
    }
    changes.push({ at: high, before, after });
  }
  return changes;
}

/** The values a parsed cron field matches, e.g. every 15th minute → 0, 15, 30, 45. */
function fieldValues(field: CronFieldSet): Set<number> {
  return new Set(field.values.flatMap((matches, value) => (matches ? [value] : [])));
}

/** robfig's day rule: both day fields must match when either is a star, else either may. */
function runsOnDate(spec: CronSpec, date: string): boolean {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (spec.month.values[month] !== true) return false;
  const dayOfMonth = spec.dayOfMonth.values[day] === true;
  const dayOfWeek = spec.dayOfWeek.values[weekday] === true;
  return spec.dayOfMonth.star || spec.dayOfWeek.star ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
}

function utcClock(instant: Date): string {
  return `${instant.toISOString().slice(11, 16)}Z`;
}

function clock(minuteOfDay: number): string {
  const wrapped = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, "0")}:${String(wrapped % 60).padStart(2, "0")}`;
}

function localDate(zone: string, instant: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, dateStyle: "short" }).format(instant);
}

/** The first scheduled local time of day in [start, start + length) minutes, wrapping at midnight. */
function firstRunIn(
  hours: Set<number>,
  minutes: Set<number>,
  start: number,
  length: number,
): number | undefined {
  for (let offset = 0; offset < length; offset++) {
    const time = (((start + offset) % 1440) + 1440) % 1440;
    if (hours.has(Math.floor(time / 60)) && minutes.has(time % 60)) return time;
  }
  return undefined;
}

/**
 * Problems of one cron trigger that its parser accepts: an invalid expression or zone (for definitions
 * built by hand), local times that daylight saving time skips or repeats (Inngest's scheduler, robfig/cron,
 * skips the first and runs the second twice), and day-of-month combined with day-of-week (cron runs when
 * either matches).
 */
export function cronFindings(functionId: string, trigger: CronTrigger, now: Date): CheckFinding[] {
  const where = `function "${functionId}" ("${trigger.expression}" in ${trigger.timezone})`;
  let spec: CronSpec;
  try {
    parseCron(trigger.expression, trigger.timezone, functionId);
    spec = cronSpecOf(trigger.expression, trigger.timezone);
  } catch (error) {
    if (!(error instanceof JobError)) throw error;
    return [{ severity: "error", code: "invalid-cron", functionId, message: error.message }];
  }
  const findings: CheckFinding[] = [];
  const [minuteField = "*", hourField = "*", dayOfMonth = "*", , dayOfWeek = "*"] =
    trigger.expression.split(" ");

  if (!spec.dayOfMonth.star && !spec.dayOfWeek.star) {
    findings.push({
      severity: "warning",
      code: "cron-day-or",
      functionId,
      message:
        `Cron schedule of ${where} sets both day-of-month "${dayOfMonth}" and day-of-week "${dayOfWeek}"\n` +
        "  cron runs on days that match EITHER field, not both\n" +
        `  expected: one of them "*", e.g. "${minuteField} ${hourField} * * ${dayOfWeek}", and the other condition checked in the handler`,
    });
  }

  // An hourly or finer schedule loses or repeats one run at a change, as any clock does: not worth a
  // warning. A time of day that does not exist, or exists twice, is.
  const hours = fieldValues(spec.hour);
  if (hours.size < 24) {
    const minutes = fieldValues(spec.minute);
    let gapReported = false;
    let overlapReported = false;
    for (const change of offsetChanges(trigger.timezone, now.getTime())) {
      const forward = change.after > change.before;
      if ((forward && gapReported) || (!forward && overlapReported)) continue;
      const start =
        Math.floor((change.at + (forward ? change.before : change.after) * minute) / minute) % 1440;
      const length = Math.abs(change.after - change.before);
      const run = firstRunIn(hours, minutes, start, length);
      if (run === undefined) continue;
      const date = localDate(trigger.timezone, change.at);
      if (!runsOnDate(spec, date)) continue;
      const window = `${clock(start)}–${clock(start + length)}`;
      findings.push({
        severity: "warning",
        code: forward ? "cron-dst-gap" : "cron-dst-overlap",
        functionId,
        message: forward
          ? `Cron schedule of ${where} runs at ${clock(run)}, a time that does not exist on ${date}\n` +
            `  clocks jump from ${clock(start)} to ${clock(start + length)}: Inngest's scheduler (robfig/cron) skips that run, it does not move it\n` +
            `  expected: a time outside ${window} local time, or timezone "UTC"`
          : `Cron schedule of ${where} runs at ${clock(run)}, a time that happens twice on ${date}\n` +
            `  clocks go back from ${clock(start + length)} to ${clock(start)}: Inngest's scheduler (robfig/cron) runs it twice, ${repeatedRuns(trigger, change, length, run)}\n` +
            `  expected: a time outside ${window} local time, or timezone "UTC"`,
      });
      if (forward) gapReported = true;
      else overlapReported = true;
    }
  }
  return findings;
}

/** The runs at local time `run` around a fall-back change, as the scheduler computes them. */
function repeatedRuns(trigger: CronTrigger, change: OffsetChange, length: number, run: number): string {
  const window = length * minute;
  const runs = nextRuns(trigger, 100, new Date(change.at - window - 1000)).filter(
    (instant) =>
      instant.getTime() < change.at + window &&
      clock(
        Math.floor((instant.getTime() + offsetAt(trigger.timezone, instant.getTime()) * minute) / minute),
      ) === clock(run),
  );
  return `at ${runs.map(utcClock).join(" and ")}`;
}
