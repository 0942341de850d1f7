import type { StandardSchemaV1 } from "@standard-schema/spec";
import { EventValidationError, type EventValidationIssue } from "./event-validation-error";

type PathSegment = PropertyKey | StandardSchemaV1.PathSegment;

/** Validator issues carry more than the spec's `message` and `path`; zod adds these. */
interface DetailedIssue extends StandardSchemaV1.Issue {
  readonly code?: string;
  readonly expected?: unknown;
  readonly format?: string;
  readonly values?: readonly unknown[];
}

const formatNames: Record<string, string> = {
  email: "an email address",
  url: "a URL",
  uuid: "a UUID",
  datetime: "an ISO 8601 date-time",
  date: "an ISO 8601 date (YYYY-MM-DD)",
  time: "an ISO 8601 time",
  duration: "an ISO 8601 duration",
  e164: "an E.164 phone number",
  regex: "a string matching the pattern",
};

const maxRenderedString = 40;

/** A short rendering of one failing value: enough to act on, never a whole object. */
export function renderReceived(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") {
    const cut = value.length > maxRenderedString ? `${value.slice(0, maxRenderedString)}…` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === null)
    return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return `a ${typeof value}`;
}

function keyOf(segment: PathSegment): PropertyKey {
  return typeof segment === "object" && segment !== null ? segment.key : segment;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[keyOf(segment)];
  }
  return current;
}

function describeIssue(issue: DetailedIssue, value: unknown): { message: string; expected?: string } {
  if (issue.code === "invalid_type" && typeof issue.expected === "string") {
    return value === undefined
      ? { message: `required ${issue.expected} is missing`, expected: issue.expected }
      : { message: `expected ${issue.expected}`, expected: issue.expected };
  }
  if (issue.code === "invalid_format" && issue.format) {
    const name = formatNames[issue.format] ?? `a ${issue.format}`;
    return { message: `expected ${name}`, expected: issue.format };
  }
  if (issue.code === "invalid_value" && issue.values) {
    const options = issue.values.map((option) => JSON.stringify(option)).join(", ");
    return { message: `expected one of ${options}`, expected: options };
  }
  return { message: issue.message };
}

/** Turns validator issues on event `data` into jobkit issues with `data.`-rooted paths. */
export function toEventIssues(
  issues: readonly StandardSchemaV1.Issue[],
  data: unknown,
): EventValidationIssue[] {
  return issues.map((issue: DetailedIssue) => {
    const segments = issue.path ?? [];
    const value = valueAt(data, segments);
    const { message, expected } = describeIssue(issue, value);
    const path = ["data", ...segments.map((segment) => String(keyOf(segment)))].join(".");
    const received = value === undefined && issue.code === "invalid_type" ? undefined : renderReceived(value);
    return {
      path,
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(received === undefined ? {} : { received }),
    };
  });
}

/** The outcome of validating event data: typed data, or the error that explains why not. */
export type SafeParseResult<TData> =
  | { readonly success: true; readonly data: TData }
  | { readonly success: false; readonly error: EventValidationError };

/**
 * Validates `data` synchronously with any Standard Schema v1 validator.
 *
 * Event validation runs inside `send` paths and middleware that must not become async, so a schema whose
 * validation returns a promise (an async refinement) is refused with an explanation rather than passed.
 */
export function validateWithSchema<TData>(
  schema: StandardSchemaV1,
  eventName: string,
  version: string | undefined,
  data: unknown,
): SafeParseResult<TData> {
  const result = schema["~standard"].validate(data);
  if (result instanceof Promise) {
    // The promise is left to settle on its own; its outcome cannot be used synchronously.
    result.catch(() => undefined);
    throw new EventValidationError(eventName, version, [
      {
        path: "data",
        message:
          "the schema validates asynchronously (an async refine or transform); jobkit validates events " +
          "synchronously. Move async checks into a step of the function that handles the event",
      },
    ]);
  }
  if (result.issues) {
    return {
      success: false,
      error: new EventValidationError(eventName, version, toEventIssues(result.issues, data)),
    };
  }
  return { success: true, data: result.value as TData };
}
