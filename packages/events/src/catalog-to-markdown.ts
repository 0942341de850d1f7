import type { AnyEventDefinition, JsonSchema } from "./define-event";

/**
 * Options for `catalog.toMarkdown()`.
 */
export interface CatalogMarkdownOptions {
  /** Heading of the document. Defaults to `"Event catalog"`. */
  readonly title?: string;
  /** Markdown level of the title heading (1 = `#`); each event gets the next level. Defaults to 1. */
  readonly headingLevel?: 1 | 2 | 3 | 4 | 5;
}

/** One documented field of an event's data. */
interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string | undefined;
}

// Deeper structures are summarised by their type; a reference table stays readable.
const maxFieldDepth = 4;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function range(min: unknown, max: unknown): string {
  const low = typeof min === "number" ? min : undefined;
  const high = typeof max === "number" && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  if (low !== undefined && high !== undefined) return low === high ? ` = ${low}` : ` ${low}–${high}`;
  if (low !== undefined) return ` ≥ ${low}`;
  if (high !== undefined) return ` ≤ ${high}`;
  return "";
}

/** A short human label for a JSON Schema: `string (email)`, `integer ≥ 0`, `"web" | "api"`. */
export function typeLabel(schema: unknown): string {
  if (!isSchema(schema)) return "any";
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) return variants.map(typeLabel).join(" | ");
  const type = schema.type;
  if (Array.isArray(type)) return type.join(" | ");
  switch (type) {
    case "string": {
      if (typeof schema.format === "string") return `string (${schema.format})`;
      // A titled pattern (the standard email, URL, phone and IP fields) reads better by its title.
      if (typeof schema.pattern === "string" && typeof schema.title === "string")
        return `string (${schema.title})`;
      if (typeof schema.pattern === "string") return `string matching \`${schema.pattern}\``;
      return "string";
    }
    case "integer":
    case "number":
      return `${type}${range(schema.minimum, schema.maximum)}`;
    case "array": {
      const items = typeLabel(schema.items);
      const count = range(schema.minItems, schema.maxItems).trim();
      return `array of ${items.includes(" ") ? `(${items})` : items}${count ? ` (${count} items)` : ""}`;
    }
    case "object": {
      if (isSchema(schema.properties)) return "object";
      const values = schema.additionalProperties;
      return isSchema(values) && Object.keys(values).length > 0
        ? `record of ${typeLabel(values)}`
        : "object (any keys)";
    }
    case undefined:
      return "any";
    default:
      return String(type);
  }
}

/** The object schema to document the fields of: the object itself, or the items of an array of objects. */
function nestedObject(schema: JsonSchema): { schema: JsonSchema; suffix: string } | undefined {
  if (schema.type === "object" && isSchema(schema.properties)) return { schema, suffix: "" };
  if (schema.type === "array" && isSchema(schema.items) && isSchema(schema.items.properties))
    return { schema: schema.items, suffix: "[]" };
  return undefined;
}

/** Flattens an object schema into one row per field, nested fields as `a.b` and `items[].price`. */
export function fieldRows(schema: JsonSchema, prefix = "", depth = 0): FieldRow[] {
  if (!isSchema(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(schema.properties).flatMap(([key, property]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const row: FieldRow = {
      path,
      type: typeLabel(property),
      required: required.has(key),
      description:
        isSchema(property) && typeof property.description === "string" ? property.description : undefined,
    };
    const nested = isSchema(property) && depth < maxFieldDepth ? nestedObject(property) : undefined;
    return nested ? [row, ...fieldRows(nested.schema, `${path}${nested.suffix}`, depth + 1)] : [row];
  });
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function fieldsOf(definition: AnyEventDefinition): JsonSchema | undefined {
  try {
    return definition.toJSONSchema();
  } catch {
    // Not a zod schema: the event is still listed, without a field table.
    return undefined;
  }
}

/**
 * Renders an event reference: a summary table of every event, then one section per event with a table
 * of its data fields (path, type, required, description) derived from its JSON Schema.
 */
export function catalogToMarkdown(
  events: readonly AnyEventDefinition[],
  options: CatalogMarkdownOptions = {},
): string {
  const { title = "Event catalog", headingLevel = 1 } = options;
  const heading = "#".repeat(headingLevel);
  const lines = [
    `${heading} ${title}`,
    "",
    `${events.length} event${events.length === 1 ? "" : "s"}.`,
    "",
    "| event | version | description |",
    "| --- | --- | --- |",
    ...events.map(
      (definition) =>
        `| \`${definition.name}\` | ${definition.version} | ${cell(definition.description ?? "")} |`,
    ),
  ];
  for (const definition of events) {
    lines.push("", `${heading}# \`${definition.name}\``, "");
    lines.push(
      `Version ${definition.version}.${definition.description ? ` ${definition.description}` : ""}`,
      "",
    );
    const schema = fieldsOf(definition);
    if (!schema) {
      lines.push(
        "Fields are not listed: the schema is not a zod schema, so no JSON Schema could be derived.",
      );
      continue;
    }
    const rows = fieldRows(schema);
    if (rows.length === 0) {
      lines.push("No data fields.");
      continue;
    }
    lines.push("| field | type | required | description |", "| --- | --- | --- | --- |");
    for (const row of rows) {
      lines.push(
        `| \`${row.path}\` | ${cell(row.type)} | ${row.required ? "yes" : "no"} | ${cell(row.description ?? "")} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
