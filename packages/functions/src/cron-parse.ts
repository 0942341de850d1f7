/**
 * robfig/cron v3's `Parse` for the five standard fields, ported line by line (parser.go): the grammar
 * Inngest validates cron triggers with. Quirks are kept on purpose, because Inngest has them: `?` is `*`,
 * `N/step` means `N-max/step`, empty list items are skipped (`1,,2`), a `*` or `?` ignores what follows a
 * `-` (`*-5` is `*`), numbers may carry a `+`.
 */

/**
 * The values one cron field matches (`values[n]` is true when `n` matches), plus robfig's "star bit": the
 * field began with `*` or `?` and stepped by 1, which decides how the two day fields combine.
 *
 * @example List the hours a schedule runs in
 * ```ts
 * import { type CronFieldSet, cronSpecOf } from "@jobkit/functions/internal";
 *
 * const hours: CronFieldSet = cronSpecOf("0 9-17/4 * * *").hour;
 * hours.values.flatMap((on, hour) => (on ? [hour] : [])); // [9, 13, 17]
 * ```
 */
export interface CronFieldSet {
  readonly values: readonly boolean[];
  readonly star: boolean;
}

/**
 * A parsed five-field expression: what robfig's `SpecSchedule` holds (its seconds field is always 0).
 *
 * @example Tell whether a schedule's day fields combine with OR
 * ```ts
 * import { type CronSpec, cronSpecOf } from "@jobkit/functions/internal";
 *
 * const spec: CronSpec = cronSpecOf("0 9 1 * MON");
 * const eitherDay = !spec.dayOfMonth.star && !spec.dayOfWeek.star; // true: the 1st, and every Monday
 * ```
 */
export interface CronSpec {
  readonly minute: CronFieldSet;
  readonly hour: CronFieldSet;
  readonly dayOfMonth: CronFieldSet;
  readonly month: CronFieldSet;
  readonly dayOfWeek: CronFieldSet;
}

/** Why robfig refuses an expression: the field (when one) and a sentence for the error message. */
export interface CronGrammarError {
  readonly field?: CronFieldName;
  readonly problem: string;
}

export type CronFieldName = "minute" | "hour" | "day-of-month" | "month" | "day-of-week";

interface FieldBounds {
  readonly name: CronFieldName;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

// Literal tables only (no spread, no computed values): esbuild keeps module-level code it cannot prove pure,
// and in the built chunk shared by every entry these would ride along into apps that never parse a cron.
const bounds: readonly FieldBounds[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
  },
  { name: "day-of-week", min: 0, max: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

/**
 * The descriptors robfig's `ParseStandard` knows (exact spelling) with the five fields that mean the same.
 * Inngest's sync validation refuses every descriptor, so jobkit sends the five fields instead.
 */
export const cronDescriptors: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** Go's `unicode.IsSpace`, which `strings.Fields` splits on (JavaScript's `\s` differs at U+0085, U+FEFF). */
const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Splits an expression into fields the way Go's `strings.Fields` does. */
export function cronFields(expression: string): string[] {
  return expression.split(goSpace).filter((field) => field !== "");
}

/** Parses five fields with robfig's rules; returns the spec or why it is refused. */
export function parseCronSpec(fields: readonly string[]): CronSpec | CronGrammarError {
  if (fields.length !== 5) {
    return {
      problem:
        fields.length === 6
          ? "6 fields: Inngest crons have five, no seconds or year field"
          : `${fields.length} field${fields.length === 1 ? "" : "s"} instead of 5`,
    };
  }
  const sets: CronFieldSet[] = [];
  for (const [index, field] of fields.entries()) {
    const set = parseField(field, bounds[index] as FieldBounds);
    if ("problem" in set) return set;
    sets.push(set);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = sets as [
    CronFieldSet,
    CronFieldSet,
    CronFieldSet,
    CronFieldSet,
    CronFieldSet,
  ];
  return { minute, hour, dayOfMonth, month, dayOfWeek };
}

function parseField(field: string, range: FieldBounds): CronFieldSet | CronGrammarError {
  const values = Array.from({ length: 64 }, () => false);
  let star = false;
  // strings.FieldsFunc on ",": empty items vanish, so "1,,2" is "1,2" and "," matches nothing.
  for (const item of field.split(",").filter((part) => part !== "")) {
    const parsed = parseRange(item, range);
    if ("problem" in parsed) return parsed;
    for (let value = parsed.start; value <= parsed.end; value += parsed.step) values[value] = true;
    star ||= parsed.star;
  }
  return { values, star };
}

interface ParsedRange {
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly star: boolean;
}

function parseRange(item: string, range: FieldBounds): ParsedRange | CronGrammarError {
  const problem = (text: string): CronGrammarError => ({
    field: range.name,
    problem: `${range.name}: ${text}`,
  });
  const rangeAndStep = item.split("/");
  const lowAndHigh = (rangeAndStep[0] ?? "").split("-");
  const singleValue = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = range.min;
    end = range.max;
    star = true;
  } else {
    const low = parseIntOrName(lowAndHigh[0] ?? "", range);
    if (typeof low === "string") return problem(low);
    start = low;
    end = low;
    if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1] ?? "", range);
      if (typeof high === "string") return problem(high);
      end = high;
    } else if (lowAndHigh.length > 2) {
      return problem(`"${item}" has more than one "-"`);
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = parseInteger(rangeAndStep[1] ?? "");
    if (parsed === undefined || parsed < 0) {
      return problem(`step "/${rangeAndStep[1]}" must be a whole number of at least 1`);
    }
    step = parsed;
    // robfig: "N/step" means "N-max/step".
    if (singleValue) end = range.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    return problem(`"${item}" has more than one "/"`);
  }
  if (start < range.min) return problem(`${start} is outside ${range.min}-${range.max}`);
  if (end > range.max) return problem(`${end} is outside ${range.min}-${range.max}`);
  if (start > end) {
    return problem(
      singleValue
        ? `"${item}" starts at ${start}, after the last value ${range.max}`
        : `range "${rangeAndStep[0]}" runs backwards`,
    );
  }
  if (step === 0) return problem(`step "/${rangeAndStep[1]}" must be a whole number of at least 1`);
  return { start, end, step, star };
}

function parseIntOrName(token: string, range: FieldBounds): number | string {
  const named = range.names?.indexOf(token.toLowerCase()) ?? -1;
  if (named > 0 || (named === 0 && range.names?.[0] !== "")) return named;
  const value = parseInteger(token);
  if (value !== undefined && value >= 0) return value;
  if (value !== undefined) return `"${token}" is negative`;
  const allowed = range.names
    ? `${range.min}-${range.max} or ${range.names.at(range.min)?.toUpperCase()}-${range.names.at(-1)?.toUpperCase()}`
    : `${range.min}-${range.max}`;
  const prefixOf = range.names?.find((name) => name !== "" && token.toLowerCase().startsWith(name));
  const hint =
    prefixOf !== undefined
      ? `; did you mean "${prefixOf.toUpperCase()}"?`
      : /[LW#]/i.test(token)
        ? "; L, W and # are not part of Inngest's cron grammar (robfig/cron)"
        : "";
  return `"${token}" is not a value in ${allowed}${hint}`;
}

/** 2^63 - 1, written out: a computed BigInt would stay in every bundle (see `bounds`). */
const int64Max = 9223372036854775807n;

/** Go's `strconv.Atoi`: optional sign, decimal digits, within int64; `undefined` otherwise. */
function parseInteger(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value > int64Max || value < -int64Max - 1n) return undefined;
  return Number(value);
}
