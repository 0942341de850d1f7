/**
 * The npm name of this package, for log lines and error messages.
 *
 * @example Print the package name
 * ```ts
 * import { packageName } from "@jobkit/webhooks";
 * console.log(packageName);
 * ```
 */
export const packageName = "@jobkit/webhooks";
