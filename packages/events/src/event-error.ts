import type { Simplify } from "type-fest";

/**
 * Why an {@link EventError} was thrown:
 * - `invalid-definition`: an event definition or catalog is itself wrong (name, version, schema, duplicate).
 * - `invalid-data`: event data does not match its schema, on create, parse, send or receive.
 * - `unknown-event`: the name is not in the catalog it was looked up in.
 * - `invalid-envelope`: what should be `{ name, data }` is not (missing or non-string name, `null`, …).
 *
 * @example Branch on the code
 * ```ts
 * import type { EventErrorCode } from "@jobkit/events";
 *
 * const status = (code: EventErrorCode): number => (code === "invalid-definition" ? 500 : 400);
 * ```
 */
export type EventErrorCode = "invalid-definition" | "invalid-data" | "unknown-event" | "invalid-envelope";

/**
 * One reason why an event failed validation.
 *
 * @example Report issues as structured log fields
 * ```ts
 * import type { EventIssue } from "@jobkit/events";
 *
 * function toLogFields(issues: readonly EventIssue[]) {
 *   return issues.map(({ path, message }) => ({ path, message }));
 * }
 * ```
 */
export interface EventIssue {
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
 * The fields of an {@link EventError}; `message` is composed from them when not given.
 */
export type EventErrorDetails = Simplify<{
  readonly code: EventErrorCode;
  /** The event name concerned, as given (cut when very long). */
  readonly eventName: string;
  readonly version?: string | undefined;
  readonly issues?: readonly EventIssue[];
  readonly suggestions?: readonly string[];
  /** Which way the event was travelling when a middleware refused it. */
  readonly direction?: "outgoing" | "incoming" | undefined;
  /** The whole message; composed from the other fields when absent. */
  readonly message?: string;
}>;

/** Longest event name echoed in a message: enough to recognise it, never a 256 KiB string. */
const maxQuotedName = 80;
/** Issues listed in a message; the rest are counted (all stay in `issues`). */
const maxListedIssues = 10;

/** An event name (or anything in its place) quoted for a message, cut to a readable length. */
export function quoteEventName(name: unknown): string {
  if (typeof name !== "string") return describeNonString(name);
  const cut = name.length > maxQuotedName ? `${name.slice(0, maxQuotedName)}…` : name;
  const quoted = JSON.stringify(cut);
  return name.length > maxQuotedName ? `${quoted} (${name.length} characters)` : quoted;
}

function describeNonString(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "number" || typeof value === "boolean") return `the ${typeof value} ${String(value)}`;
  if (typeof value === "bigint") return `the bigint ${value}n`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function issueLine(issue: EventIssue): string {
  const received = issue.received === undefined ? "" : `, received ${issue.received}`;
  return `${issue.path}: ${issue.message}${received}`;
}

function composeMessage(details: EventErrorDetails): string {
  const name = quoteEventName(details.eventName);
  const label = `event ${name}${details.version ? ` v${details.version}` : ""}`;
  const issues = details.issues ?? [];
  if (details.code === "unknown-event") {
    const suggestions = details.suggestions ?? [];
    const hint =
      suggestions.length > 0
        ? `\n  did you mean: ${suggestions.map((suggestion) => JSON.stringify(suggestion)).join(", ")}?`
        : "\n  expected: a name defined in the catalog; add the event with defineEvent() and list it in defineCatalog()";
    return `Unknown event ${name}: it is not in the catalog${hint}`;
  }
  const what = details.code === "invalid-envelope" ? "Invalid event envelope" : `Invalid data for ${label}`;
  if (issues.length === 1 && issues[0]) return `${what}: ${issueLine(issues[0])}`;
  const listed = issues.slice(0, maxListedIssues).map((issue) => `  ${issueLine(issue)}`);
  if (issues.length > maxListedIssues) listed.push(`  … and ${issues.length - maxListedIssues} more`);
  return `${what}:\n${listed.join("\n")}`;
}

/**
 * The one error `@jobkit/events` throws, told apart by {@link EventError.code}: a bad definition, bad
 * data, an unknown event name or a malformed envelope.
 *
 * The message names the event, its version and every failing field with what was expected and a short
 * rendering of what was received; it never includes the rest of the payload, which can hold personal data.
 *
 * @example Report a validation failure
 * ```ts
 * import { z } from "zod";
 * import { defineEvent, EventError } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ email: z.email() }) });
 * try {
 *   userCreated.parse({ email: "nope" });
 * } catch (error) {
 *   if (error instanceof EventError && error.code === "invalid-data") console.error(error.issues[0]?.path); // "data.email"
 * }
 * ```
 */
export class EventError extends Error {
  override readonly name = "EventError";
  readonly code: EventErrorCode;
  /** The event name concerned, as given. */
  readonly eventName: string;
  readonly version: string | undefined;
  /** Every failing field (`invalid-data`, `invalid-envelope`); empty otherwise. */
  readonly issues: readonly EventIssue[];
  /** Catalog names close to an unknown one, closest first (`unknown-event`); empty otherwise. */
  readonly suggestions: readonly string[];
  /** Set when a middleware refused the event: was it being sent or received? */
  readonly direction: "outgoing" | "incoming" | undefined;

  constructor(details: EventErrorDetails, options?: ErrorOptions) {
    super(details.message ?? composeMessage(details), options);
    this.code = details.code;
    this.eventName = details.eventName;
    this.version = details.version;
    this.issues = details.issues ?? [];
    this.suggestions = details.suggestions ?? [];
    this.direction = details.direction;
  }
}
