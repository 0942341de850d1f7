import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCatalog } from "./define-catalog";
import { defineEvent } from "./define-event";
import { EventError } from "./event-error";

const userCreated = defineEvent("user/created", {
  version: "1.2.0",
  description: "A user account was created.",
  schema: z.object({ userId: z.string(), email: z.email(), name: z.string().optional() }),
  examples: [{ userId: "u1", email: "ada@example.com" }],
});
const orderPlaced = defineEvent("order/placed", {
  schema: z.object({
    orderId: z.string(),
    amount: z.int().nonnegative(),
    items: z.array(z.object({ sku: z.string(), quantity: z.int().min(1) })).min(1),
  }),
  examples: [{ orderId: "o1", amount: 1999, items: [{ sku: "tee", quantity: 1 }] }],
});
const catalog = defineCatalog([userCreated, orderPlaced]);

describe("defineCatalog", () => {
  it("keeps names in the order given and looks definitions up by name", () => {
    expect(catalog.names).toEqual(["user/created", "order/placed"]);
    expect(catalog.get("order/placed")).toBe(orderPlaced);
    expect(catalog.has("user/created")).toBe(true);
    expect(catalog.has("user/deleted")).toBe(false);
  });

  it("reports bad data of a known event from safeParse without throwing", () => {
    const result = catalog.safeParse({
      name: "order/placed",
      data: { orderId: "o1", amount: 10, items: [] },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(EventError);
      expect(result.error.issues[0]?.path).toBe("data.items");
    }
  });

  it("throws EventError from parse, naming the nested path", () => {
    expect(() =>
      catalog.parse({
        name: "order/placed",
        data: { orderId: "o1", amount: 1, items: [{ sku: "x", quantity: 0 }] },
      }),
    ).toThrowError(/data\.items\.0\.quantity/);
  });

  it("builds a validated event by name with its version", () => {
    expect(catalog.create("user/created", { userId: "u1", email: "ada@example.com" })).toMatchObject({
      name: "user/created",
      v: "1.2.0",
    });
    expect(() => catalog.create("user/created", { userId: "u1", email: "nope" })).toThrowError(EventError);
  });

  it("explains an unknown name without close matches by pointing at defineEvent", () => {
    expect(() => catalog.parse({ name: "billing/invoice.paid", data: {} })).toThrowError(
      /Unknown event "billing\/invoice.paid": it is not in the catalog\n {2}expected: a name defined in the catalog/,
    );
    expect(() => catalog.safeParse({ name: "billing/invoice.paid", data: {} })).toThrowError(EventError);
  });

  it("publishes a JSON Schema document that ajv accepts and that matches the examples", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    const schema = catalog.toJSONSchema();
    const validate = ajv.compile(schema);
    expect(validate({ name: "user/created", v: "1.2.0", data: userCreated.examples[0] })).toBe(true);
    expect(validate({ name: "order/placed", data: orderPlaced.examples[0] })).toBe(true);
    // The name selects the data schema: user data under an order name does not validate.
    expect(validate({ name: "order/placed", data: userCreated.examples[0] })).toBe(false);
    expect(validate({ name: "user/created", v: "9.9.9", data: userCreated.examples[0] })).toBe(false);
    expect(validate({ name: "user/created", data: { userId: "u1", email: "nope" } })).toBe(false);
  });

  it("describes each event in the JSON Schema with its name, version and description", () => {
    const [first] = catalog.toJSONSchema().oneOf as Record<string, unknown>[];
    expect(first).toMatchObject({
      title: "user/created",
      description: "A user account was created.",
      properties: { name: { const: "user/created" }, v: { const: "1.2.0" } },
    });
  });
});

describe("defineCatalog hardening (issue 18)", () => {
  const catalog = defineCatalog([userCreated]);

  it("cuts a 256 KiB unknown name in the message and searches no suggestions for it (#4)", () => {
    const name = `user/${"x".repeat(262_144)}`;
    let thrown: unknown;
    try {
      catalog.parse({ name, data: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventError);
    const error = thrown as EventError;
    expect(error.code).toBe("unknown-event");
    expect(error.suggestions).toEqual([]);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain("(262149 characters)");
    expect(error.eventName).toBe(name);
  });

  it.each([
    ["null", null, "event", "null"],
    ["an array", [], "event", "an array of 0 items"],
    ["a string", "user/created", "event", '"user/created"'],
    ["no name", { data: {} }, "event.name", undefined],
    ["a number name", { name: 5, data: {} }, "event.name", "5"],
  ])(
    "refuses %s as an envelope with an invalid-envelope EventError (#6)",
    (_label, input, path, received) => {
      for (const call of [() => catalog.parse(input as never), () => catalog.safeParse(input as never)]) {
        expect(call).toThrowError(EventError);
        try {
          call();
        } catch (error) {
          expect(error).toMatchObject({ code: "invalid-envelope", issues: [{ path }] });
          if (received !== undefined) expect((error as EventError).issues[0]?.received).toBe(received);
        }
      }
    },
  );

  it("refuses a catalog that is not an array of definitions", () => {
    expect(() => defineCatalog(null as never)).toThrowError(/Invalid catalog: received null, not an array/);
    expect(() => defineCatalog([userCreated, { name: "x" }] as never)).toThrowError(
      /entry 1 is an object, not an event definition/,
    );
  });
});
