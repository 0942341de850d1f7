import type { JsonSchema } from "@jobkit/events";

/**
 * The kind of one difference between two versions of an event.
 *
 * Breaking: an event the old schema accepted may be refused by the new one, or a field consumers read
 * disappears. Safe: every old event still validates.
 */
export type CatalogChangeKind =
  | "event-added"
  | "event-removed"
  | "version-lowered"
  | "field-added"
  | "required-field-added"
  | "field-removed"
  | "field-retyped"
  | "type-widened"
  | "field-now-required"
  | "field-now-optional"
  | "enum-narrowed"
  | "enum-widened"
  | "constraint-narrowed"
  | "constraint-widened"
  | "schema-changed";

/**
 * One difference between two catalog exports, classified.
 */
export interface CatalogChange {
  readonly event: string;
  readonly kind: CatalogChangeKind;
  readonly severity: "breaking" | "safe";
  /** The field, e.g. `"data.items[].price"`; `undefined` for changes of the whole event. */
  readonly path: string | undefined;
  /** One line for people, e.g. `type string → number`. */
  readonly detail: string;
}

const breakingKinds = new Set<CatalogChangeKind>([
  "event-removed",
  "version-lowered",
  "required-field-added",
  "field-removed",
  "field-retyped",
  "field-now-required",
  "enum-narrowed",
  "constraint-narrowed",
  "schema-changed",
]);

/** The severity of a change kind. */
export function severityOf(kind: CatalogChangeKind): "breaking" | "safe" {
  return breakingKinds.has(kind) ? "breaking" : "safe";
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ignoredKeys = new Set(["description", "title", "examples", "default", "$comment", "deprecated"]);

// Deep equality of what a schema accepts: descriptions and examples do not count.
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, inner) => {
    if (ignoredKeys.has(key)) return undefined;
    if (isSchema(inner) && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)));
    }
    return inner;
  });
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The JSON types a schema accepts, or `undefined` when it does not say. */
function typesOf(schema: JsonSchema): Set<string> | undefined {
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  if ("const" in schema) return new Set([jsonType(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType));
  return undefined;
}

function accepts(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

function list(values: Iterable<unknown>): string {
  return [...values].map((value) => (typeof value === "string" ? value : JSON.stringify(value))).join(", ");
}

// zod writes the safe-integer range on every `.int()`; it is no constraint anyone chose.
function bound(value: unknown): number | undefined {
  return typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

const lowerBounds = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const upperBounds = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];

type Add = (kind: CatalogChangeKind, path: string, detail: string) => void;

function compareConstraints(before: JsonSchema, after: JsonSchema, path: string, add: Add): void {
  for (const key of [...lowerBounds, ...upperBounds]) {
    const old = bound(before[key]);
    const now = bound(after[key]);
    if (old === now) continue;
    const lower = lowerBounds.includes(key);
    const narrowed = old === undefined ? true : now === undefined ? false : lower ? now > old : now < old;
    add(
      narrowed ? "constraint-narrowed" : "constraint-widened",
      path,
      `${key} ${old ?? "none"} → ${now ?? "none"}`,
    );
  }
  for (const key of ["format", "pattern"]) {
    // A format implies its pattern; a new zod release may word the pattern differently.
    if (key === "pattern" && before.format !== undefined && before.format === after.format) continue;
    const old = before[key];
    const now = after[key];
    if (old === now) continue;
    add(
      now === undefined ? "constraint-widened" : "constraint-narrowed",
      path,
      `${key} ${old === undefined ? "none" : JSON.stringify(old)} → ${now === undefined ? "none" : JSON.stringify(now)}`,
    );
  }
}

function compareObjects(before: JsonSchema, after: JsonSchema, path: string, add: Add): void {
  const oldProperties = isSchema(before.properties) ? before.properties : {};
  const newProperties = isSchema(after.properties) ? after.properties : {};
  const oldRequired = new Set(Array.isArray(before.required) ? before.required.map(String) : []);
  const newRequired = new Set(Array.isArray(after.required) ? after.required.map(String) : []);
  for (const [key, oldField] of Object.entries(oldProperties)) {
    const fieldPath = `${path}.${key}`;
    const newField = newProperties[key];
    if (!isSchema(newField)) {
      add("field-removed", fieldPath, "field removed");
      continue;
    }
    if (!oldRequired.has(key) && newRequired.has(key))
      add("field-now-required", fieldPath, "optional → required");
    if (oldRequired.has(key) && !newRequired.has(key))
      add("field-now-optional", fieldPath, "required → optional");
    if (isSchema(oldField)) compareSchemas(oldField, newField, fieldPath, add);
  }
  for (const key of Object.keys(newProperties)) {
    if (key in oldProperties) continue;
    if (newRequired.has(key)) add("required-field-added", `${path}.${key}`, "required field added");
    else add("field-added", `${path}.${key}`, "optional field added");
  }
  const oldClosed = before.additionalProperties === false;
  const newClosed = after.additionalProperties === false;
  if (oldClosed !== newClosed) {
    add(
      newClosed ? "constraint-narrowed" : "constraint-widened",
      path,
      newClosed ? "unknown keys now refused" : "unknown keys now allowed",
    );
  }
  if (isSchema(before.additionalProperties) && isSchema(after.additionalProperties)) {
    compareSchemas(before.additionalProperties, after.additionalProperties, `${path}.*`, add);
  }
}

/**
 * Compares two JSON Schemas of the same field and reports each difference through `add`.
 */
export function compareSchemas(before: JsonSchema, after: JsonSchema, path: string, add: Add): void {
  if (canonical(before) === canonical(after)) return;

  const unions = ["anyOf", "oneOf", "allOf", "$ref", "not", "if"];
  if (unions.some((key) => key in before || key in after)) {
    const oldBranches = Array.isArray(before.anyOf ?? before.oneOf)
      ? ((before.anyOf ?? before.oneOf) as unknown[])
      : [before];
    const newBranches = Array.isArray(after.anyOf ?? after.oneOf)
      ? ((after.anyOf ?? after.oneOf) as unknown[])
      : [after];
    const kept = new Set(newBranches.map(canonical));
    const widened = !("allOf" in after) && oldBranches.every((branch) => kept.has(canonical(branch)));
    add(widened ? "type-widened" : "schema-changed", path, widened ? "union widened" : "schema changed");
    return;
  }

  const oldTypes = typesOf(before);
  const newTypes = typesOf(after);
  if (oldTypes !== undefined && newTypes !== undefined) {
    const lost = [...oldTypes].filter((type) => !accepts(newTypes, type));
    if (lost.length > 0) {
      add("field-retyped", path, `type ${list(oldTypes)} → ${list(newTypes)}`);
      return;
    }
    const gained = [...newTypes].filter((type) => !accepts(oldTypes, type));
    if (gained.length > 0) add("type-widened", path, `type ${list(oldTypes)} → ${list(newTypes)}`);
  } else if (oldTypes === undefined && newTypes !== undefined) {
    add("field-retyped", path, `type any → ${list(newTypes)}`);
    return;
  } else if (oldTypes !== undefined && newTypes === undefined) {
    add("type-widened", path, `type ${list(oldTypes)} → any`);
    return;
  }

  if ("const" in before || "const" in after) {
    if (!("const" in after)) add("enum-widened", path, `const ${JSON.stringify(before.const)} → any value`);
    else if (!("const" in before))
      add("enum-narrowed", path, `any value → const ${JSON.stringify(after.const)}`);
    else if (canonical(before.const) !== canonical(after.const)) {
      add("field-retyped", path, `const ${JSON.stringify(before.const)} → ${JSON.stringify(after.const)}`);
    }
  }
  const oldEnum = Array.isArray(before.enum) ? before.enum.map(canonical) : undefined;
  const newEnum = Array.isArray(after.enum) ? after.enum.map(canonical) : undefined;
  if (oldEnum !== undefined || newEnum !== undefined) {
    if (newEnum === undefined) add("enum-widened", path, "enum removed: any value now");
    else if (oldEnum === undefined)
      add("enum-narrowed", path, `any value → one of ${list(newEnum.map((value) => JSON.parse(value)))}`);
    else {
      const removed = oldEnum.filter((value) => !newEnum.includes(value));
      const added = newEnum.filter((value) => !oldEnum.includes(value));
      const show = (values: string[]) => list(values.map((value) => JSON.parse(value)));
      if (removed.length > 0) add("enum-narrowed", path, `enum values removed: ${show(removed)}`);
      if (added.length > 0) add("enum-widened", path, `enum values added: ${show(added)}`);
    }
  }

  compareConstraints(before, after, path, add);
  if (isSchema(before.properties) || isSchema(after.properties) || isSchema(before.additionalProperties)) {
    compareObjects(before, after, path, add);
  }
  if (isSchema(before.items) && isSchema(after.items))
    compareSchemas(before.items, after.items, `${path}[]`, add);
}
