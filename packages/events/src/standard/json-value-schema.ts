import type { JsonValue } from "type-fest";
import { z } from "zod";

interface NonJson {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

function describeNonJson(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value)
        ? undefined
        : `${value} is not a JSON number; send null or a finite number`;
    case "bigint":
      return "a BigInt is not JSON; send it as a string (value.toString()) or a safe integer";
    case "undefined":
      return "undefined is not JSON; leave the key out or send null";
    case "function":
    case "symbol":
      return `a ${typeof value} is not JSON`;
  }
  if (value === null || Array.isArray(value)) return undefined;
  if (value instanceof Date) return "a Date is not JSON; send date.toISOString()";
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value as object).constructor?.name ?? "a class instance";
    return `a ${name} is not plain JSON; convert it to an object or an array first`;
  }
  return undefined;
}

/**
 * The first place in `value` that JSON cannot carry, or `undefined` when it is plain JSON. Iterative, so
 * deep nesting cannot overflow the stack; `seen` holds the objects on the current path to find cycles.
 */
export function findNonJson(value: unknown): NonJson | undefined {
  const stack: { value: unknown; path: PropertyKey[]; leave?: object }[] = [{ value, path: [] }];
  const onPath = new Set<object>();
  while (stack.length > 0) {
    const frame = stack.pop() as { value: unknown; path: PropertyKey[]; leave?: object };
    if (frame.leave) {
      onPath.delete(frame.leave);
      continue;
    }
    const problem = describeNonJson(frame.value);
    if (problem) return { path: frame.path, message: problem };
    if (typeof frame.value !== "object" || frame.value === null) continue;
    const container = frame.value;
    if (onPath.has(container))
      return { path: frame.path, message: "a cycle: the value contains itself, which JSON cannot carry" };
    onPath.add(container);
    stack.push({ value: undefined, path: frame.path, leave: container });
    if (Array.isArray(container)) {
      for (let index = container.length - 1; index >= 0; index--)
        stack.push({ value: container[index], path: [...frame.path, index] });
    } else {
      const keys = Object.keys(container);
      if (Object.getOwnPropertySymbols(container).length > 0)
        return { path: frame.path, message: "symbol keys are not JSON" };
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        stack.push({ value: (container as Record<string, unknown>)[key], path: [...frame.path, key] });
      }
    }
  }
  return undefined;
}

/**
 * Schema of any JSON value (type-fest's `JsonValue`): refuses what `JSON.stringify` would drop, change or
 * choke on — BigInt, cycles, `Date`, `NaN`/`Infinity`, `undefined`, functions, `Map` and other class
 * instances — and names the path. Its JSON Schema is `{}`, which is exactly "any JSON value".
 *
 * @example A free-form field in an app event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { jsonValueSchema } from "@jobkit/events/standard";
 *
 * export const auditRecorded = defineEvent("audit/recorded", {
 *   schema: z.object({ action: z.string(), details: z.record(z.string(), jsonValueSchema) }),
 * });
 * ```
 */
export const jsonValueSchema = z.unknown().superRefine((value, context) => {
  const problem = findNonJson(value);
  if (problem) context.addIssue({ code: "custom", message: problem.message, path: [...problem.path] });
}) as unknown as z.ZodType<JsonValue, JsonValue>;

/** Free-form JSON object data (metadata, traits, properties, webhook payloads). */
export const jsonObjectSchema = z.record(z.string(), jsonValueSchema);
