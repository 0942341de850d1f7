import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCatalog, defineEvent, EventError } from "./index";

const userCreated = defineEvent("user/created", {
  version: "1.2.0",
  description: "A user account was created.",
  schema: z.object({ userId: z.string(), email: z.email(), name: z.string().optional() }),
});

describe("defineEvent", () => {
  it("creates a validated event carrying its version", () => {
    const event = userCreated.create({ userId: "u1", email: "ada@example.com" }, { id: "evt-1" });
    expect(event).toMatchObject({ name: "user/created", v: "1.2.0", id: "evt-1", data: { userId: "u1" } });
  });

  it("adds id and ts keys only when given, and reports bad options before bad data", () => {
    const event = userCreated.create({ userId: "u1", email: "ada@example.com" });
    expect(Object.keys(event).sort()).toEqual(["data", "name", "v", "validate"]);
    expect(() => userCreated.create({ userId: 1 } as never, { id: "" })).toThrowError(
      "Invalid event envelope: id: expected a non-empty string",
    );
  });

  it("throws on bad data at create time, naming the field, the expectation and the value", () => {
    expect(() => userCreated.create({ userId: "u1", email: "nope" })).toThrowError(
      'Invalid data for event "user/created" v1.2.0: data.email: expected an email address, received "nope"',
    );
  });

  it("does not leak other payload fields into the error", () => {
    const result = userCreated.safeParse({ userId: 42, email: "secret-person@example.com" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(EventError);
      expect(result.error.message).not.toContain("secret-person");
      expect(result.error.issues).toEqual([
        { path: "data.userId", message: "expected string", expected: "string", received: "42" },
      ]);
    }
  });

  it("is an Inngest event type usable as a trigger", () => {
    const inngest = new Inngest({ id: "events-test" });
    const fn = inngest.createFunction(
      { id: "welcome", triggers: [userCreated] },
      async ({ event }) => event.data.userId,
    );
    expect(fn.id()).toBe("welcome");
    expect(userCreated.event).toBe("user/created");
  });

  it.each([
    ["User/created", "characters outside"],
    ["created", "one segment"],
    ["inngest/function.failed", "reserved"],
    ["user//created", "empty segment"],
    [`a/${"x".repeat(260)}`, "outside 1-256"],
  ])("rejects the name %j (%s)", (name, fragment) => {
    expect(() => defineEvent(name, { schema: z.object({}) })).toThrowError(fragment);
  });

  it("rejects a non-semver version", () => {
    expect(() => defineEvent("user/created", { version: "v1", schema: z.object({}) })).toThrowError(
      /Invalid version for event "user\/created": "v1"/,
    );
  });

  it("refuses an async-only schema instead of passing it", () => {
    const asyncEvent = defineEvent("user/checked", {
      schema: z.object({ id: z.string() }).refine(async () => true),
    });
    expect(() => asyncEvent.parse({ id: "x" })).toThrowError(/validates asynchronously/);
  });
});

describe("defineCatalog", () => {
  const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });
  const catalog = defineCatalog([userCreated, userDeleted]);

  it("rejects duplicate names, naming both entries", () => {
    const again = defineEvent("user/created", { version: "2.0.0", schema: z.object({}) });
    expect(() => defineCatalog([userCreated, again])).toThrowError(
      /Duplicate event "user\/created" in catalog: entries 0 \(v1\.2\.0\) and 1 \(v2\.0\.0\)/,
    );
    expect(() => defineCatalog([userCreated, again])).toThrowError(EventError);
  });

  it("parses an incoming event by name", () => {
    expect(catalog.parse({ name: "user/deleted", data: { userId: "u1" } })).toEqual({
      name: "user/deleted",
      data: { userId: "u1" },
    });
  });

  it("suggests close names for an unknown event", () => {
    try {
      catalog.parse({ name: "user/craeted", data: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EventError);
      expect((error as EventError).suggestions[0]).toBe("user/created");
      expect((error as Error).message).toContain('did you mean: "user/created"');
    }
  });
});

describe("defineEvent and create hardening (issue 18)", () => {
  const schema = z.object({ userId: z.string() });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each([
    ["a BigInt name", () => defineEvent(10n as never, { schema }), /Invalid event name the bigint 10n/],
    ["a cyclic name", () => defineEvent(cyclic as never, { schema }), /Invalid event name an object/],
    [
      "a BigInt version",
      () => defineEvent("user/created", { schema, version: 1n as never }),
      /the bigint 1n/,
    ],
    [
      "a cyclic version",
      () => defineEvent("user/created", { schema, version: cyclic as never }),
      /: an object/,
    ],
    ["no options", () => defineEvent("user/created", undefined as never), /Invalid options for event/],
    [
      "examples that are not an array",
      () => defineEvent("user/created", { schema, examples: 5 as never }),
      /Invalid examples/,
    ],
  ])("refuses %s with a clear EventError (#10)", (_label, define, message) => {
    expect(define).toThrowError(EventError);
    expect(define).toThrowError(message);
  });

  it("refuses { id: 5, ts: NaN } in create() and names both (#13)", () => {
    const userCreated = defineEvent("user/created", { schema });
    try {
      userCreated.create({ userId: "u1" }, { id: 5, ts: Number.NaN } as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: "invalid-envelope",
        issues: [
          { path: "id", received: "5" },
          { path: "ts", received: "NaN" },
        ],
      });
    }
    expect(() => userCreated.create({ userId: "u1" }, { ts: -1 })).toThrowError(EventError);
    expect(userCreated.create({ userId: "u1" }, { id: "a", ts: 1_700_000_000_000 })).toMatchObject({
      id: "a",
      ts: 1_700_000_000_000,
    });
  });
});
