/**
 * The npm name of this package, for log lines and error messages.
 *
 * @example Print the package name
 * ```ts
 * import { packageName } from "@jobkit/reminders";
 * console.log(packageName);
 * ```
 */
export const packageName = "@jobkit/reminders";
