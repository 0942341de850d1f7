/**
 * Where a value stops being JSON (the keys from the root down), what was found there and what is expected.
 *
 * @example Turn a problem into a zod issue
 * ```ts
 * import { findNonJson, type NonJson } from "@jobkit/events/internal";
 *
 * const problem: NonJson | undefined = findNonJson({ tags: new Map() });
 * export const issue = problem && { path: [...problem.path], message: `${problem.received}: ${problem.expected}` };
 * ```
 */
export interface NonJson {
  readonly path: readonly (string | number)[];
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

interface Frame {
  readonly value: unknown;
  readonly parent: Frame | undefined;
  readonly key: string | number | undefined;
  readonly depth: number;
  /** Set on the marker that takes an object off the current path once its children are done. */
  readonly leave?: object;
}

/** The keys down to a frame, built only when a problem is found: most values never need them. */
function keysOf(frame: Frame): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let current: Frame | undefined = frame; current?.parent !== undefined; current = current.parent) {
    keys.push(current.key as string | number);
  }
  return keys.reverse();
}

/**
 * A key path as code would write it, from `root`: `payload.items[1]`, `payload["a b"]`; cut at 300
 * characters so a deep or wide value cannot fill a message.
 *
 * @example Name where a payload stops being JSON
 * ```ts
 * import { findNonJson, keyPathText } from "@jobkit/events/internal";
 *
 * const problem = findNonJson({ amount: 10n });
 * export const where = problem && keyPathText("payload", problem.path); // "payload.amount"
 * ```
 */
export function keyPathText(root: string, keys: readonly (string | number)[]): string {
  let path = root;
  for (const key of keys) {
    path = childPath(path, key);
    if (path.length > 300) return `${path.slice(0, 300)}…`;
  }
  return path;
}

/**
 * The first place in `value` that JSON cannot carry unchanged (`JSON.stringify` would drop, rewrite or
 * throw on it), or `undefined` when it is plain JSON: BigInts, `undefined`, functions, symbols and symbol
 * keys, NaN and infinities, Dates, Maps and other class instances, cycles, nesting deeper than 1000 levels
 * (where `JSON.stringify` would run out of stack) and getters that throw. Iterative, so deep nesting
 * cannot overflow the stack here either; the same object twice (not on one path) is not a cycle.
 *
 * @example Refuse a payload JSON cannot carry
 * ```ts
 * import { findNonJson } from "@jobkit/events/internal";
 *
 * const problem = findNonJson({ at: new Date(0) });
 * export const message = problem && `${problem.received}: expected ${problem.expected}`;
 * ```
 */
export function findNonJson(value: unknown): NonJson | undefined {
  const ancestors = new Set<object>();
  // Iterative, so a deeply nested payload cannot overflow the stack.
  const stack: Frame[] = [{ value, parent: undefined, key: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.leave !== undefined) {
      ancestors.delete(frame.leave);
      continue;
    }
    const unsupported = describeUnsupported(frame.value);
    if (unsupported !== undefined) {
      return { path: keysOf(frame), received: unsupported, expected: hintFor(unsupported) };
    }
    if (typeof frame.value !== "object" || frame.value === null) continue;
    const object = frame.value;
    if (ancestors.has(object)) {
      return {
        path: keysOf(frame),
        received: "a reference to an enclosing object (a cycle)",
        expected: "a tree",
      };
    }
    if (frame.depth >= maxDepth) {
      return {
        path: keysOf(frame),
        received: `nesting deeper than ${maxDepth} levels`,
        expected: `at most ${maxDepth} levels of arrays and objects`,
      };
    }
    ancestors.add(object);
    stack.push({ value: undefined, parent: undefined, key: undefined, depth: frame.depth, leave: object });
    const depth = frame.depth + 1;
    const keys: readonly (string | number)[] | undefined = Array.isArray(object)
      ? undefined
      : Object.keys(object);
    if (keys !== undefined && Object.getOwnPropertySymbols(object).length > 0) {
      return {
        path: keysOf(frame),
        received: "an object with symbol keys",
        expected: "string keys only: JSON.stringify drops symbol keys",
      };
    }
    const length = keys === undefined ? (object as unknown[]).length : keys.length;
    let key: string | number = 0;
    try {
      for (let index = length - 1; index >= 0; index--) {
        key = keys === undefined ? index : (keys[index] as string);
        stack.push({ value: (object as Record<string | number, unknown>)[key], parent: frame, key, depth });
      }
    } catch (error) {
      return childThrew(frame, key, error);
    }
  }
  return undefined;
}

function childThrew(parent: Frame, key: string | number, error: unknown): NonJson {
  return {
    path: [...keysOf(parent), key],
    // The error's name only: a thrown value could hold anything.
    received: `a getter that throws (${error instanceof Error ? error.name : typeof error})`,
    expected: "plain data",
  };
}
