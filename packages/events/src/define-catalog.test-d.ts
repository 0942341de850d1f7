import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { type Catalog, defineCatalog, defineEvent, type EventData, type EventName } from "./index";
import type { EventDefinitionOf, RegisteredCatalogOf } from "./register";

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), email: z.email() }),
});
const orderPlaced = defineEvent("order/placed", {
  schema: z.object({ orderId: z.string(), amount: z.int() }),
});
const catalog = defineCatalog([userCreated, orderPlaced]);

describe("catalog types", () => {
  it("lists the event names as a union", () => {
    expectTypeOf<EventName<typeof catalog>>().toEqualTypeOf<"user/created" | "order/placed">();
  });

  it("narrows create by name", () => {
    const event = catalog.create("order/placed", { orderId: "o1", amount: 100 });
    expectTypeOf(event.name).toEqualTypeOf<"order/placed">();
    expectTypeOf(event.data).toEqualTypeOf<{ orderId: string; amount: number }>();
    // @ts-expect-error: order data under a user name
    catalog.create("user/created", { orderId: "o1", amount: 100 });
    // @ts-expect-error: amount must be a number
    catalog.create("order/placed", { orderId: "o1", amount: "100" });
  });

  it("makes an unknown name a compile error", () => {
    // @ts-expect-error: not in the catalog
    catalog.create("user/craeted", { userId: "u1", email: "ada@example.com" });
    // @ts-expect-error: not in the catalog
    catalog.get("order/shipped");
  });

  it("returns the definition of a name from get", () => {
    expectTypeOf(catalog.get("user/created")).toEqualTypeOf<typeof userCreated>();
  });

  it("parses to a union of envelopes discriminated by name", () => {
    const event = catalog.parse({ name: "order/placed", data: {} });
    if (event.name === "order/placed")
      expectTypeOf(event.data).toEqualTypeOf<{ orderId: string; amount: number }>();
    else expectTypeOf(event.data).toEqualTypeOf<{ userId: string; email: string }>();
  });

  it("narrows a string with has", () => {
    const name: string = "user/created";
    if (catalog.has(name)) expectTypeOf(name).toEqualTypeOf<"user/created" | "order/placed">();
  });

  it("gives the data and definition of a catalog event by name", () => {
    expectTypeOf<EventData<typeof catalog, "user/created">>().toEqualTypeOf<{
      userId: string;
      email: string;
    }>();
    expectTypeOf<EventDefinitionOf<typeof catalog, "order/placed">>().toEqualTypeOf<typeof orderPlaced>();
    // @ts-expect-error: not a name of the catalog
    expectTypeOf<EventData<typeof catalog, "user/deleted">>();
  });
});

describe("RegisteredCatalogOf", () => {
  it("is the registered catalog when a registry declares one", () => {
    expectTypeOf<RegisteredCatalogOf<{ catalog: typeof catalog }>>().toEqualTypeOf<typeof catalog>();
    expectTypeOf<EventName<RegisteredCatalogOf<{ catalog: typeof catalog }>>>().toEqualTypeOf<
      "user/created" | "order/placed"
    >();
  });

  it("falls back to a catalog of any events when nothing is registered", () => {
    // biome-ignore lint/complexity/noBannedTypes: an empty registry is exactly what is under test.
    expectTypeOf<RegisteredCatalogOf<{}>>().toEqualTypeOf<Catalog>();
    // biome-ignore lint/complexity/noBannedTypes: an empty registry is exactly what is under test.
    expectTypeOf<EventName<RegisteredCatalogOf<{}>>>().toEqualTypeOf<string>();
  });
});
