import type { Middleware } from "inngest";
import {
  type ConfigInput,
  checkConfig,
  checkFunction,
  checkFunctionId,
  checkSends,
  checkStringList,
  checkText,
} from "./check-config";
import { checkKeyPaths } from "./check-key-paths";
import type {
  AnyFunctionDefinition,
  FunctionKind,
  FunctionTrigger,
  StepDefinition,
} from "./function-definition";
import { checkKnownOptions, configFailure } from "./internal/config-failure";
import { type InngestLimits, inngestLimits, resolveLimits } from "./limits";

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
  readonly limits?: unknown;
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
  "limits",
] as const;

/** Every option name a definition of `kind` accepts. */
export type KnownOptionKey = (typeof commonKeys)[number];

/** What a kind-specific `define*` passes to {@link buildDefinition} besides the options. */
export interface DefinitionParts {
  readonly kind: FunctionKind;
  /** Option names the kind accepts besides the common ones (given by each definer, so a bundle holds its own). */
  readonly keys: readonly string[];
  /** The limits the `limits` option overrides: Inngest Cloud's, or a ready-made's. */
  readonly baseLimits?: InngestLimits;
  readonly triggers: (functionId: string, limits: InngestLimits) => readonly FunctionTrigger[];
  /** Checks and returns the steps of a `step` definition; called after the triggers. */
  readonly steps?: (functionId: string, limits: InngestLimits) => readonly StepDefinition[];
  readonly handler: (
    functionId: string,
    steps: readonly StepDefinition[],
    limits: InngestLimits,
  ) => AnyFunctionDefinition["handler"];
}

/** Checks the common options, assembles a definition and freezes it. */
export function buildDefinition(options: DefinitionInput, parts: DefinitionParts): AnyFunctionDefinition {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    configFailure(undefined)("options", options, "an options object with id and handler", {
      example: '{ id: "send-welcome-email", on: userCreated, handler: async ({ event }) => {} }',
    });
  }
  const limits = definitionLimits(options, parts.baseLimits ?? inngestLimits);
  const id = checkFunctionId(options.id, limits);
  checkKnownOptions(id, options, [...commonKeys, ...parts.keys]);
  const name = checkText(id, "name", options.name);
  const description = checkText(id, "description", options.description);
  checkFunction(id, "onFailure", options.onFailure, false);
  const triggers = Object.freeze(parts.triggers(id, limits).map((trigger) => Object.freeze({ ...trigger })));
  const steps = Object.freeze([...(parts.steps?.(id, limits) ?? [])]);
  const handler = parts.handler(id, steps, limits);
  const config = checkConfig(options, { functionId: id, kind: parts.kind, limits });
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

/** The `limits` option over the base limits; the function id is not checked yet, so errors name none. */
function definitionLimits(options: DefinitionInput, base: InngestLimits): InngestLimits {
  const overrides = options.limits;
  if (overrides === undefined) return base;
  const functionId = typeof options.id === "string" ? options.id : undefined;
  const given = resolveLimits(overrides as Partial<InngestLimits>, functionId);
  return base === inngestLimits
    ? given
    : Object.freeze({ ...base, ...(overrides as Partial<InngestLimits>) });
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
