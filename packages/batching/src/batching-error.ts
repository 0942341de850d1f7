/**
 * Why a batch run failed on bad data from your callbacks; see {@link BatchingError}.
 *
 * @example Tell a bad key from other failures
 * ```ts
 * import { BatchingError, type BatchingErrorCode } from "@jobkit/batching";
 *
 * const keyProblems: readonly BatchingErrorCode[] = ["invalid-key", "duplicate-key"];
 *
 * export function isKeyProblem(error: unknown): boolean {
 *   return error instanceof BatchingError && keyProblems.includes(error.code);
 * }
 * ```
 */
export type BatchingErrorCode =
  /** A `mapItems` key (the `key` option, or the item's `id`) is not a non-empty string. */
  | "invalid-key"
  /** Two items of one `mapItems` call got the same key, so their outcomes (and step ids) would collide. */
  | "duplicate-key"
  /** `notificationDigest`'s `recipient` returned something other than an email address, `null` or `undefined`. */
  | "invalid-recipient";

/**
 * What {@link BatchingError} reports.
 *
 * @example Refuse an item of your own in the batching error shape
 * ```ts
 * import { BatchingError, type BatchingErrorDetails } from "@jobkit/batching";
 *
 * export function refuseKey(functionId: string, key: unknown): never {
 *   const details: BatchingErrorDetails = {
 *     functionId,
 *     code: "invalid-key",
 *     problem: "got an item key that is not a string",
 *     received: typeof key,
 *     expected: "a non-empty string, e.g. the item's id",
 *   };
 *   throw new BatchingError(details);
 * }
 * ```
 */
export interface BatchingErrorDetails {
  /** The batch function's id, when known. */
  readonly functionId: string | undefined;
  readonly code: BatchingErrorCode;
  /** The first line after the function id, e.g. `got two items with the key "usr_1"`. */
  readonly problem: string;
  /** The failing value only, rendered for humans; never a whole item. */
  readonly received: string;
  /** What a right value looks like. */
  readonly expected: string;
}

/**
 * The error `@jobkit/batching` throws while a batch runs, told apart by {@link BatchingError.code}. A bad
 * option is refused when the job is defined, with the `JobError` of `@jobkit/functions`.
 *
 * @example Alert on a bad recipient lookup
 * ```ts
 * import { BatchingError } from "@jobkit/batching";
 *
 * export function describeFailure(error: Error): string {
 *   return error instanceof BatchingError ? `batching (${error.code}): expected ${error.expected}` : error.message;
 * }
 * ```
 */
export class BatchingError extends Error {
  override readonly name = "BatchingError";
  readonly code: BatchingErrorCode;
  readonly functionId: string | undefined;
  readonly received: string;
  readonly expected: string;

  constructor(details: BatchingErrorDetails, options?: ErrorOptions) {
    const where = details.functionId === undefined ? "A batch" : `Batch function "${details.functionId}"`;
    super(`${where} ${details.problem}: ${details.received}\n  expected: ${details.expected}`, options);
    this.code = details.code;
    this.functionId = details.functionId;
    this.received = details.received;
    this.expected = details.expected;
  }
}
