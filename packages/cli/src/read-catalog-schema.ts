import type { JsonSchema } from "@jobkit/events";
import { CliError } from "./cli-error";

/** One event of a catalog JSON Schema export. */
export interface CatalogSchemaEvent {
  readonly name: string;
  /** The `v` const, or `undefined` when the export has none. */
  readonly version: string | undefined;
  /** The JSON Schema of the event's `data`. */
  readonly data: JsonSchema;
}

function schemaError(side: "old" | "new", path: string, problem: string): CliError {
  return new CliError({ code: "catalog-schema", side, path, problem });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the events of a catalog JSON Schema export (a `oneOf` of `{ name, v, data }` objects), by name. */
export function readCatalogSchema(document: unknown, side: "old" | "new"): Map<string, CatalogSchemaEvent> {
  if (!isObject(document)) throw schemaError(side, "the top level", "it is not an object");
  const variants = document.oneOf ?? document.anyOf;
  if (!Array.isArray(variants)) throw schemaError(side, "the top level", "it has no oneOf array");
  const events = new Map<string, CatalogSchemaEvent>();
  variants.forEach((variant, index) => {
    const at = `oneOf[${index}]`;
    const properties = isObject(variant) ? variant.properties : undefined;
    if (!isObject(properties)) throw schemaError(side, at, "it has no properties object");
    const name = isObject(properties.name) ? properties.name.const : undefined;
    if (typeof name !== "string") {
      throw schemaError(side, `${at}.properties.name.const`, "the event name is not a string");
    }
    const version = isObject(properties.v) ? properties.v.const : undefined;
    if (version !== undefined && typeof version !== "string") {
      throw schemaError(side, `${at}.properties.v.const`, `the version of "${name}" is not a string`);
    }
    const data = properties.data;
    if (!isObject(data)) {
      throw schemaError(side, `${at}.properties.data`, `the data schema of "${name}" is missing`);
    }
    if (events.has(name)) throw schemaError(side, at, `"${name}" is listed twice`);
    events.set(name, { name, version, data });
  });
  return events;
}
