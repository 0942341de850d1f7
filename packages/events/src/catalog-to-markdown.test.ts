import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { typeLabel } from "./catalog-to-markdown";
import { defineCatalog } from "./define-catalog";
import { defineEvent } from "./define-event";

const orderPlaced = defineEvent("order/placed", {
  version: "2.1.0",
  description: "A customer placed an order | with pipes.",
  schema: z.object({
    orderId: z.string().describe("Order id"),
    status: z.enum(["new", "paid"]).optional(),
    items: z.array(z.object({ sku: z.string(), quantity: z.int().min(1) })).min(1),
    address: z.object({ city: z.string(), zip: z.string().optional() }).optional(),
  }),
});

const pinged = defineEvent("system/ping", { schema: z.object({}) });

const plainStandardSchema: StandardSchemaV1<Record<string, unknown>> = {
  "~standard": {
    version: 1,
    vendor: "hand-made",
    validate: (value) => ({ value: value as Record<string, unknown> }),
  },
};
const legacy = defineEvent("legacy/thing", {
  description: "Validated by a non-zod schema.",
  schema: plainStandardSchema,
});

describe("catalog.toMarkdown", () => {
  const markdown = defineCatalog([orderPlaced, pinged, legacy]).toMarkdown();

  it("lists every event with its version and description, escaping table pipes", () => {
    expect(markdown).toContain("| `order/placed` | 2.1.0 | A customer placed an order \\| with pipes. |");
    expect(markdown).toContain("| `system/ping` | 1.0.0 |  |");
    expect(markdown).toContain("3 events.");
  });

  it("documents each field with its type, whether it is required and its description", () => {
    expect(markdown).toContain("| `orderId` | string | yes | Order id |");
    expect(markdown).toContain('| `status` | "new" \\| "paid" | no |  |');
    expect(markdown).toContain("| `items` | array of object (≥ 1 items) | yes |  |");
  });

  it("documents nested object and array-item fields with dotted paths", () => {
    expect(markdown).toContain("| `items[].quantity` | integer ≥ 1 | yes |  |");
    expect(markdown).toContain("| `address.zip` | string | no |  |");
  });

  it("says so when an event has no data fields", () => {
    expect(markdown).toMatch(/## `system\/ping`\n\nVersion 1\.0\.0\.\n\nNo data fields\./);
  });

  it("still lists an event whose schema is not zod, without a field table", () => {
    expect(markdown).toMatch(
      /## `legacy\/thing`\n\nVersion 1\.0\.0\. Validated by a non-zod schema\.\n\nFields are not listed/,
    );
  });

  it("takes a title and heading level for embedding in a larger page", () => {
    const embedded = defineCatalog([pinged]).toMarkdown({ title: "Events", headingLevel: 2 });
    expect(embedded.startsWith("## Events\n")).toBe(true);
    expect(embedded).toContain("### `system/ping`");
  });
});

describe("typeLabel", () => {
  it.each([
    [{ type: "string", format: "email" }, "string (email)"],
    [{ type: "string", pattern: "^[A-Z]{3}$" }, "string matching `^[A-Z]{3}$`"],
    [{ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, "integer ≥ 0"],
    [{ type: "integer", minimum: 1, maximum: 20 }, "integer 1–20"],
    [{ type: "number", maximum: 5 }, "number ≤ 5"],
    [{ anyOf: [{ type: "string" }, { type: "null" }] }, "string | null"],
    [{ const: "user/created" }, '"user/created"'],
    [{ type: "array", items: { type: "string" }, maxItems: 50 }, "array of string (≤ 50 items)"],
    [{ type: "object", additionalProperties: { type: "string" } }, "record of string"],
    [{ type: "object", additionalProperties: {} }, "object (any keys)"],
    [{}, "any"],
  ])("labels %j as %s", (schema, label) => {
    expect(typeLabel(schema)).toBe(label);
  });
});
