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

/** The part of a zod 4 schema the walk reads: its definition (`_zod.def`), public since zod 4.0. */
interface ZodNode {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly shape?: Record<string, ZodNode>;
      readonly catchall?: ZodNode;
      readonly innerType?: ZodNode;
      readonly in?: ZodNode;
      readonly options?: readonly ZodNode[];
      readonly left?: ZodNode;
      readonly right?: ZodNode;
    };
  };
}

function isZod(schema: unknown): schema is ZodNode {
  return typeof schema === "object" && schema !== null && "_zod" in schema;
}

const found: Lookup = { found: true };

/**
 * Walks `segments` through a zod schema the way its input JSON Schema reads: object fields, a catch-all for
 * other keys, wrappers that keep the shape (optional, default, readonly, pipe input…), every branch of a
 * union or intersection. Anything it cannot see into (records, arrays, nullable, lazy, `any`) counts as
 * found: the check only refuses what the schema clearly lacks. Walking the schema itself instead of converting
 * it to JSON Schema keeps definitions cheap (issue 24: cold start).
 */
function lookup(schema: ZodNode | undefined, segments: readonly string[], walked: string): Lookup {
  if (schema === undefined || segments.length === 0) return found;
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nonoptional":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return lookup(def.innerType, segments, walked);
    case "pipe":
      // Inngest's events are the schema's input.
      return lookup(def.in, segments, walked);
    case "union": {
      const results = (def.options ?? []).map((option) => lookup(option, segments, walked));
      return results.find((result) => result.found) ?? results[0] ?? found;
    }
    case "intersection": {
      const left = lookup(def.left, segments, walked);
      const right = lookup(def.right, segments, walked);
      if (left.found || right.found) return found;
      // Both sides are objects at the same place: the intersection has the fields of both.
      return left.at === right.at
        ? { ...left, fields: [...new Set([...left.fields, ...right.fields])] }
        : left;
    }
    case "object": {
      const shape = def.shape ?? {};
      const [head, ...rest] = segments as [string, ...string[]];
      if (Object.hasOwn(shape, head)) return lookup(shape[head], rest, `${walked}.${head}`);
      const extra = def.catchall;
      if (extra !== undefined && extra._zod.def.type !== "never")
        return lookup(extra, rest, `${walked}.${head}`);
      return { found: false, at: walked, fields: Object.keys(shape) };
    }
    default:
      return found;
  }
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
  // No plain `event.data.*` path: nothing to walk.
  if (paths.length === 0) return;
  const schemas = triggers
    .flatMap((trigger) =>
      trigger.type === "event" && trigger.definition !== undefined ? [trigger.definition] : [],
    )
    .map((definition) => ({ name: definition.name, schema: definition.schema }));
  // Names resolved later through a catalog, or validators other than zod: nothing to check against here (the
  // types check the paths at compile time).
  if (schemas.length === 0 || !schemas.every((entry) => isZod(entry.schema))) return;
  for (const { path, key, segments } of paths) {
    const misses = schemas.map((entry) => ({
      ...entry,
      result: lookup(entry.schema as ZodNode, segments, "event.data"),
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
