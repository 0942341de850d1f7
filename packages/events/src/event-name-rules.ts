import { EventError, quoteEventName } from "./event-error";

const segment = /^[a-z0-9_.-]+$/;
const semver =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The longest event name Inngest accepts. */
export const maxEventNameLength = 256;

/**
 * Checks an event name against jobkit's naming rule and throws an actionable error when it breaks it.
 *
 * Rule: two or more `/`-separated segments of `[a-z0-9_.-]`, 1–256 characters, not in Inngest's reserved
 * `inngest/` namespace.
 */
export function assertEventName(name: unknown): asserts name is string {
  const expected =
    '  expected: two or more "/"-separated segments of lower-case letters, digits, "_", "." or "-", ' +
    `at most ${maxEventNameLength} characters, e.g. "user/created" or "user/profile/create"`;
  const fail = (problem: string): never => {
    throw new EventError({
      code: "invalid-definition",
      eventName: typeof name === "string" ? name : "",
      message: `Invalid event name ${quoteEventName(name)}\n  ${problem}\n${expected}`,
    });
  };
  if (typeof name !== "string")
    return fail(`received a ${name === null ? "null" : typeof name}, not a string`);
  if (name.length === 0 || name.length > maxEventNameLength)
    fail(`length ${name.length} is outside 1-${maxEventNameLength}`);
  if (name.startsWith("inngest/")) fail('the "inngest/" prefix is reserved for Inngest\'s own events');
  const segments = name.split("/");
  if (segments.length < 2) fail('it has one segment; add a namespace, e.g. "user/created"');
  const bad = segments.find((part) => !segment.test(part));
  if (bad !== undefined)
    fail(
      bad === ""
        ? "it has an empty segment (leading, trailing or doubled /)"
        : `segment ${JSON.stringify(bad)} has characters outside [a-z0-9_.-]`,
    );
}

/**
 * Checks that an event version is a semver string such as `"1.0.0"` or `"2.1.0-beta.1"`.
 */
export function assertEventVersion(name: string, version: unknown): asserts version is string {
  if (typeof version !== "string" || !semver.test(version)) {
    throw new EventError({
      code: "invalid-definition",
      eventName: name,
      message:
        `Invalid version for event ${quoteEventName(name)}: ${quoteEventName(version)}\n` +
        '  expected: a semver string "MAJOR.MINOR.PATCH", e.g. "1.0.0" or "2.1.0-beta.1"',
    });
  }
}

/**
 * The major number of a semver version, for compatibility checks.
 *
 * @example Refuse events from an incompatible producer
 * ```ts
 * import { majorVersion } from "@jobkit/events/internal";
 *
 * const compatible = majorVersion("2.3.0") === majorVersion("2.0.1"); // true
 * ```
 */
export function majorVersion(version: string): number {
  return Number.parseInt(version.split(".")[0] ?? "0", 10);
}
