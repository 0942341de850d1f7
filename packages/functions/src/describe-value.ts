const maxShownLength = 80;

/**
 * Renders one config value for an error message, short and without nested contents: strings quoted
 * and cut at 80 characters, objects and arrays named but never shown (they can hold personal data).
 *
 * @example Report the value an option received
 * ```ts
 * import { JobError } from "@jobkit/functions";
 * import { describeValue } from "@jobkit/functions/internal";
 *
 * export function checkChannel(functionId: string, channel: unknown): void {
 *   if (typeof channel !== "string") {
 *     throw new JobError({ functionId, path: "channel", received: describeValue(channel), expected: "a Slack channel" });
 *   }
 * }
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > maxShownLength ? `${value.slice(0, maxShownLength)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return "an object";
}
