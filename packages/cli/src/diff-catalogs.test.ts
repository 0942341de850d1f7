import { defineCatalog, defineEvent, type EventSchema } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CliError } from "./cli-error";
import { diffCatalogs } from "./diff-catalogs";
import { formatCatalogDiff } from "./format-catalog-diff";

const catalogOf = (schema: EventSchema, version = "1.0.0") =>
  defineCatalog([defineEvent("order/placed", { version, schema })]);

/** The changes between two versions of one event's data, as "severity kind path". */
function changes(before: EventSchema, after: EventSchema): string[] {
  return diffCatalogs(catalogOf(before), catalogOf(after)).changes.map((change) =>
    `${change.severity} ${change.kind} ${change.path ?? ""}`.trim(),
  );
}

describe("diffCatalogs", () => {
  it("finds no change between equal schemas, ignoring descriptions", () => {
    expect(changes(z.object({ id: z.string() }), z.object({ id: z.string().describe("The id.") }))).toEqual(
      [],
    );
  });

  it("classifies field additions by whether they are required", () => {
    expect(
      changes(z.object({ id: z.string() }), z.object({ id: z.string(), note: z.string().optional() })),
    ).toEqual(["safe field-added data.note"]);
    expect(changes(z.object({ id: z.string() }), z.object({ id: z.string(), note: z.string() }))).toEqual([
      "breaking required-field-added data.note",
    ]);
  });

  it("treats a removed field as breaking, also deep in arrays", () => {
    expect(
      changes(
        z.object({ items: z.array(z.object({ sku: z.string(), price: z.number() })) }),
        z.object({ items: z.array(z.object({ sku: z.string() })) }),
      ),
    ).toEqual(["breaking field-removed data.items[].price"]);
  });

  it("tells retyped from widened types", () => {
    expect(changes(z.object({ n: z.number() }), z.object({ n: z.string() }))).toEqual([
      "breaking field-retyped data.n",
    ]);
    expect(changes(z.object({ n: z.string() }), z.object({ n: z.string().nullable() }))).toEqual([
      "safe type-widened data.n",
    ]);
    expect(changes(z.object({ n: z.number().int() }), z.object({ n: z.number() }))).toEqual([
      "safe type-widened data.n",
    ]);
    expect(changes(z.object({ n: z.number() }), z.object({ n: z.number().int() }))).toEqual([
      "breaking field-retyped data.n",
    ]);
  });

  it("classifies required-ness changes", () => {
    expect(changes(z.object({ a: z.string().optional() }), z.object({ a: z.string() }))).toEqual([
      "breaking field-now-required data.a",
    ]);
    expect(changes(z.object({ a: z.string() }), z.object({ a: z.string().optional() }))).toEqual([
      "safe field-now-optional data.a",
    ]);
  });

  it("classifies enum changes, both ways in one diff", () => {
    expect(changes(z.object({ c: z.enum(["web", "api"]) }), z.object({ c: z.enum(["web", "pos"]) }))).toEqual(
      ["breaking enum-narrowed data.c", "safe enum-widened data.c"],
    );
  });

  it("classifies tighter and looser constraints", () => {
    expect(changes(z.object({ q: z.number().max(10) }), z.object({ q: z.number().max(5) }))).toEqual([
      "breaking constraint-narrowed data.q",
    ]);
    expect(changes(z.object({ q: z.string().min(3) }), z.object({ q: z.string() }))).toEqual([
      "safe constraint-widened data.q",
    ]);
    expect(changes(z.object({ e: z.string() }), z.object({ e: z.email() }))).toEqual([
      "breaking constraint-narrowed data.e",
      "breaking constraint-narrowed data.e",
    ]);
  });

  it("treats a strict object as a narrowing", () => {
    expect(changes(z.object({ a: z.string() }), z.strictObject({ a: z.string() }))).toEqual([
      "breaking constraint-narrowed data",
    ]);
  });

  it("fails an event with breaking changes unless its major version was bumped", () => {
    const before = catalogOf(z.object({ a: z.string() }), "1.4.0");
    const minor = diffCatalogs(before, catalogOf(z.object({ b: z.string() }), "1.5.0"));
    expect(minor.failing).toEqual(["order/placed"]);
    expect(minor.events[0]?.suggestedVersion).toBe("2.0.0");
    const major = diffCatalogs(before, catalogOf(z.object({ b: z.string() }), "2.0.0"));
    expect(major.failing).toEqual([]);
    expect(major.breaking).toBe(2);
  });

  it("suggests a minor bump for safe changes under the same version", () => {
    const diff = diffCatalogs(
      catalogOf(z.object({ a: z.string() }), "1.4.0"),
      catalogOf(z.object({ a: z.string(), b: z.string().optional() }), "1.4.0"),
    );
    expect(diff.failing).toEqual([]);
    expect(diff.events[0]?.suggestedVersion).toBe("1.5.0");
  });

  it("fails a lowered version even with a higher major before", () => {
    const diff = diffCatalogs(
      catalogOf(z.object({ a: z.string() }), "2.0.0"),
      catalogOf(z.object({ a: z.string() }), "1.9.0"),
    );
    expect(diff.changes.map((change) => change.kind)).toEqual(["version-lowered"]);
    expect(diff.failing).toEqual(["order/placed"]);
  });

  it("reports added and removed events; removals fail unless allowed", () => {
    const placed = defineEvent("order/placed", { schema: z.object({ id: z.string() }) });
    const paid = defineEvent("order/paid", { schema: z.object({ id: z.string() }) });
    const diff = diffCatalogs(defineCatalog([placed]), defineCatalog([paid]));
    expect(diff.events.map((event) => `${event.event} ${event.status}`)).toEqual([
      "order/placed removed",
      "order/paid added",
    ]);
    expect(diff.failing).toEqual(["order/placed"]);
    expect(
      diffCatalogs(defineCatalog([placed]), defineCatalog([paid]), { allowRemoval: true }).failing,
    ).toEqual([]);
  });

  it("counts an allowed removal apart: not breaking, not safe, listed as allowed", () => {
    const placed = defineEvent("order/placed", { schema: z.object({ id: z.string() }) });
    const paid = defineEvent("order/paid", { schema: z.object({ id: z.string() }) });
    const strict = diffCatalogs(defineCatalog([placed, paid]), defineCatalog([paid]));
    const allowed = diffCatalogs(defineCatalog([placed, paid]), defineCatalog([paid]), {
      allowRemoval: true,
    });

    expect([strict.breaking, strict.allowedRemovals]).toEqual([1, []]);
    expect([allowed.breaking, allowed.safe, allowed.allowedRemovals]).toEqual([0, 0, ["order/placed"]]);
    expect(formatCatalogDiff(allowed)).toContain(
      "1 event changed: 0 breaking changes, 0 safe changes, 1 allowed removal (order/placed)",
    );
    expect(formatCatalogDiff(allowed)).not.toContain("FAIL");
    expect(formatCatalogDiff(allowed)).not.toContain("every breaking change has a major version bump");
  });

  it("says which input is not a catalog export and where", () => {
    const good = catalogOf(z.object({ a: z.string() }));
    const bad = { oneOf: [{ properties: { name: { const: 42 } } }] };
    expect(() => diffCatalogs(good, bad)).toThrow(CliError);
    expect(() => diffCatalogs(good, bad)).toThrow(
      expect.objectContaining({
        code: "catalog-schema",
        side: "new",
        path: "oneOf[0].properties.name.const",
      }),
    );
    expect(() => diffCatalogs(good, bad)).toThrow(
      "Invalid new catalog schema at oneOf[0].properties.name.const: the event name is not a string",
    );
  });
});
