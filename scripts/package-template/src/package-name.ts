/**
 * The npm name of this package, for log lines and error messages.
 *
 * @example Print the package name
 * ```ts
 * import { packageName } from "@jobkit/__NAME__";
 * console.log(packageName);
 * ```
 */
export const packageName = "@jobkit/__NAME__";
