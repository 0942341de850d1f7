import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventError } from "./event-error";
import { assertEventName, assertEventVersion, majorVersion, maxEventNameLength } from "./event-name-rules";

const segmentChars = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
const segment = fc.string({ unit: fc.constantFrom(...segmentChars), minLength: 1, maxLength: 20 });
const validName = fc
  .array(segment, { minLength: 2, maxLength: 5 })
  .map((segments) => segments.join("/"))
  .filter((name) => !name.startsWith("inngest/"));

describe("assertEventName", () => {
  it("accepts every name of two or more [a-z0-9_.-] segments", () => {
    fc.assert(fc.property(validName, (name) => assertEventName(name)));
  });

  it("rejects a name with any character outside [a-z0-9_.-/], quoting the segment", () => {
    const badChar = fc.constantFrom("A", "Z", " ", ":", "é", "*", "#", "\n");
    fc.assert(
      fc.property(validName, badChar, fc.nat(), (name, bad, at) => {
        const index = at % (name.length + 1);
        const broken = `${name.slice(0, index)}${bad}${name.slice(index)}`;
        expect(() => assertEventName(broken)).toThrowError(EventError);
      }),
    );
  });

  it("accepts the longest allowed name and rejects one character more", () => {
    const longest = `a/${"b".repeat(maxEventNameLength - 2)}`;
    expect(() => assertEventName(longest)).not.toThrow();
    expect(() => assertEventName(`${longest}b`)).toThrowError(
      `length ${maxEventNameLength + 1} is outside 1-256`,
    );
  });

  it.each([
    ["", "length 0 is outside 1-256"],
    ["user", "it has one segment"],
    ["/user/created", "empty segment"],
    ["user/created/", "empty segment"],
    ["inngest/function.failed", "reserved for Inngest"],
    ["user/Created", 'segment "Created" has characters outside [a-z0-9_.-]'],
  ])("rejects %j: %s", (name, fragment) => {
    expect(() => assertEventName(name)).toThrowError(fragment);
  });

  it("puts the offending name, the rule and an example in the message", () => {
    expect(() => assertEventName("UserCreated")).toThrowError(
      /^Invalid event name "UserCreated"\n {2}.+\n {2}expected: two or more "\/"-separated segments .+ e\.g\. "user\/created"/,
    );
  });

  it("rejects a non-string name with its type", () => {
    expect(() => assertEventName(42)).toThrowError("received a number, not a string");
  });
});

describe("assertEventVersion", () => {
  it("accepts semver versions with pre-release and build tags", () => {
    fc.assert(
      fc.property(fc.nat(999), fc.nat(999), fc.nat(999), (major, minor, patch) => {
        assertEventVersion("user/created", `${major}.${minor}.${patch}`);
        assertEventVersion("user/created", `${major}.${minor}.${patch}-beta.1+build.5`);
      }),
    );
  });

  it.each(["1", "1.0", "v1.0.0", "01.0.0", "1.0.0.0", ""])("rejects %j", (version) => {
    expect(() => assertEventVersion("user/created", version)).toThrowError(
      `Invalid version for event "user/created": ${JSON.stringify(version)}`,
    );
  });

  it("reads the major number of a version", () => {
    expect(majorVersion("12.3.4-rc.1")).toBe(12);
  });
});
