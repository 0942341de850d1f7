import { describeValue } from "@jobkit/functions/internal";

/** Where a payload stops being JSON, and what was found there. */
export interface JsonPayloadProblem {
  readonly path: string;
  readonly received: string;
  readonly expected: string;
}

/** Deeper than any real payload, well below where `JSON.stringify` runs out of stack. */
const maxDepth = 1000;
const identifier = /^[A-Za-z_$][\w$]*$/;

function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return identifier.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key.slice(0, 40))}]`;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeUnsupported(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : String(value);
    case "bigint":
      return `the BigInt ${String(value).slice(0, 40)}n`;
    case "undefined":
      return "undefined";
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default: {
      if (value === null || Array.isArray(value)) return undefined;
      if (value instanceof Date) return "a Date";
      if (isPlainObject(value as object)) return undefined;
      const name = (value as object).constructor?.name;
      return typeof name === "string" && name !== ""
        ? `a ${name.slice(0, 40)}`
        : "an object with a prototype";
    }
  }
}

function hintFor(received: string): string {
  if (received === "a Date") return "JSON: a string such as date.toISOString()";
  if (received.startsWith("the BigInt")) return "JSON: a number within ±2^53 or a string";
  if (received === "undefined") return "JSON: leave the key out, or use null";
  if (received === "a Map" || received === "a Set") return "JSON: a plain object or an array";
  return "a JSON value: a string, a finite number, true, false, null, an array or a plain object";
}

/**
 * Why `value` cannot be sent as a JSON body unchanged (`JSON.stringify` would drop, rewrite or throw on
 * it), or `undefined` when it can: BigInts, `undefined`, functions, symbols, NaN and infinities, Dates,
 * Maps and other class instances, cycles, nesting deeper than 1000 levels, and getters that throw.
 */
export function jsonPayloadProblem(value: unknown, root: string): JsonPayloadProblem | undefined {
  const ancestors = new Set<object>();
  // Iterative, so a deeply nested payload cannot overflow the stack.
  const stack: { value: unknown; path: string; depth: number; leave?: object }[] = [
    { value, path: root, depth: 0 },
  ];
  while (stack.length > 0) {
    const entry = stack.pop() as (typeof stack)[number];
    if (entry.leave !== undefined) {
      ancestors.delete(entry.leave);
      continue;
    }
    const unsupported = describeUnsupported(entry.value);
    if (unsupported !== undefined) {
      return { path: entry.path, received: unsupported, expected: hintFor(unsupported) };
    }
    if (typeof entry.value !== "object" || entry.value === null) continue;
    const object = entry.value;
    if (ancestors.has(object)) {
      return {
        path: entry.path,
        received: "a reference to an enclosing object (a cycle)",
        expected: "a tree",
      };
    }
    if (entry.depth >= maxDepth) {
      return {
        path: entry.path.length > 200 ? `${entry.path.slice(0, 200)}…` : entry.path,
        received: `nesting deeper than ${maxDepth} levels`,
        expected: `at most ${maxDepth} levels of arrays and objects`,
      };
    }
    ancestors.add(object);
    stack.push({ value: undefined, path: entry.path, depth: entry.depth, leave: object });
    const keys: (string | number)[] = Array.isArray(object)
      ? Array.from({ length: object.length }, (_, index) => index)
      : Object.keys(object);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] as string | number;
      const path = childPath(entry.path, key);
      let child: unknown;
      try {
        child = (object as Record<string | number, unknown>)[key];
      } catch (error) {
        return {
          path,
          received: `a getter that throws (${error instanceof Error ? error.name : describeValue(error)})`,
          expected: "plain data",
        };
      }
      stack.push({ value: child, path, depth: entry.depth + 1 });
    }
  }
  return undefined;
}
