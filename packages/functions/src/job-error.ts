/**
 * Why a {@link JobError} was thrown:
 * - `invalid-option`: an option, limit or input has a wrong value (a definition, `register`, a client, a
 *   cron expression or duration).
 * - `unknown-option`: an option name the definer or `register` does not know, e.g. a misspelt `concurency`.
 * - `duplicate-id`: two definitions given to `register` become the same function id.
 * - `send-failed`: one request of a split send failed after the requests before it were delivered; see
 *   {@link JobError.delivery}.
 *
 * @example Answer a config error and a partial send differently
 * ```ts
 * import type { JobErrorCode } from "@jobkit/functions";
 *
 * export const retryable = (code: JobErrorCode): boolean => code === "send-failed";
 * ```
 */
export type JobErrorCode = "invalid-option" | "unknown-option" | "duplicate-id" | "send-failed";

/**
 * How far a send got before one of its requests failed (`send-failed` only).
 *
 * @example Report what went out before the failure
 * ```ts
 * import type { SendProgress } from "@jobkit/functions";
 *
 * export const describeProgress = (progress: SendProgress): string =>
 *   `${progress.deliveredIds.length} of ${progress.eventCount} events delivered before request ${progress.failedRequest + 1} of ${progress.requests} failed`;
 * ```
 */
export interface SendProgress {
  /** Ids Inngest assigned to the events of the requests that succeeded, in send order. */
  readonly deliveredIds: readonly string[];
  /** Index (from 0) of the request that failed; the requests after it were not attempted. */
  readonly failedRequest: number;
  /** How many requests the events were split into. */
  readonly requests: number;
  /** How many events were given to the call. */
  readonly eventCount: number;
}

/**
 * What a {@link JobError} reports: what failed and where, what was received, what is expected.
 *
 * @example Report a bad option of your own in jobkit's message shape
 * ```ts
 * import { JobError } from "@jobkit/functions";
 * import type { JobErrorDetails } from "@jobkit/functions/internal";
 *
 * export function checkBucket(functionId: string, bucket: string): void {
 *   if (bucket.trim() !== "") return;
 *   const details: JobErrorDetails = {
 *     functionId,
 *     path: "bucket",
 *     received: '""',
 *     expected: "a bucket name",
 *     example: '"exports"',
 *   };
 *   throw new JobError(details);
 * }
 * ```
 */
export interface JobErrorDetails {
  /** Defaults to `invalid-option`. */
  readonly code?: JobErrorCode;
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
  /** How far a send got; required for `send-failed`. */
  readonly delivery?: SendProgress;
}

const maxShownPath = 120;

function headline(details: JobErrorDetails): string {
  if (details.code === "send-failed") return "Failed to send events";
  // A path built from a user's key (an unknown option) can be any length; the headline stays readable.
  const path = details.path.length > maxShownPath ? `${details.path.slice(0, maxShownPath)}…` : details.path;
  const subject = details.subject ?? `option "${path}"`;
  const where = details.functionId === undefined ? "" : ` for function "${details.functionId}"`;
  return `Invalid ${subject}${where}`;
}

/**
 * The one error `@jobkit/functions` throws, told apart by {@link JobError.code}: a bad option at definition
 * or registration time, or a send that failed part-way. Its message says what failed and where, what was
 * received, what is expected and, when it can, gives an example.
 *
 * @example Catch a bad cron expression
 * ```ts
 * import { defineCronFunction, JobError } from "@jobkit/functions";
 *
 * try {
 *   defineCronFunction({ id: "daily-report", cron: "61 * * * *", handler: async () => {} });
 * } catch (error) {
 *   if (error instanceof JobError && error.code === "invalid-option") console.error(error.path, error.received);
 * }
 * ```
 * @example Resend after a partial send
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, JobError } from "@jobkit/functions";
 *
 * const events = createSender(new Inngest({ id: "shop" }), standardCatalog);
 * const imported = Array.from({ length: 12_000 }, (_, index) => ({
 *   name: "user/created" as const,
 *   data: { userId: `usr_${index}`, email: `user${index}@example.com` },
 *   id: `import-usr_${index}`, // ids make a resend of the whole list safe: Inngest deduplicates them
 * }));
 * try {
 *   await events.sendMany(imported);
 * } catch (error) {
 *   if (!(error instanceof JobError && error.delivery)) throw error;
 *   console.error(`request ${error.delivery.failedRequest + 1} of ${error.delivery.requests} failed`);
 * }
 * ```
 */
export class JobError extends Error {
  override readonly name = "JobError";
  // `declare`: the constructor sets every field, so no empty field definitions are emitted into each bundle.
  declare readonly code: JobErrorCode;
  declare readonly functionId: string | undefined;
  declare readonly path: string;
  declare readonly received: string;
  declare readonly expected: string;
  /** A right value, when the check could name one. */
  declare readonly example: string | undefined;
  /** The extra lines of the message, e.g. `minute: 61 is outside 0-59`. */
  declare readonly details: readonly string[];
  /** How far the send got (`send-failed`); `undefined` for the other codes. */
  declare readonly delivery: SendProgress | undefined;

  constructor(details: JobErrorDetails, options?: ErrorOptions) {
    const lines = [
      `${headline(details)}: ${details.received}`,
      ...(details.details ?? []).map((line) => `  ${line}`),
      `  expected: ${details.expected}${details.example === undefined ? "" : `, e.g. ${details.example}`}`,
    ];
    super(lines.join("\n"), options);
    this.code = details.code ?? "invalid-option";
    this.functionId = details.functionId;
    this.path = details.path;
    this.received = details.received;
    this.expected = details.expected;
    this.example = details.example;
    this.details = Object.freeze([...(details.details ?? [])]);
    this.delivery =
      details.delivery === undefined
        ? undefined
        : Object.freeze({
            ...details.delivery,
            deliveredIds: Object.freeze([...details.delivery.deliveredIds]),
          });
  }
}
