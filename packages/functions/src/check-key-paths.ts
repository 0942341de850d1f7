import type { AnyEventDefinition, JsonSchema } from "@jobkit/events";
import type { FunctionConfig, FunctionTrigger } from "./function-definition";
import { JobError } from "./job-error";

// Strings made with cel() skip the check: they are deliberate expressions, whatever they look like.
const celExpressions = new Set<string>();

/** Records a `cel()` expression so the run-time key check leaves it alone. */
export function markCelExpression(expression: string): void {
  celExpressions.add(expression);
}

const dataPath = /^event\.data((?:\.[\w$]+)+)$/;

type Lookup = { found: true } | { found: false; at: string; fields: readonly string[] };

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === "object" && value !== null ? (value as JsonSchema) : undefined;
}

/**
 * Walks `segments` through a JSON Schema. Anything it cannot see into (records, arrays, unions of
 * non-objects, `any`) counts as found: the check only refuses what the schema clearly lacks.
 */
function lookup(schema: JsonSchema | undefined, segments: readonly string[], walked: string): Lookup {
  if (schema === undefined || segments.length === 0) return { found: true };
  const alternatives = [schema.anyOf, schema.oneOf, schema.allOf].find(Array.isArray) as
    | unknown[]
    | undefined;
  if (alternatives !== undefined) {
    const results = alternatives.map((alternative) => lookup(asSchema(alternative), segments, walked));
    return results.find((result) => result.found) ?? results[0] ?? { found: true };
  }
  const properties = asSchema(schema.properties);
  if (properties === undefined) return { found: true };
  const [head, ...rest] = segments as [string, ...string[]];
  if (Object.hasOwn(properties, head)) return lookup(asSchema(properties[head]), rest, `${walked}.${head}`);
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) return lookup(asSchema(extra), rest, `${walked}.${head}`);
  return { found: false, at: walked, fields: Object.keys(properties) };
}

// One JSON Schema per event schema, however many functions check key paths against it: the conversion is the
// costliest part of defining a function (issue 24: cold start). Weak keys, so dropped schemas are collected.
const jsonSchemas = new WeakMap<object, JsonSchema | undefined>();

function convert(definition: AnyEventDefinition): JsonSchema | undefined {
  try {
    return definition.toJSONSchema();
  } catch {
    // Non-zod Standard Schema validators have no JSON Schema; their key paths are checked at compile time only.
    return undefined;
  }
}

function schemaOf(definition: AnyEventDefinition): JsonSchema | undefined {
  const key: object =
    typeof definition.schema === "object" && definition.schema !== null ? definition.schema : definition;
  if (jsonSchemas.has(key)) return jsonSchemas.get(key);
  const schema = convert(definition);
  jsonSchemas.set(key, schema);
  return schema;
}

function keysOf(config: FunctionConfig): [string, string | undefined][] {
  return [
    ...config.concurrency.map((entry, index): [string, string | undefined] => [
      config.concurrency.length === 1 ? "concurrency.key" : `concurrency[${index}].key`,
      entry.key,
    ]),
    ["throttle.key", config.throttle?.key],
    ["rateLimit.key", config.rateLimit?.key],
    ["debounce.key", config.debounce?.key],
    ["batchEvents.key", config.batchEvents?.key],
    ["idempotency", config.idempotency],
    ["singleton.key", config.singleton?.key],
  ];
}

/**
 * Checks at definition time that plain `event.data.*` key paths name fields of the trigger events'
 * schemas. The types already do this for TypeScript users; this catches JavaScript callers and
 * casts, where a typo such as `event.data.usrId` would otherwise silently put every run under one key.
 * A path passes when any trigger event has it.
 */
export function checkKeyPaths(
  functionId: string,
  config: FunctionConfig,
  triggers: readonly FunctionTrigger[],
): void {
  const paths = keysOf(config).flatMap(([path, key]) => {
    if (key === undefined || celExpressions.has(key)) return [];
    const match = dataPath.exec(key);
    return match === null ? [] : [{ path, key, segments: (match[1] as string).slice(1).split(".") }];
  });
  // No plain `event.data.*` path: no schema needs converting at all.
  if (paths.length === 0) return;
  const schemas = triggers
    .flatMap((trigger) =>
      trigger.type === "event" && trigger.definition !== undefined ? [trigger.definition] : [],
    )
    .map((definition) => ({ name: definition.name, schema: schemaOf(definition) }));
  // Names resolved later through a catalog, or schemas without JSON Schema: nothing to check against.
  if (schemas.length === 0 || schemas.some((entry) => entry.schema === undefined)) return;
  for (const { path, key, segments } of paths) {
    const misses = schemas.map((entry) => ({
      ...entry,
      result: lookup(entry.schema, segments, "event.data"),
    }));
    if (misses.some((entry) => entry.result.found)) continue;
    const first = misses[0];
    if (first === undefined || first.result.found) continue;
    const { at, fields } = first.result;
    throw new JobError({
      functionId,
      path,
      subject: `key path "${path}"`,
      received: JSON.stringify(key),
      details: [
        `${at} of event ${misses.map((entry) => `"${entry.name}"`).join(" / ")} has no field "${key.slice(at.length + 1).split(".")[0]}"; its fields: ${fields.join(", ") || "none"}`,
      ],
      expected: 'a path to a field of the event\'s data, or cel("…") for an expression',
      ...(fields[0] === undefined ? {} : { example: JSON.stringify(`${at}.${fields[0]}`) }),
    });
  }
}
