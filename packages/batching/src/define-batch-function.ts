import type {
  Duration,
  FunctionDefinition,
  HandlerContext,
  InngestLimits,
  ReadyMadeOptions,
  ReceivedEventOf,
} from "@jobkit/functions";
import {
  type CheckKeyPath,
  type CheckOptionKeys,
  type CommonFunctionOptions,
  type ConfigFailure,
  type ConfigTypeError,
  checkKnownOptions,
  checkReadyMadeOptions,
  configFailure,
  type OnInput,
} from "@jobkit/functions/internal";
import { batchRefusals, checkBatchWindow } from "./check-batch";
import { createMapItems, type ItemLogger, type MapItems, type OnItemError } from "./map-items";

/**
 * `batch`: run once for up to `maxSize` events collected over at most `timeout`, optionally per `key`.
 *
 * @example One batch setting for several jobs
 * ```ts
 * import { type BatchOption, defineBatchFunction } from "@jobkit/batching";
 *
 * // Up to 100 events per account, or whatever arrived within 30 seconds.
 * const perAccount: BatchOption = { maxSize: 100, timeout: "30s", key: "event.data.accountId" };
 *
 * export const syncUsage = defineBatchFunction({
 *   id: "sync-usage",
 *   on: "usage/recorded",
 *   batch: perAccount,
 *   handler: async ({ events }) => events.length,
 * });
 * export const syncSeats = defineBatchFunction({
 *   id: "sync-seats",
 *   on: "seat/changed",
 *   batch: perAccount,
 *   handler: async ({ events }) => events.length,
 * });
 * ```
 */
export interface BatchOption {
  /** Most events in one batch: 1-100 on Inngest, which starts the run as soon as the batch is full. */
  readonly maxSize: number;
  /** Longest wait for a batch to fill, 1s-60s, counted from its first event. */
  readonly timeout: Duration;
  /** Key path (or `cel()` expression) whose value gets its own batches, e.g. `"event.data.userId"`. */
  readonly key?: string;
  /** A CEL condition an event must meet to join a batch. */
  readonly if?: string;
}

/**
 * What a batch handler receives: Inngest's context with `events` typed, and `mapItems`.
 *
 * @example A batch handler in a module of its own
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import type { ReceivedEventOf } from "@jobkit/functions";
 * import { type BatchContext, defineBatchFunction } from "@jobkit/batching";
 *
 * const rowParsed = defineEvent("import/row.parsed", { schema: z.object({ rowId: z.string() }) });
 *
 * async function importRows({ events, step, mapItems }: BatchContext<ReceivedEventOf<typeof rowParsed>>) {
 *   return mapItems(events, (event) => step.run(`import-${event.data.rowId}`, () => event.data.rowId));
 * }
 * export const importJob = defineBatchFunction({
 *   id: "import-rows",
 *   on: rowParsed,
 *   batch: { maxSize: 100, timeout: "10s" },
 *   handler: importRows,
 * });
 * ```
 */
export type BatchContext<TEvent> = HandlerContext<TEvent> & {
  /** Runs work per item (an event, a group of events, …) and collects each item's result or error. */
  readonly mapItems: MapItems;
};

/**
 * The options of {@link defineBatchFunction}.
 *
 * @example Options built by a helper
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { type BatchFunctionOptions, defineBatchFunction } from "@jobkit/batching";
 *
 * const pageViewed = defineEvent("page/viewed", { schema: z.object({ path: z.string() }) });
 *
 * function pageViewCounter(id: string): BatchFunctionOptions<typeof pageViewed, Promise<number>> {
 *   return {
 *     id,
 *     on: pageViewed,
 *     batch: { maxSize: 100, timeout: "10s" },
 *     handler: async ({ events }) => events.length,
 *   };
 * }
 * export const countPageViews = defineBatchFunction(pageViewCounter("count-page-views"));
 * ```
 */
export interface BatchFunctionOptions<TOn extends OnInput, TOutput>
  extends Omit<ReadyMadeOptions<ReceivedEventOf<TOn>>, "debounce" | "priority"> {
  /** Stable slug: lower-case letters, digits and single hyphens, e.g. `"import-rows"`. */
  readonly id: string;
  /** Events this function sends, for docs and the event graph; not enforced at run time. */
  readonly sends?: CommonFunctionOptions<ReceivedEventOf<TOn>>["sends"];
  /** The trigger: an event definition, a registered event name, or a list of them. */
  readonly on: TOn;
  /** How events are collected into one run; checked against Inngest's batch limits. */
  readonly batch: BatchOption;
  /** What `mapItems` does when one item fails: `"collect"` (default) records it and goes on; `"fail"` fails the run. */
  readonly onItemError?: OnItemError;
  /** The function body, once per batch; `events` holds every event of the batch, typed. */
  readonly handler: (ctx: BatchContext<ReceivedEventOf<TOn>>) => TOutput;
}

type BatchKeys = keyof BatchFunctionOptions<OnInput, unknown>;

interface BatchOptionErrors {
  readonly batchEvents: ConfigTypeError<'defineBatchFunction takes "batch" instead of "batchEvents"'>;
  readonly debounce: ConfigTypeError<'"debounce" cannot be combined with batching: Inngest rejects functions with both'>;
  readonly priority: ConfigTypeError<'"priority" cannot be combined with batching: Inngest rejects functions with both'>;
}

/** Options a batch function does not take become type errors that say why. */
type RejectBatchOptions<TOptions> = {
  readonly [TKey in Exclude<keyof TOptions, BatchKeys>]: TKey extends keyof BatchOptionErrors
    ? BatchOptionErrors[TKey]
    : ConfigTypeError<`unknown option "${TKey & string}"`>;
};

/** `batch.key` checked against the trigger's schema, like every other key path. */
type CheckBatchKey<TOptions, TEvent> = TOptions extends { readonly batch: { readonly key: infer TKey } }
  ? { readonly batch: { readonly key: CheckKeyPath<TKey, TEvent, "batch.key"> } }
  : unknown;

/**
 * The options as the compiler reads them: `onItemError` widened to any string, so that a wrong literal is
 * reported by {@link CheckOnItemError} on that option instead of collapsing the whole object to `never`.
 */
type BatchFunctionInput<TOn extends OnInput, TOutput> = Omit<
  BatchFunctionOptions<TOn, TOutput>,
  "onItemError"
> & {
  readonly onItemError?: OnItemError | (string & {});
};

type CheckOnItemError<TOptions> = TOptions extends { readonly onItemError: infer TPolicy }
  ? TPolicy extends OnItemError | undefined
    ? unknown
    : {
        readonly onItemError: ConfigTypeError<`onItemError: "${TPolicy & string}" is not a policy; expected "collect" or "fail"`>;
      }
  : unknown;

/**
 * The type of {@link defineBatchFunction}.
 */
export type DefineBatchFunction = <
  const TOn extends OnInput,
  TOutput,
  const TOptions extends object = object,
>(
  options: BatchFunctionInput<TOn, TOutput> &
    TOptions &
    CheckOnItemError<TOptions> &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    CheckBatchKey<TOptions, ReceivedEventOf<TOn>> &
    RejectBatchOptions<TOptions>,
) => FunctionDefinition<"event", ReceivedEventOf<TOn>, Awaited<TOutput>>;

const batchExample = '{ maxSize: 100, timeout: "30s" }';
const plainPath = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)*$/;
const batchOwnOptions = ["on", "batch", "onItemError", "handler", "sends"];

function checkBatch(fail: ConfigFailure, functionId: string, batch: unknown, limits: InngestLimits): void {
  if (typeof batch !== "object" || batch === null || Array.isArray(batch)) {
    fail("batch", batch, "an object { maxSize, timeout, key?, if? }", { example: batchExample });
  }
  const { maxSize, timeout, key, if: condition } = batch as Record<string, unknown>;
  checkKnownOptions(functionId, batch as object, ["maxSize", "timeout", "key", "if"], "batch");
  checkBatchWindow(
    fail,
    functionId,
    { maxSize: "batch.maxSize", timeout: "batch.timeout" },
    { maxSize, timeout },
    limits,
  );
  // The same rule as every key path of @jobkit/functions, checked here so the error names batch.key.
  if (key !== undefined && (typeof key !== "string" || (plainPath.test(key) && !key.startsWith("event.")))) {
    fail("batch.key", key, 'a key path from "event", or a cel() expression', {
      example: JSON.stringify(
        typeof key === "string" && key.length <= 80 ? `event.${key}` : "event.data.accountId",
      ),
    });
  }
  if (condition !== undefined && typeof condition !== "string") {
    fail("batch.if", condition, "a CEL expression over event", { example: "\"event.data.plan == 'free'\"" });
  }
}

/** Builds one batch function; the ready-mades call it with their checked options. */
function buildBatchFunction(input: unknown): unknown {
  if (typeof input === "object" && input !== null && "batchEvents" in input) {
    const givenId = (input as { readonly id?: unknown }).id;
    configFailure(typeof givenId === "string" ? givenId : undefined)(
      "batchEvents",
      input.batchEvents,
      'the "batch" option: defineBatchFunction sets batchEvents from it',
      { example: `batch: ${batchExample}` },
    );
  }
  const { options, id, limits, defineEventFunction, fail } = checkReadyMadeOptions(input, {
    own: batchOptionNames,
    refused: batchRefusals,
  });
  const { batch, onItemError = "collect", handler, limits: _limits, ...rest } = options;
  if (batch === undefined) {
    fail("batch", batch, "an object { maxSize, timeout, key?, if? }", { example: batchExample });
  }
  checkBatch(fail, id, batch, limits);
  if (onItemError !== "collect" && onItemError !== "fail") {
    fail(
      "onItemError",
      onItemError,
      '"collect" (record the failed item and go on) or "fail" (fail the run)',
      {
        example: '"fail"',
      },
    );
  }
  const run = handler as (ctx: BatchContext<unknown>) => unknown;
  return (defineEventFunction as (input: unknown) => unknown)({
    ...rest,
    batchEvents: batch,
    // A non-function handler is passed as is, so defineEventFunction reports it.
    handler:
      typeof handler === "function"
        ? (ctx: HandlerContext<unknown>) =>
            run({
              ...ctx,
              mapItems: createMapItems(onItemError as OnItemError, ctx.logger as ItemLogger | undefined, id),
            })
        : handler,
  });
}

const batchOptionNames = [...batchOwnOptions];

/**
 * Declares a function that runs once per batch of events: a thin layer over `defineEventFunction` with
 * `batchEvents`, whose limits it checks, plus `mapItems` to process items one by one and collect each
 * item's result or error instead of failing the whole batch.
 *
 * @example Import rows in batches of 100 per account
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineBatchFunction } from "@jobkit/batching";
 *
 * const rowSubmitted = defineEvent("import/row.submitted", {
 *   schema: z.object({ accountId: z.string(), rowId: z.string(), email: z.string() }),
 * });
 *
 * export const importRows = defineBatchFunction({
 *   id: "import-rows",
 *   on: rowSubmitted,
 *   batch: { maxSize: 100, timeout: "10s", key: "event.data.accountId" },
 *   handler: async ({ events, step, mapItems }) =>
 *     mapItems(events, (event) =>
 *       step.run(`import-${event.data.rowId}`, () => ({ rowId: event.data.rowId, imported: true })),
 *     ),
 * });
 * ```
 * @example Allow batches of 500 on a self-hosted server
 * ```ts
 * import { defineBatchFunction } from "@jobkit/batching";
 *
 * export const importRows = defineBatchFunction({
 *   id: "import-rows",
 *   on: "import/row.submitted",
 *   batch: { maxSize: 500, timeout: "10s" },
 *   limits: { maxBatchSize: 500 },
 *   handler: async ({ events }) => events.length,
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/batching/README.md
 */
export const defineBatchFunction: DefineBatchFunction = buildBatchFunction as unknown as DefineBatchFunction;
