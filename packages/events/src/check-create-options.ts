import type { CreateEventOptions } from "./define-event";
import { EventError, type EventIssue } from "./event-error";
import { renderReceived } from "./validate-with-schema";

/**
 * Checks `create(data, { id, ts })`: Inngest deduplicates by `id` and orders by `ts`, so a number id or a
 * `NaN` timestamp would be sent as something else (or nothing) without a word.
 */
export function checkCreateOptions(
  eventName: string,
  version: string,
  options: unknown,
): asserts options is CreateEventOptions {
  const issues: EventIssue[] = [];
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    issues.push({
      path: "options",
      message: "expected an object { id?, ts? }",
      expected: "object",
      received: renderReceived(options),
    });
  } else {
    const { id, ts } = options as { id?: unknown; ts?: unknown };
    if (id !== undefined && (typeof id !== "string" || id.length === 0)) {
      issues.push({
        path: "id",
        message: 'expected a non-empty string, e.g. "signup-usr_1" (Inngest deduplicates by it)',
        expected: "string",
        received: renderReceived(id),
      });
    }
    if (ts !== undefined && !(typeof ts === "number" && Number.isSafeInteger(ts) && ts >= 0)) {
      issues.push({
        path: "ts",
        message: "expected milliseconds since the epoch as a whole number ≥ 0, e.g. Date.now()",
        expected: "integer",
        received: renderReceived(ts),
      });
    }
  }
  if (issues.length > 0) throw new EventError({ code: "invalid-envelope", eventName, version, issues });
}
