/**
 * The npm name of this package, for log lines and error messages.
 *
 * @example Print the package name
 * ```ts
 * import { packageName } from "@jobkit/events";
 * console.log(packageName);
 * ```
 */
export const packageName = "@jobkit/events";
