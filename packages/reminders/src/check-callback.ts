import type { ConfigFailure } from "@jobkit/functions/internal";

/** Refuses, at definition time, a host callback that is not a function (or absent and required). */
export function checkCallback(
  fail: ConfigFailure,
  value: unknown,
  path: string,
  required: boolean,
  example: string,
): void {
  if (value === undefined && !required) return;
  if (typeof value !== "function") {
    fail(path, value, required ? "a function (required)" : "a function, or nothing", { example });
  }
}
