import type { Middleware } from "inngest";
import {
  type ConfigInput,
  checkConfig,
  checkFunction,
  checkFunctionId,
  checkSends,
  checkStringList,
  checkText,
  failFor,
} from "./check-config";
import { checkKeyPaths } from "./check-key-paths";
import type {
  AnyFunctionDefinition,
  FunctionKind,
  FunctionTrigger,
  StepDefinition,
} from "./function-definition";
import { JobError } from "./job-error";
import type { InngestLimits } from "./limits";

/** The options every kind shares, as `buildDefinition` reads them at run time. */
export interface DefinitionInput extends ConfigInput {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly onFailure?: unknown;
  readonly middleware?: readonly Middleware.Class[];
  readonly tags?: readonly string[];
  readonly env?: readonly string[];
  readonly sends?: readonly unknown[];
}

const commonKeys = [
  "id",
  "name",
  "description",
  "retries",
  "onFailure",
  "middleware",
  "tags",
  "env",
  "sends",
  "concurrency",
  "throttle",
  "rateLimit",
  "debounce",
  "idempotency",
  "singleton",
  "priority",
  "timeouts",
  "timeout",
  "cancelOn",
] as const;

/** Option names each kind accepts besides the common ones. */
export const kindKeys: Record<FunctionKind, readonly string[]> = {
  event: ["on", "if", "batchEvents", "handler"],
  cron: ["cron", "timezone", "handler"],
  step: ["on", "if", "batchEvents", "steps"],
};

/** Every option name a definition of `kind` accepts. */
export type KnownOptionKey = (typeof commonKeys)[number];

/** What a kind-specific `define*` passes to {@link buildDefinition} besides the options. */
export interface DefinitionParts {
  readonly kind: FunctionKind;
  readonly limits: InngestLimits;
  readonly triggers: (functionId: string) => readonly FunctionTrigger[];
  /** Checks and returns the steps of a `step` definition; called after the triggers. */
  readonly steps?: (functionId: string) => readonly StepDefinition[];
  readonly handler: (
    functionId: string,
    steps: readonly StepDefinition[],
  ) => AnyFunctionDefinition["handler"];
}

/** Checks the common options, assembles a definition and freezes it. */
export function buildDefinition(options: DefinitionInput, parts: DefinitionParts): AnyFunctionDefinition {
  if (typeof options !== "object" || options === null) {
    throw new JobError({
      functionId: undefined,
      path: "options",
      received: String(options),
      expected: "an options object with id and handler",
      example: '{ id: "send-welcome-email", on: userCreated, handler: async ({ event }) => {} }',
    });
  }
  const id = checkFunctionId(options.id, parts.limits);
  const known = new Set<string>([...commonKeys, ...kindKeys[parts.kind]]);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      const close = [...known].filter((candidate) => similar(candidate, key));
      failFor(id)(
        key,
        key,
        close.length > 0 ? `a known option; did you mean "${close[0]}"?` : `one of ${[...known].join(", ")}`,
      );
    }
  }
  const name = checkText(id, "name", options.name);
  const description = checkText(id, "description", options.description);
  checkFunction(id, "onFailure", options.onFailure, false);
  const triggers = Object.freeze(parts.triggers(id).map((trigger) => Object.freeze({ ...trigger })));
  const steps = Object.freeze([...(parts.steps?.(id) ?? [])]);
  const handler = parts.handler(id, steps);
  const config = checkConfig(options, { functionId: id, kind: parts.kind, limits: parts.limits });
  checkKeyPaths(id, config, triggers);
  return Object.freeze({
    kind: parts.kind,
    id,
    name,
    description,
    triggers,
    config: deepFreeze(config),
    handler,
    onFailure: options.onFailure as AnyFunctionDefinition["onFailure"],
    steps,
    sends: checkSends(id, options.sends),
    tags: checkStringList(id, "tags", options.tags),
    env: checkStringList(id, "env", options.env),
    explicitOptions: Object.freeze(
      Object.entries(options)
        .filter(([, value]) => value !== undefined)
        .map(([key]) => key),
    ),
  });
}

function similar(candidate: string, key: string): boolean {
  const a = candidate.toLowerCase();
  const b = key.toLowerCase();
  if (a.includes(b) || b.includes(a)) return true;
  // One edit apart (insert, delete or replace) catches the usual typos: "concurency", "retry".
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    edits++;
    if (edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function deepFreeze<TValue>(value: TValue): TValue {
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
    return Object.freeze(value);
  }
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) deepFreeze(item);
    return Object.freeze(value);
  }
  return value;
}
