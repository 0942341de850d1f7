import type { JsonSchema } from "@jobkit/events";

/**
 * Whether a field path exists in a JSON Schema, and the fields it could have meant when it does not.
 */
export type SchemaPathLookup =
  | { readonly status: "present" }
  /** The schema cannot tell: an open object, a union, a `$ref` or a non-object on the way. */
  | { readonly status: "unknown" }
  | {
      readonly status: "missing";
      /** The segment that is not there, e.g. `"usrId"`. */
      readonly segment: string;
      /** The path up to and including the missing segment, e.g. `"profile.usrId"`. */
      readonly path: string;
      /** The fields the object at that level does have. */
      readonly known: readonly string[];
    };

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// An object whose `additionalProperties` is unset or `false` only has the keys it lists: zod's
// `z.object` exports without it (unknown keys are stripped), `z.strictObject` with `false`;
// `z.looseObject` and records set it to a schema, so any key may be there.
function isClosedObject(schema: JsonSchema): schema is JsonSchema & { properties: JsonSchema } {
  return (
    isSchema(schema.properties) &&
    (schema.additionalProperties === undefined || schema.additionalProperties === false)
  );
}

/**
 * Follows `segments` (the part of a key path after `event.data`) through an event's data schema.
 */
export function lookUpSchemaPath(schema: JsonSchema, segments: readonly string[]): SchemaPathLookup {
  let current: JsonSchema = schema;
  for (const [index, segment] of segments.entries()) {
    if (!isClosedObject(current)) return { status: "unknown" };
    const next = current.properties[segment];
    if (!isSchema(next)) {
      return {
        status: "missing",
        segment,
        path: segments.slice(0, index + 1).join("."),
        known: Object.keys(current.properties),
      };
    }
    current = next;
  }
  return { status: "present" };
}
