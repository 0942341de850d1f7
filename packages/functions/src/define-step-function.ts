import { NonRetriableError } from "inngest";
import type { Jsonify } from "inngest/types";
import { buildDefinition, type DefinitionInput, type KnownOptionKey } from "./build-definition";
import { checkTriggers } from "./check-config";
import type { RejectUnknownOptions } from "./define-event-function";
import type { FunctionDefinition, StepDefinition } from "./function-definition";
import type { BatchEventsOption, CommonFunctionOptions } from "./function-options";
import type { HandlerContext, StepContext } from "./handler-context";
import { configFailure } from "./internal/config-failure";
import type { CheckOptionKeys, ConfigTypeError } from "./key-paths";
import { type InngestLimits, inngestLimits } from "./limits";
import type { OnInput, ReceivedEventOf } from "./received-event";

/**
 * The builder `steps` receives: each `.step(id, run)` appends a step whose `run` sees the typed results
 * of the steps before it.
 */
export interface StepChain<TEvent, TResults> {
  /** The steps so far, in order. */
  readonly steps: readonly StepDefinition[];
  /** Appends a step; it runs as its own `step.run(id, …)` and its result is stored under `id`. */
  step<const TId extends string, TOutput>(
    id: TId & (TId extends keyof TResults ? ConfigTypeError<`step id "${TId}" is already used`> : unknown),
    run: (ctx: StepContext<TEvent, TResults>) => TOutput,
    // Written out rather than through a named helper type, so an app's declaration emit prints the flat
    // results object instead of needing a name from this package (TS2742).
  ): StepChain<
    TEvent,
    {
      [TKey in keyof TResults | TId]: TKey extends TId
        ? Jsonify<Awaited<TOutput>>
        : TResults[TKey & keyof TResults];
    }
  >;
}

/**
 * The options of {@link defineStepFunction}.
 *
 * @example Options typed before the definition
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineStepFunction, type StepFunctionOptions } from "@jobkit/functions";
 *
 * const orderPlaced = defineEvent("order/placed", { schema: z.object({ orderId: z.string() }) });
 * const options: StepFunctionOptions<typeof orderPlaced, { reserve: { reservationId: string } }> = {
 *   id: "reserve-stock",
 *   on: orderPlaced,
 *   steps: (chain) => chain.step("reserve", ({ event }) => ({ reservationId: `r_${event.data.orderId}` })),
 * };
 * export const reserveStock = defineStepFunction(options);
 * ```
 */
export interface StepFunctionOptions<TOn extends OnInput, TResults>
  extends CommonFunctionOptions<ReceivedEventOf<TOn>> {
  readonly on: TOn;
  readonly if?: string;
  readonly batchEvents?: BatchEventsOption;
  /** Declares the ordered steps: `(chain) => chain.step("a", …).step("b", …)`. */
  // biome-ignore lint/complexity/noBannedTypes: the chain starts with no results.
  readonly steps: (chain: StepChain<ReceivedEventOf<TOn>, {}>) => StepChain<ReceivedEventOf<TOn>, TResults>;
}

type StepKeys = KnownOptionKey | "on" | "if" | "batchEvents" | "steps";

/** The type of {@link defineStepFunction}. */
export type DefineStepFunction = <
  const TOn extends OnInput,
  TResults,
  const TOptions extends object = object,
>(
  options: StepFunctionOptions<TOn, TResults> &
    TOptions &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    RejectUnknownOptions<TOptions, StepKeys>,
) => FunctionDefinition<"step", ReceivedEventOf<TOn>, TResults>;

function createChain(steps: readonly StepDefinition[]): StepChain<unknown, unknown> {
  return Object.freeze({
    steps,
    step: (id: string, run: StepDefinition["run"]) =>
      createChain([...steps, Object.freeze({ id, run })]) as never,
  }) as StepChain<unknown, unknown>;
}

function collectSteps(functionId: string, build: unknown, limits: InngestLimits): readonly StepDefinition[] {
  const fail = configFailure(functionId);
  if (typeof build !== "function") {
    fail("steps", build, "a function that declares the steps", {
      example: '(chain) => chain.step("validate", …).step("charge", …)',
    });
  }
  const chain = (build as (chain: StepChain<unknown, unknown>) => unknown)(createChain([]));
  const steps = (chain as { steps?: unknown } | undefined)?.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    fail("steps", chain, "the chain returned with at least one .step(id, run)", {
      example: '(chain) => chain.step("validate", …)',
    });
  }
  if ((steps as unknown[]).length > limits.maxStepsPerRun) {
    fail("steps", steps, `at most ${limits.maxStepsPerRun} steps per run`);
  }
  const seen = new Set<string>();
  (steps as StepDefinition[]).forEach((step, index) => {
    if (typeof step.id !== "string" || step.id.trim() === "") {
      fail(`steps[${index}].id`, step.id, "a non-empty step id", { example: '"charge-card"' });
    }
    if (seen.has(step.id)) fail(`steps[${index}].id`, step.id, "a step id not used by an earlier step");
    seen.add(step.id);
    if (typeof step.run !== "function")
      fail(`steps[${index}].run`, step.run, "a function", { example: "async ({ event, results }) => …" });
  });
  return steps as StepDefinition[];
}

function runSteps(
  functionId: string,
  steps: readonly StepDefinition[],
  limits: InngestLimits,
): (ctx: HandlerContext<unknown>) => Promise<Record<string, unknown>> {
  const encoder = new TextEncoder();
  return async (ctx) => {
    const results: Record<string, unknown> = {};
    for (const step of steps) {
      results[step.id] = await ctx.step.run(step.id, async () => {
        const output = await step.run({
          event: ctx.event,
          events: ctx.events,
          results: Object.freeze({ ...results }),
          attempt: ctx.attempt,
          runId: ctx.runId,
          logger: ctx.logger,
        });
        const json = output === undefined ? undefined : JSON.stringify(output);
        const bytes = json === undefined ? 0 : encoder.encode(json).length;
        if (bytes > limits.maxStepOutputBytes) {
          // Inngest would reject the output anyway; retrying cannot shrink it.
          throw new NonRetriableError(
            `Step "${step.id}" of function "${functionId}" returned ${bytes} bytes of JSON, more than the ` +
              `${limits.maxStepOutputBytes}-byte step output limit; store large data elsewhere and return a reference`,
          );
        }
        return output;
      });
    }
    return results;
  };
}

/** Builds `defineStepFunction` checking against `baseLimits` (which the `limits` option overrides). */
export function createDefineStepFunction(baseLimits: InngestLimits): DefineStepFunction {
  return ((options: DefinitionInput & { on: unknown; if?: unknown; steps: unknown }) =>
    buildDefinition(options, {
      kind: "step",
      keys: ["on", "if", "batchEvents", "steps"],
      baseLimits,
      triggers: (functionId, limits) => checkTriggers(functionId, options.on, options.if, limits),
      steps: (functionId, limits) => collectSteps(functionId, options.steps, limits),
      handler: (functionId, steps, limits) =>
        runSteps(functionId, steps, limits) as FunctionDefinition["handler"],
    })) as unknown as DefineStepFunction;
}

/**
 * Declares a job as ordered steps: each runs as its own `step.run` (retried and memoised on its own) and
 * sees the typed results of the steps before it; the run returns all results by step id.
 *
 * @example Process an order in three steps
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineStepFunction } from "@jobkit/functions";
 *
 * const orderPlaced = defineEvent("order/placed", {
 *   schema: z.object({ orderId: z.string(), amount: z.number() }),
 * });
 *
 * export const processOrder = defineStepFunction({
 *   id: "process-order",
 *   on: orderPlaced,
 *   steps: (chain) =>
 *     chain
 *       .step("validate", ({ event }) => ({ amount: event.data.amount }))
 *       .step("charge", ({ results }) => ({ chargeId: `ch_${results.validate.amount}` }))
 *       .step("receipt", ({ results }) => `receipt for ${results.charge.chargeId}`),
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/functions/README.md
 */
export const defineStepFunction: DefineStepFunction = /* @__PURE__ */ createDefineStepFunction(inngestLimits);
