import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEventValidator, renderReceived } from "./validate-with-schema";

describe("renderReceived", () => {
  it.each([
    [undefined, "nothing"],
    ["short", '"short"'],
    ["x".repeat(60), `"${"x".repeat(40)}…"`],
    [42, "42"],
    [null, "null"],
    [[1, 2], "an array of 2 items"],
    [[1], "an array of 1 item"],
    [{ secret: "value" }, "an object"],
  ])("renders %j as %s without revealing nested values", (value, rendered) => {
    expect(renderReceived(value)).toBe(rendered);
  });
});

describe("createEventValidator", () => {
  const validator = createEventValidator(
    z.strictObject({
      code: z.string().regex(/^[A-Z]{3}$/),
      to: z.union([z.email(), z.array(z.email())]),
    }),
    "test/event",
    "1.0.0",
  );

  it("names the pattern a string failed to match", () => {
    expect(() => validator.parse({ code: "usd", to: "a@b.co" })).toThrowError(
      'data.code: expected a string matching /^[A-Z]{3}$/, received "usd"',
    );
  });

  it("names the accepted types when a union rejects the value's type", () => {
    const result = validator.safeParse({ code: "USD", to: 5 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues).toEqual([
        { path: "data.to", message: "expected string or array", expected: "string or array", received: "5" },
      ]);
    }
  });

  it("lists unexpected keys by name, never their values", () => {
    const result = validator.safeParse({ code: "USD", to: "a@b.co", token: "tok_live_123" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues).toEqual([
        { path: "data", message: 'unexpected key "token"', expected: "no other keys" },
      ]);
      expect(result.error.message).not.toContain("tok_live_123");
    }
  });

  it("returns the validated data from parse", () => {
    expect(validator.parse({ code: "USD", to: ["a@b.co"] })).toEqual({ code: "USD", to: ["a@b.co"] });
  });
});

describe("createEventValidator when validation itself fails (issue 18 #8)", () => {
  it("reports data nested too deeply to validate, keeping the RangeError as cause", () => {
    type Tree = { child?: Tree };
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ child: tree.optional() }));
    const deep: Tree = {};
    let node = deep;
    for (let level = 0; level < 20_000; level++) {
      node.child = {};
      node = node.child;
    }
    const validator = createEventValidator(tree, "tree/grown", "1.0.0");
    expect(() => validator.parse(deep)).toThrowError(/nested too deeply to validate/);
    try {
      validator.parse(deep);
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(RangeError);
      expect((error as Error).message).not.toContain("asynchronously");
    }
  });

  it("reports a throwing getter as what happened, keeping the error as cause", () => {
    const boom = new Error("boom");
    const data = {
      get userId(): string {
        throw boom;
      },
    };
    const validator = createEventValidator(z.object({ userId: z.string() }), "user/created", "1.0.0");
    expect(() => validator.safeParse(data)).toThrowError(/validating the data threw Error: boom/);
    try {
      validator.parse(data);
    } catch (error) {
      expect((error as Error).cause).toBe(boom);
    }
  });

  it("still explains a schema that validates asynchronously", () => {
    const schema = z.object({ userId: z.string().refine(async () => true) });
    const validator = createEventValidator(schema, "user/created", "1.0.0");
    expect(() => validator.parse({ userId: "u" })).toThrowError(/validates asynchronously/);
  });
});
