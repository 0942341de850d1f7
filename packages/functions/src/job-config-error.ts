/**
 * What {@link JobConfigError} reports: where the problem is, what was found and what would be right.
 *
 * @example Report a bad option of your own in jobkit's message shape
 * ```ts
 * import { JobConfigError, type JobConfigErrorDetails } from "@jobkit/functions";
 *
 * export function checkBucket(functionId: string, bucket: string): void {
 *   if (bucket.trim() !== "") return;
 *   const details: JobConfigErrorDetails = {
 *     functionId,
 *     path: "bucket",
 *     received: '""',
 *     expected: "a bucket name",
 *     example: '"exports"',
 *   };
 *   throw new JobConfigError(details);
 * }
 * ```
 */
export interface JobConfigErrorDetails {
  /** The function id the option belongs to; `undefined` outside a definition, e.g. in `parseDuration`. */
  readonly functionId: string | undefined;
  /** Dotted option path, e.g. `"retries.attempts"` or `"concurrency[1].key"`. */
  readonly path: string;
  /** The failing value only, rendered for humans; never a whole payload. */
  readonly received: string;
  /** What a right value looks like. */
  readonly expected: string;
  /** A right value, e.g. `"0 9 * * 1-5"`. */
  readonly example?: string;
  /** What is being checked, e.g. `"cron expression"`; defaults to `option "<path>"`. */
  readonly subject?: string;
  /** Extra lines between the headline and `expected`, e.g. `minute: 61 is outside 0-59`. */
  readonly details?: readonly string[];
}

/**
 * Thrown at definition or registration time when a job's configuration is invalid; its message says what
 * failed and where, what was received, what is expected and gives an example.
 *
 * @example Catch a bad cron expression
 * ```ts
 * import { defineCronFunction, JobConfigError } from "@jobkit/functions";
 *
 * try {
 *   defineCronFunction({ id: "daily-report", cron: "61 * * * *", handler: async () => {} });
 * } catch (error) {
 *   if (error instanceof JobConfigError) console.error(error.path, error.received);
 * }
 * ```
 */
export class JobConfigError extends Error {
  override readonly name = "JobConfigError";
  readonly functionId: string | undefined;
  readonly path: string;
  readonly received: string;
  readonly expected: string;
  /** A right value, when the check could name one. */
  readonly example: string | undefined;
  /** The extra lines of the message, e.g. `minute: 61 is outside 0-59`. */
  readonly details: readonly string[];

  constructor(details: JobConfigErrorDetails, options?: ErrorOptions) {
    const subject = details.subject ?? `option "${details.path}"`;
    const where = details.functionId === undefined ? "" : ` for function "${details.functionId}"`;
    const lines = [
      `Invalid ${subject}${where}: ${details.received}`,
      ...(details.details ?? []).map((line) => `  ${line}`),
      `  expected: ${details.expected}${details.example === undefined ? "" : `, e.g. ${details.example}`}`,
    ];
    super(lines.join("\n"), options);
    this.functionId = details.functionId;
    this.path = details.path;
    this.received = details.received;
    this.expected = details.expected;
    this.example = details.example;
    this.details = Object.freeze([...(details.details ?? [])]);
  }
}

const maxShownLength = 80;

/**
 * Renders one config value for an error message, short and without nested contents: strings quoted
 * and cut at 80 characters, objects and arrays named but never shown (they can hold personal data).
 *
 * @example Report the value an option received
 * ```ts
 * import { describeValue, JobConfigError } from "@jobkit/functions";
 *
 * export function checkChannel(functionId: string, channel: unknown): void {
 *   if (typeof channel !== "string") {
 *     throw new JobConfigError({ functionId, path: "channel", received: describeValue(channel), expected: "a Slack channel" });
 *   }
 * }
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > maxShownLength ? `${value.slice(0, maxShownLength)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return "an object";
}
