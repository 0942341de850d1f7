import { type AnyFunctionDefinition, type HandlerContext, nextRuns, register } from "@jobkit/functions";
import type { EventOfDefinition, OutputOfDefinition } from "@jobkit/functions/internal";
import type { GetFunctionOutput, Inngest, InngestFunction } from "inngest";
import type { Jsonify } from "inngest/types";
import { definitionClient, runClientFor } from "./create-run-client";
import type { JobRun } from "./job-run";
import type { EventInput, RunJobOptions } from "./run-job-options";
import { currentRun } from "./run-scope";
import { runTarget } from "./run-target";
import { realNow } from "./virtual-clock";

/**
 * The events `runJob` accepts for a definition: its trigger events with their typed data.
 *
 * @example Build events for a helper that runs a definition
 * ```ts
 * import type { AnyFunctionDefinition } from "@jobkit/functions";
 * import { type EventInputOf, runJob } from "@jobkit/testing";
 *
 * const runAtNoon = <TDefinition extends AnyFunctionDefinition>(definition: TDefinition, event: EventInputOf<TDefinition>) =>
 *   runJob(definition, { event, now: "2026-11-17T12:00:00Z" });
 * ```
 */
export type EventInputOf<TDefinition> =
  EventOfDefinition<TDefinition> extends infer TEvent
    ? TEvent extends { readonly name: infer TName extends string; readonly data: infer TData }
      ? EventInput<TName, TData>
      : never
    : never;

/**
 * The output of a definition as a run reports it: the handler's return value, as JSON.
 *
 * @example A Date in the output is a string in the run
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import { runJob } from "@jobkit/testing";
 *
 * const stamp = defineEventFunction({ id: "stamp", on: "app/ping", handler: async () => ({ at: new Date() }) });
 * const run = await runJob(stamp, { event: { name: "app/ping", data: {} } });
 * run.output?.at; // a string
 * ```
 */
export type OutputOf<TDefinition> = Jsonify<OutputOfDefinition<TDefinition>>;

function isDefinition(value: unknown): value is AnyFunctionDefinition {
  const candidate = value as Partial<AnyFunctionDefinition> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    (candidate.kind === "event" || candidate.kind === "cron" || candidate.kind === "step") &&
    typeof candidate.handler === "function" &&
    Array.isArray(candidate.triggers)
  );
}

/**
 * The definition with the run's step mocks installed inside the handler context, beneath the retry policy
 * that `register()` wraps around `step.run`: a mock that throws gets the definition's backoff like real code.
 * The mocks come from the run in progress, so one registration serves every run.
 */
function withMocks(definition: AnyFunctionDefinition): AnyFunctionDefinition {
  const handler = definition.handler as (ctx: HandlerContext<unknown>) => unknown;
  const onFailure = definition.onFailure as ((ctx: never) => unknown) | undefined;
  const mock = <TContext>(ctx: TContext): TContext => {
    const mocks = currentRun()?.mocks;
    return (mocks ? mocks.transformContext(ctx as never) : ctx) as TContext;
  };
  return {
    ...definition,
    handler: (ctx: HandlerContext<unknown>) => handler(mock(ctx)),
    onFailure: onFailure && ((ctx: never) => onFailure(mock(ctx))),
  } as AnyFunctionDefinition;
}

/**
 * The definition with `retries.attempts` set to runJob's `retries` override, backoff kept: `register()`
 * decides on its own last attempt to rethrow the original error instead of a `RetryAfterError`, so its
 * count must match the attempts the harness runs, as Inngest's and the wrapper's do in production.
 */
function withRetries(
  definition: AnyFunctionDefinition,
  retries: RunJobOptions["retries"],
): AnyFunctionDefinition {
  const attempts = retries === false ? 0 : retries;
  // Invalid counts are left for runTarget to report with its RunJobError.
  if (typeof attempts !== "number" || !Number.isInteger(attempts) || attempts < 0 || attempts > 20) {
    return definition;
  }
  const { config } = definition;
  return { ...definition, config: { ...config, retries: { ...config.retries, attempts } } };
}

interface Registration {
  readonly client: Inngest.Any;
  readonly fn: InngestFunction.Any;
}

/**
 * Registrations by definition, retries override and catalog: a definition is registered once, as an app
 * registers it once at start-up, so its middleware's `onRegister` fires once however many runs use it.
 */
const registrations = new WeakMap<AnyFunctionDefinition, Map<unknown, Map<unknown, Registration>>>();

function registrationOf(definition: AnyFunctionDefinition, options: RunJobOptions): Registration {
  const byRetries = registrations.get(definition) ?? new Map<unknown, Map<unknown, Registration>>();
  registrations.set(definition, byRetries);
  const byCatalog = byRetries.get(options.retries) ?? new Map<unknown, Registration>();
  byRetries.set(options.retries, byCatalog);
  const known = byCatalog.get(options.catalog);
  if (known) return known;
  const base = definitionClient(definition.id);
  const [fn] = register(base, [withMocks(withRetries(definition, options.retries))], {
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
  });
  if (!fn) throw new Error(`jobkit: register() returned no function for "${definition.id}"`);
  const registration = { client: runClientFor(base), fn };
  byCatalog.set(options.catalog, registration);
  return registration;
}

function runDefinition(definition: AnyFunctionDefinition, options: RunJobOptions): Promise<JobRun> {
  return runTarget(
    () => {
      const { client, fn } = registrationOf(definition, options);
      return {
        fn,
        client,
        functionId: definition.id,
        defaultStart:
          definition.kind === "cron"
            ? () => nextRuns(definition, 1, new Date(realNow()))[0]?.getTime() ?? realNow()
            : undefined,
        declaredStepIds: definition.kind === "step" ? definition.steps.map((step) => step.id) : undefined,
        transformContext: undefined,
      };
    },
    options,
    definition.id,
  );
}

function runFunction(fn: InngestFunction.Any, options: RunJobOptions): Promise<JobRun> {
  const functionId = fn.opts.id;
  return runTarget(
    (mocks) => ({
      fn,
      client: runClientFor((fn as unknown as { client: Inngest.Any }).client),
      functionId,
      defaultStart: undefined,
      declaredStepIds: undefined,
      transformContext: mocks.transformContext,
    }),
    options,
    functionId,
  );
}

/**
 * Runs a job in-process on a virtual clock: sleeps take no time, `waitForEvent` and `cancelOn` see the
 * `incoming` events, `step.sendEvent` is captured, retries follow Inngest's rules (and the definition's
 * backoff), and the result lists every step in virtual time. Takes a definition from `@jobkit/functions`
 * (registered on a private client, as `register()` would) or a raw Inngest function. Every call starts a
 * fresh engine: nothing leaks between runs.
 *
 * @example Test a reminder that waits two days for a purchase
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction } from "@jobkit/functions";
 * import { runJob } from "@jobkit/testing";
 *
 * const cartAbandoned = defineEvent("shop/cart.abandoned", { schema: z.object({ cartId: z.string() }) });
 * const orderCompleted = defineEvent("shop/order.completed", { schema: z.object({ cartId: z.string() }) });
 *
 * const cartReminder = defineEventFunction({
 *   id: "cart-reminder",
 *   on: cartAbandoned,
 *   handler: async ({ event, step }) => {
 *     const order = await step.waitForEvent("wait-for-order", {
 *       event: orderCompleted,
 *       match: "data.cartId",
 *       timeout: "2d",
 *     });
 *     if (order) return "bought";
 *     await step.sendEvent("send-reminder", { name: "email/send", data: { cartId: event.data.cartId } });
 *     return "reminded";
 *   },
 * });
 *
 * const run = await runJob(cartReminder, {
 *   event: cartAbandoned.create({ cartId: "c1" }),
 *   now: "2026-11-17T00:00:00Z",
 * });
 * run.output; // "reminded"
 * run.elapsed; // 172_800_000: two virtual days, a few real milliseconds
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/testing/README.md
 */
export function runJob<TDefinition extends AnyFunctionDefinition>(
  definition: TDefinition,
  options?: RunJobOptions<EventInputOf<TDefinition>>,
): Promise<JobRun<OutputOf<TDefinition>>>;
export function runJob<TFunction extends InngestFunction.Any>(
  fn: TFunction,
  options?: RunJobOptions,
): Promise<JobRun<GetFunctionOutput<TFunction>>>;
export function runJob(
  target: AnyFunctionDefinition | InngestFunction.Any,
  options: RunJobOptions = {},
): Promise<JobRun> {
  return isDefinition(target)
    ? runDefinition(target, options)
    : runFunction(target as InngestFunction.Any, options);
}
