import type { AnyEventDefinition, Catalog } from "@jobkit/events";
import { didYouMean } from "@jobkit/events/internal";
import type { Inngest, InngestFunction } from "inngest";
import { type AppDefaults, checkDefaults, mergeDefaults } from "./app-defaults";
import type { RetryPolicy } from "./backoff";
import { checkFunctionId } from "./check-config";
import { formatDuration } from "./duration";
import type { AnyFunctionDefinition, FunctionConfig, FunctionTrigger } from "./function-definition";
import type { FailureContext, HandlerContext, InngestContext } from "./handler-context";
import { checkKnownOptions, configFailure } from "./internal/config-failure";
import { JobError } from "./job-error";
import { type InngestLimits, resolveLimits } from "./limits";
import { retryErrorFor } from "./retry-decision";

/**
 * Options of {@link register}.
 *
 * @example Register a package's jobs for the current environment
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { defineEventFunction, type RegisterOptions, register } from "@jobkit/functions";
 *
 * const options: RegisterOptions = {
 *   prefix: "shop",
 *   catalog: standardCatalog,
 *   env: process.env.APP_ENV ?? "production",
 * };
 * const welcome = defineEventFunction({ id: "welcome", on: "user/created", handler: async () => {} });
 *
 * export const functions = register(new Inngest({ id: "shop" }), [welcome], options);
 * ```
 */
export interface RegisterOptions {
  /** Prepended to every id with a hyphen (`"billing"` → `"billing-send-invoice"`), to mount a package twice. */
  readonly prefix?: string;
  /** Resolves and validates triggers and `cancelOn` events given by name; required when any is. */
  readonly catalog?: Catalog;
  /** The current environment; definitions with an `env` list that lacks it are left out. */
  readonly env?: string;
  /** Limit overrides for a self-hosted Inngest, used for the id length check. */
  readonly limits?: Partial<InngestLimits>;
  /** App-wide retries, timeouts, concurrency and tags; each definition's own value wins. */
  readonly defaults?: AppDefaults;
}

/**
 * Creates the Inngest functions for `definitions` on the host app's client, ready for `serve()`: applies
 * the id prefix, resolves event names through the catalog, rejects duplicate ids, and wires retry
 * policies, `onFailure` and every option to `createFunction`.
 *
 * @example Serve definitions from an Express app
 * ```ts
 * import { Inngest } from "inngest";
 * import { defineCronFunction, register } from "@jobkit/functions";
 *
 * const dailyReport = defineCronFunction({ id: "daily-report", cron: "0 9 * * *", handler: async () => {} });
 *
 * const inngest = new Inngest({ id: "shop" });
 * export const functions = register(inngest, [dailyReport], { prefix: "reports" });
 * // app.use("/api/inngest", serve({ client: inngest, functions }));
 * ```
 */
export function register(
  client: Inngest.Any,
  definitions: readonly AnyFunctionDefinition[],
  options: RegisterOptions = {},
): InngestFunction.Any[] {
  checkClient(client);
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    configFailure(undefined)("options", options, "an options object", { example: '{ prefix: "billing" }' });
  }
  checkKnownOptions(undefined, options, registerOptionKeys);
  const limits = resolveLimits(options.limits);
  if (options.prefix !== undefined) checkFunctionId(options.prefix, limits, "prefix");
  checkDefinitions(definitions);
  const defaults = options.defaults === undefined ? undefined : checkDefaults(options.defaults, limits);
  const byId = new Map<string, number>();
  const functions: InngestFunction.Any[] = [];
  definitions.forEach((definition, index) => {
    if (options.env !== undefined && definition.env.length > 0 && !definition.env.includes(options.env))
      return;
    const id = options.prefix === undefined ? definition.id : `${options.prefix}-${definition.id}`;
    checkFunctionId(id, limits);
    const previous = byId.get(id);
    if (previous !== undefined) {
      const first = definitions[previous] as AnyFunctionDefinition;
      throw new JobError({
        code: "duplicate-id",
        functionId: id,
        subject: "function list",
        path: `definitions[${index}].id`,
        received: `definitions[${previous}] (${first.kind} "${first.id}") and definitions[${index}] (${definition.kind} "${definition.id}") both become "${id}"`,
        expected:
          "unique function ids after the prefix; rename one, or register the other with its own prefix",
      });
    }
    byId.set(id, index);
    const merged = defaults === undefined ? definition : mergeDefaults(definition, defaults);
    functions.push(createFunction(client, merged, id, options.catalog));
  });
  return functions;
}

const registerOptionKeys = ["prefix", "catalog", "env", "defaults", "limits"];

/** A missing or wrong client would only fail later, inside Inngest, as a bare TypeError. */
function checkClient(client: unknown): void {
  if (typeof (client as { createFunction?: unknown } | null | undefined)?.createFunction === "function")
    return;
  configFailure(undefined)(
    "client",
    client,
    "an Inngest client: new Inngest({ id }) or createInngestClient()",
    {
      example: 'register(createInngestClient({ id: "shop" }), [sendWelcomeEmail])',
    },
  );
}

/** Refuses anything but a list of definitions, naming the first bad entry (shared with `manifest`). */
export function checkDefinitions(
  definitions: unknown,
): asserts definitions is readonly AnyFunctionDefinition[] {
  const fail = configFailure(undefined);
  const expected = "a definition from defineEventFunction, defineCronFunction or defineStepFunction";
  if (!Array.isArray(definitions))
    fail("definitions", definitions, `a list of ${expected.replace("a definition", "definitions")}`);
  (definitions as unknown[]).forEach((definition, index) => {
    if (!isFunctionDefinition(definition)) fail(`definitions[${index}]`, definition, expected);
  });
}

/**
 * Whether `value` is a jobkit function definition (`defineEventFunction`, `defineCronFunction`,
 * `defineStepFunction` or a ready-made built on them): its kind, id and handler, without trusting a type.
 *
 * @example Tell a definition from an Inngest function
 * ```ts
 * import { isFunctionDefinition } from "@jobkit/functions/internal";
 *
 * export const idOf = (target: unknown) => (isFunctionDefinition(target) ? target.id : undefined);
 * ```
 */
export function isFunctionDefinition(value: unknown): value is AnyFunctionDefinition {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return (
    typeof value === "object" &&
    value !== null &&
    (kind === "event" || kind === "cron" || kind === "step") &&
    typeof (value as { id?: unknown }).id === "string" &&
    typeof (value as { handler?: unknown }).handler === "function"
  );
}

function resolveEvent(
  functionId: string,
  path: string,
  name: string,
  definition: AnyEventDefinition | undefined,
  catalog: Catalog | undefined,
): AnyEventDefinition {
  if (definition !== undefined) return definition;
  if (catalog === undefined) {
    throw new JobError({
      functionId,
      path,
      received: JSON.stringify(name),
      expected: "a catalog to resolve event names: register(client, definitions, { catalog })",
    });
  }
  try {
    return catalog.get(name);
  } catch (error) {
    const hint = didYouMean((error as { suggestions?: readonly string[] }).suggestions ?? []);
    throw new JobError(
      {
        functionId,
        path,
        received: JSON.stringify(name),
        details: hint === undefined ? [] : [hint],
        expected: "an event name defined in the catalog",
      },
      { cause: error },
    );
  }
}

type InngestTrigger = { event: string | AnyEventDefinition; if?: string } | { cron: string };

function triggersFor(
  functionId: string,
  triggers: readonly FunctionTrigger[],
  catalog: Catalog | undefined,
): InngestTrigger[] {
  return triggers.map((trigger, index) => {
    if (trigger.type === "cron") return { cron: trigger.schedule };
    const event = resolveEvent(functionId, `on[${index}]`, trigger.event, trigger.definition, catalog);
    return trigger.if === undefined ? { event } : { event, if: trigger.if };
  });
}

/**
 * A config object as Inngest takes it: `undefined` entries left out, each `<name>Ms` duration sent as the
 * time string `<name>` (`periodMs: 60000` becomes `period: "1m"`).
 */
function inngestShape<TValue extends object>(value: TValue): TValue {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, entry]) =>
      entry === undefined
        ? []
        : [key.endsWith("Ms") ? [key.slice(0, -2), formatDuration(entry)] : [key, entry]],
    ),
  ) as TValue;
}

/** The `createFunction` options for a definition's config, durations as Inngest time strings. */
function inngestOptions(functionId: string, config: FunctionConfig, catalog: Catalog | undefined) {
  const concurrency = config.concurrency.map(inngestShape);
  const batchEvents = config.batchEvents;
  return inngestShape({
    retries: config.retries.attempts,
    concurrency:
      concurrency.length === 0 ? undefined : concurrency.length === 1 ? concurrency[0] : concurrency,
    throttle: config.throttle && inngestShape(config.throttle),
    rateLimit: config.rateLimit && inngestShape(config.rateLimit),
    debounce: config.debounce && inngestShape(config.debounce),
    batchEvents: batchEvents && {
      ...inngestShape(batchEvents),
      // Inngest takes batch timeouts in seconds only.
      timeout: `${Math.ceil(batchEvents.timeoutMs / 1000)}s`,
    },
    idempotency: config.idempotency,
    singleton: config.singleton && inngestShape(config.singleton),
    priority: config.priority && { ...config.priority },
    timeouts: config.timeouts && inngestShape(config.timeouts),
    cancelOn:
      config.cancelOn.length === 0
        ? undefined
        : config.cancelOn.map(({ definition, ...entry }, index) =>
            inngestShape({
              ...entry,
              event: resolveEvent(functionId, `cancelOn[${index}].event`, entry.event, definition, catalog),
            }),
          ),
    middleware: config.middleware.length === 0 ? undefined : [...config.middleware],
  });
}

/** Whether the policy needs jobkit to turn errors into `RetryAfterError` / `NonRetriableError`. */
function appliesPolicy(policy: RetryPolicy): boolean {
  return policy.backoff !== undefined || policy.retry !== undefined;
}

/**
 * Wraps `step.run` so errors thrown inside a step get the policy's delay too; everything else on
 * `step` is Inngest's own.
 */
function stepWithPolicy(ctx: InngestContext, policy: RetryPolicy): InngestContext["step"] {
  return new Proxy(ctx.step, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "run" || typeof value !== "function") return value;
      return (idOrOptions: unknown, fn: (...args: unknown[]) => unknown, ...input: unknown[]) =>
        value.call(
          target,
          idOrOptions,
          async (...args: unknown[]) => {
            try {
              return await fn(...args);
            } catch (error) {
              throw retryErrorFor(policy, error, ctx.attempt + 1);
            }
          },
          ...input,
        );
    },
  });
}

type AnyHandler = (ctx: InngestContext) => unknown;

function handlerFor(definition: AnyFunctionDefinition): AnyHandler {
  const policy = definition.config.retries;
  const handler = definition.handler as (ctx: HandlerContext<unknown>) => unknown;
  if (!appliesPolicy(policy)) return (ctx) => handler(ctx as HandlerContext<unknown>);
  return async (ctx) => {
    try {
      return await handler({ ...ctx, step: stepWithPolicy(ctx, policy) } as HandlerContext<unknown>);
    } catch (error) {
      throw retryErrorFor(policy, error, ctx.attempt + 1);
    }
  };
}

function failureHandlerFor(definition: AnyFunctionDefinition): AnyHandler | undefined {
  const onFailure = definition.onFailure as ((ctx: FailureContext<unknown>) => unknown) | undefined;
  if (onFailure === undefined) return undefined;
  return (ctx) => {
    const failed = ctx.event as unknown as FailureContext<unknown>["failure"]["event"];
    const original = failed.data.event;
    return onFailure({
      ...(ctx as unknown as FailureContext<unknown>),
      event: original,
      events: [original],
      failure: { functionId: failed.data.function_id, runId: failed.data.run_id, event: failed },
    });
  };
}

function createFunction(
  client: Inngest.Any,
  definition: AnyFunctionDefinition,
  id: string,
  catalog: Catalog | undefined,
): InngestFunction.Any {
  const onFailure = failureHandlerFor(definition);
  const options = inngestShape({
    id,
    name: definition.name,
    description: definition.description,
    triggers: triggersFor(id, definition.triggers, catalog),
    ...inngestOptions(id, definition.config, catalog),
    onFailure,
  });
  // The options are checked and shaped by jobkit; Inngest's generic signature cannot follow them.
  const create = client.createFunction as unknown as (
    options: object,
    handler: AnyHandler,
  ) => InngestFunction.Any;
  return create.call(client, options, handlerFor(definition));
}
