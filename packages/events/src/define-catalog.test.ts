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
