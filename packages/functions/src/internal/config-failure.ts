import { didYouMean, suggestNames } from "@jobkit/events/internal";
import { describeValue } from "../describe-value";
import { JobError, type JobErrorCode } from "../job-error";

/**
 * Throws the {@link JobError} for one option: see {@link configFailure}.
 *
 * @example Pass the reporter to a shared check
 * ```ts
 * import { type ConfigFailure, configFailure } from "@jobkit/functions/internal";
 *
 * function checkWindow(fail: ConfigFailure, window: unknown): string {
 *   if (typeof window !== "string") fail("window", window, "a duration", { example: '"1h"' });
 *   return window as string;
 * }
 * checkWindow(configFailure("digest"), "1h");
 * ```
 */
export type ConfigFailure = (
  path: string,
  value: unknown,
  expected: string,
  more?: {
    readonly example?: string;
    readonly details?: readonly string[];
    readonly cause?: unknown;
    /** Defaults to `invalid-option`. */
    readonly code?: JobErrorCode;
  },
) => never;

/**
 * The one way jobkit packages report a bad option: `configFailure(id)` gives a `fail(path, value,
 * expected, { example, details, cause })` that throws a {@link JobError} naming the function, the
 * option path, the received value (rendered by `describeValue`, never the whole payload) and what is expected.
 *
 * @example Refuse a negative page size
 * ```ts
 * import { configFailure } from "@jobkit/functions/internal";
 *
 * export function checkPageSize(functionId: string, pageSize: number): number {
 *   const fail = configFailure(functionId);
 *   if (!Number.isInteger(pageSize) || pageSize < 1) fail("pageSize", pageSize, "a whole number ≥ 1", { example: "500" });
 *   return pageSize;
 * }
 * ```
 */
export function configFailure(functionId: string | undefined): ConfigFailure {
  return (path, value, expected, more = {}) => {
    throw new JobError(
      {
        code: more.code ?? "invalid-option",
        functionId,
        path,
        received: describeValue(value),
        expected,
        ...(more.example === undefined ? {} : { example: more.example }),
        ...(more.details === undefined ? {} : { details: more.details }),
      },
      more.cause === undefined ? undefined : { cause: more.cause },
    );
  };
}

/**
 * Refuses the first key of `options` that is not in `known`, with a "did you mean" hint, so a misspelt
 * option (`concurency`) is an error instead of being ignored.
 *
 * @example Check a ready-made's options
 * ```ts
 * import { checkKnownOptions } from "@jobkit/functions/internal";
 *
 * checkKnownOptions("digest", { id: "digest", windw: "1h" }, ["id", "window"]); // throws: did you mean "window"?
 * ```
 */
export function checkKnownOptions(
  functionId: string | undefined,
  options: object,
  known: readonly string[],
  path = "",
): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(suggestNames(key, known, { ignoreCase: true, limit: 1 }));
    configFailure(functionId)(
      path === "" ? key : `${path}.${key}`,
      key,
      hint ?? `one of ${known.join(", ")}`,
      {
        code: "unknown-option",
        ...(hint === undefined ? {} : { details: [`${describeValue(key)} is not an option`] }),
      },
    );
  }
}

/**
 * Refuses options that give both or neither of two alternatives (`fanOut` or `pages`, `deliver` or
 * `recipient`): the path is the missing first one, or the second when both are given, and a detail line
 * says which case it is.
 *
 * @example Exactly one way to deliver
 * ```ts
 * import { configFailure, requireOneOf } from "@jobkit/functions/internal";
 *
 * export function checkDelivery(options: { readonly webhook?: string; readonly email?: string }): void {
 *   requireOneOf(configFailure("notify"), ["webhook", options.webhook], ["email", options.email], {
 *     expected: "either webhook (a URL) or email (an address)",
 *     example: '{ webhook: "https://hooks.example.com/notify" }',
 *   });
 * }
 * ```
 */
export function requireOneOf(
  fail: ConfigFailure,
  first: readonly [name: string, value: unknown],
  second: readonly [name: string, value: unknown],
  text: { readonly expected: string; readonly example: string },
): void {
  const [firstName, firstValue] = first;
  const [secondName, secondValue] = second;
  if ((firstValue === undefined) !== (secondValue === undefined)) return;
  const neither = firstValue === undefined;
  fail(neither ? firstName : secondName, neither ? undefined : secondValue, text.expected, {
    example: text.example,
    details: [
      neither
        ? `neither ${firstName} nor ${secondName} was given`
        : `both ${firstName} and ${secondName} were given`,
    ],
  });
}
