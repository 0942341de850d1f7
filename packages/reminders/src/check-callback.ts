import { JobError } from "@jobkit/functions";
import { describeValue } from "./reminder-schedule-error";

/** Throws `JobError` at definition time unless a host callback is a function (or absent and optional). */
export function checkCallback(
  value: unknown,
  functionId: string | undefined,
  path: string,
  required: boolean,
  example: string,
): void {
  if (value === undefined && !required) return;
  if (typeof value !== "function") {
    throw new JobError({
      functionId,
      path,
      received: describeValue(value),
      expected: required ? "a function (required)" : "a function, or nothing",
      example,
    });
  }
}
