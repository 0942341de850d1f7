import type { StandardSchemaV1 } from "@standard-schema/spec";
import { z } from "zod";
import { EventError, type EventIssue } from "./event-error";

type PathSegment = PropertyKey | StandardSchemaV1.PathSegment;

/** Validator issues carry more than the spec's `message` and `path`; zod adds these. */
interface DetailedIssue extends StandardSchemaV1.Issue {
  readonly code?: string;
  readonly expected?: unknown;
  readonly format?: string;
  readonly values?: readonly unknown[];
  readonly pattern?: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly DetailedIssue[])[];
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
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
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
  if (issue.code === "invalid_format" && issue.format === "regex" && issue.pattern) {
    // A schema that names its pattern (`.regex(pattern, "expected an email address")`) says it better.
    return issue.message.startsWith("expected ")
      ? { message: issue.message, expected: issue.pattern }
      : { message: `expected a string matching ${issue.pattern}`, expected: issue.pattern };
  }
  if (issue.code === "invalid_format" && issue.format) {
    const name = formatNames[issue.format] ?? `a ${issue.format}`;
    return { message: `expected ${name}`, expected: issue.format };
  }
  if (issue.code === "invalid_value" && issue.values) {
    const options = issue.values.map((option) => JSON.stringify(option)).join(", ");
    return { message: `expected one of ${options}`, expected: options };
  }
  if (issue.code === "unrecognized_keys" && issue.keys) {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
    return {
      message: `unexpected key${issue.keys.length === 1 ? "" : "s"} ${keys}`,
      expected: "no other keys",
    };
  }
  if (issue.code === "invalid_union" && issue.errors) {
    // When no branch accepted the value's type, name the types that would have been accepted.
    const types = issue.errors.flatMap((branch) =>
      branch.length === 1 && branch[0]?.code === "invalid_type" && (branch[0].path ?? []).length === 0
        ? [String(branch[0].expected)]
        : [],
    );
    if (types.length === issue.errors.length) {
      const expected = types.join(" or ");
      return { message: `expected ${expected}`, expected };
    }
  }
  return { message: issue.message };
}

/** Turns validator issues on event `data` into jobkit issues with `data.`-rooted paths. */
export function toEventIssues(issues: readonly StandardSchemaV1.Issue[], data: unknown): EventIssue[] {
  return issues.map((issue: DetailedIssue) => {
    const segments = issue.path ?? [];
    const value = valueAt(data, segments);
    const { message, expected } = describeIssue(issue, value);
    const path = ["data", ...segments.map((segment) => String(keyOf(segment)))].join(".");
    const received =
      (value === undefined && issue.code === "invalid_type") || issue.code === "unrecognized_keys"
        ? undefined
        : renderReceived(value);
    return {
      path,
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(received === undefined ? {} : { received }),
    };
  });
}

/**
 * The outcome of validating event data: typed data, or the error that explains why not.
 *
 * @example Branch on the outcome
 * ```ts
 * import { z } from "zod";
 * import { defineEvent, type SafeParseResult } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const result: SafeParseResult<{ userId: string }> = userCreated.safeParse({ userId: 1 });
 * const message = result.success ? result.data.userId : result.error.message;
 * ```
 */
export type SafeParseResult<TData> =
  | { readonly success: true; readonly data: TData }
  | { readonly success: false; readonly error: EventError };

/** Whether a Standard Schema validator is a zod 4 schema (zod's own API can then be used). */
export function isZodSchema(schema: unknown): schema is z.ZodType {
  return typeof schema === "object" && schema !== null && "_zod" in schema;
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${renderReceived(error.message).slice(1, -1)}`;
  return renderReceived(error);
}

/**
 * The validator answered with a promise. zod does that both for async refinements and when validation
 * throws (a stack overflow on deeply nested data, a throwing getter): re-run zod's synchronous parse to
 * tell them apart, so the error says what really happened and keeps it as `cause`.
 */
function unsettledResult(
  schema: StandardSchemaV1,
  data: unknown,
  eventName: string,
  version: string | undefined,
  pending: Promise<unknown>,
): EventError {
  // The promise is left to settle on its own; its outcome cannot be used synchronously.
  pending.catch(() => undefined);
  let thrown: unknown;
  if (isZodSchema(schema)) {
    try {
      z.safeParse(schema, data);
    } catch (error) {
      if (!(error instanceof z.core.$ZodAsyncError)) thrown = error ?? new Error(String(error));
    }
  }
  if (thrown !== undefined) {
    const overflow = thrown instanceof RangeError;
    return new EventError(
      {
        code: "invalid-data",
        eventName,
        version,
        issues: [
          {
            path: "data",
            message: overflow
              ? `the data is nested too deeply to validate (${describeThrown(thrown)}); ` +
                "expected plain JSON data a few hundred levels deep at most"
              : `validating the data threw ${describeThrown(thrown)} (a getter or proxy in the data?); ` +
                "expected plain JSON data",
          },
        ],
      },
      { cause: thrown },
    );
  }
  return new EventError({
    code: "invalid-data",
    eventName,
    version,
    issues: [
      {
        path: "data",
        message:
          "the schema validates asynchronously (an async refine or transform); jobkit validates events " +
          "synchronously. Move async checks into a step of the function that handles the event",
      },
    ],
  });
}

/** Synchronous validation of one event's data, bound to its schema, name and version. */
export interface EventValidator<TData> {
  /** Returns the validated data or throws {@link EventError}. */
  parse(data: unknown): TData;
  /** Returns the validated data or the error, without throwing for bad data. */
  safeParse(data: unknown): SafeParseResult<TData>;
}

/**
 * Binds a Standard Schema v1 validator to an event for synchronous validation.
 *
 * Event validation runs inside `send` paths and middleware that must not become async, so a schema whose
 * validation returns a promise (an async refinement) is refused with an explanation rather than passed.
 * `parse` is the hot path of `catalog.parse` and `definition.create`: it allocates nothing beyond what
 * the validator itself does.
 */
export function createEventValidator<TData>(
  schema: StandardSchemaV1,
  eventName: string,
  version: string | undefined,
): EventValidator<TData> {
  // Read once: zod defines `~standard` through a getter; `validate` is called as a method of it.
  const standard = schema["~standard"];
  // Every failure is built out of line, so the success path stays small enough to inline into callers.
  const fail = (data: unknown, result: StandardSchemaV1.Result<unknown> | Promise<unknown>): EventError =>
    result instanceof Promise
      ? unsettledResult(schema, data, eventName, version, result)
      : new EventError({
          code: "invalid-data",
          eventName,
          version,
          issues: toEventIssues(result.issues ?? [], data),
        });
  return {
    parse(data) {
      const result = standard.validate(data);
      if (result instanceof Promise || result.issues) throw fail(data, result);
      return result.value as TData;
    },
    safeParse(data) {
      const result = standard.validate(data);
      if (result instanceof Promise) throw fail(data, result);
      if (result.issues) return { success: false, error: fail(data, result) };
      return { success: true, data: result.value as TData };
    },
  };
}
