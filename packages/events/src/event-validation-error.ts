/**
 * One reason why event data failed validation.
 *
 * @example Report issues as structured log fields
 * ```ts
 * import type { EventValidationIssue } from "@jobkit/events";
 *
 * function toLogFields(issues: readonly EventValidationIssue[]) {
 *   return issues.map(({ path, message }) => ({ path, message }));
 * }
 * ```
 */
export interface EventValidationIssue {
  /** Where in the event the problem is, e.g. `"data.email"` or `"data.items.0.quantity"`. */
  readonly path: string;
  /** What the validator said. */
  readonly message: string;
  /** What was expected, when the validator says so (`"string"`, `"email"`, …). */
  readonly expected?: string;
  /** A short, safe rendering of the value found at `path` (never the whole payload). */
  readonly received?: string;
}

/**
 * Thrown when event data does not match its definition's schema, on send or on receive.
 *
 * The message names the event, its version and every failing field with what was expected and a
 * short rendering of what was received; it never includes the rest of the payload, which can hold
 * personal data.
 *
 * @example Report a validation failure
 * ```ts
 * import { z } from "zod";
 * import { defineEvent, EventValidationError } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ email: z.email() }) });
 * try {
 *   userCreated.parse({ email: "nope" });
 * } catch (error) {
 *   if (error instanceof EventValidationError) console.error(error.issues[0]?.path); // "data.email"
 * }
 * ```
 */
export class EventValidationError extends Error {
  override readonly name = "EventValidationError";
  readonly eventName: string;
  readonly version: string | undefined;
  readonly issues: readonly EventValidationIssue[];

  constructor(
    eventName: string,
    version: string | undefined,
    issues: readonly EventValidationIssue[],
    options?: ErrorOptions,
  ) {
    const label = `event "${eventName}"${version ? ` v${version}` : ""}`;
    const lines = issues.map((issue) => {
      const parts = [issue.message];
      if (issue.received !== undefined) parts.push(`received ${issue.received}`);
      return `${issue.path}: ${parts.join(", ")}`;
    });
    const message =
      lines.length === 1
        ? `Invalid data for ${label}: ${lines[0]}`
        : `Invalid data for ${label}:\n${lines.map((line) => `  ${line}`).join("\n")}`;
    super(message, options);
    this.eventName = eventName;
    this.version = version;
    this.issues = issues;
  }
}
