/**
 * What went wrong, one code per kind of failure.
 *
 * | code                | when                                                                          |
 * | ------------------- | ----------------------------------------------------------------------------- |
 * | `invalid-input`     | an argument or option the client cannot use; no request was made             |
 * | `unauthorized`      | 401/403: the API refused the signing key (`key` says which one)               |
 * | `not-found`         | 404, or a definition whose function is not synced in the app                  |
 * | `rate-limited`      | 429 after the bounded retries (`retryAfterMs` from `Retry-After`)             |
 * | `server-error`      | 5xx after the bounded retries                                                 |
 * | `bad-request`       | another 4xx: the API refused the request (its message is kept)                |
 * | `request-failed`    | no response: network error or an unreadable body                              |
 * | `function-mismatch` | `getRun(id, { definition })` for a run of another function                    |
 * | `timeout`           | `waitForRuns` ran out of time before `until` was satisfied                    |
 * | `aborted`           | the `signal` given to a method was aborted                                    |
 *
 * @example A response status per code in a status route
 * ```ts
 * import { RunsError, type RunsErrorCode } from "@jobkit/runs";
 *
 * const statusFor: Partial<Record<RunsErrorCode, number>> = { "invalid-input": 400, "not-found": 404, timeout: 504 };
 * export const status = (error: unknown) =>
 *   error instanceof RunsError ? (statusFor[error.code] ?? 502) : 500;
 * ```
 */
export type RunsErrorCode =
  | "invalid-input"
  | "unauthorized"
  | "not-found"
  | "rate-limited"
  | "server-error"
  | "bad-request"
  | "request-failed"
  | "function-mismatch"
  | "timeout"
  | "aborted";

/**
 * What a {@link RunsError} is built from.
 */
export interface RunsErrorDetails {
  readonly code: RunsErrorCode;
  /** The whole message, in jobkit's what / received / expected shape. */
  readonly message: string;
  /** The HTTP status of the last response, when there was one. */
  readonly status?: number;
  /** For `unauthorized`: the key the API refused last (never the key itself). */
  readonly key?: "primary" | "fallback";
  /** For `rate-limited`: how long the API asked to wait, from `Retry-After`. */
  readonly retryAfterMs?: number;
}

/**
 * The one error `@jobkit/runs` throws: a `code` to branch on and a message that says what failed, what was
 * received and what to do. Signing keys never appear in it, hashed or not.
 *
 * @example Tell a refused key from a missing run
 * ```ts
 * import { createRunsClient, RunsError } from "@jobkit/runs";
 *
 * const runs = createRunsClient({ isDev: true });
 * export async function statusOf(runId: string): Promise<string> {
 *   try {
 *     return (await runs.getRun(runId)).status;
 *   } catch (error) {
 *     if (error instanceof RunsError && error.code === "unauthorized") return `key refused (${error.key})`;
 *     throw error;
 *   }
 * }
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/runs/README.md#errors
 */
export class RunsError extends Error {
  override readonly name = "RunsError";
  readonly code: RunsErrorCode;
  readonly status: number | undefined;
  readonly key: "primary" | "fallback" | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(details: RunsErrorDetails, options?: { cause?: unknown }) {
    super(details.message, options);
    this.code = details.code;
    this.status = details.status;
    this.key = details.key;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Throws an `invalid-input` error in the house shape: what, received, expected, example. */
export function invalidInput(
  subject: string,
  received: string,
  expected: string,
  example?: string,
  cause?: unknown,
): never {
  const lines = [subject, `  received: ${received}`, `  expected: ${expected}`];
  if (example !== undefined) lines.push(`  example: ${example}`);
  throw new RunsError({ code: "invalid-input", message: lines.join("\n") }, { cause });
}
