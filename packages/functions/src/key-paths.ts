import { markCelExpression } from "./check-key-paths";
import { describeValue } from "./describe-value";
import { JobError } from "./job-error";
import type { ReceivedEventOf } from "./received-event";

/**
 * A compile-time error message. When a jobkit type check fails, the offending value is required to be
 * this type, so the editor shows the message instead of a wall of generics.
 *
 * @example Show a sentence instead of a type mismatch
 * ```ts
 * import type { ConfigTypeError } from "@jobkit/functions/internal";
 *
 * type CheckRegion<TRegion> = TRegion extends "eu" | "us"
 *   ? unknown
 *   : ConfigTypeError<`region "${TRegion & string}" is not served; use "eu" or "us"`>;
 *
 * export function defineRegionalJob<const TRegion extends string>(region: TRegion & CheckRegion<TRegion>) {
 *   return { region };
 * }
 * defineRegionalJob("eu");
 * // defineRegionalJob("ap") is a type error whose message is: region "ap" is not served; use "eu" or "us"
 * ```
 */
export interface ConfigTypeError<TMessage extends string> {
  readonly __jobkitTypeError: TMessage;
}

/**
 * A raw CEL expression made with {@link cel}; accepted wherever a key path is, without a schema check.
 */
export type CelExpression = string & { readonly __jobkitCel: true };

/**
 * Marks a string as a raw CEL expression, the escape hatch for keys that are not a single path into the
 * event, e.g. a combination of two fields. Strings carry no identity, so the mark is by text: once
 * `cel("event.data.x")` has run, the same plain text skips the definition-time key-path check in every
 * definition of the process (the types still check plain paths).
 *
 * @example A concurrency key over two fields
 * ```ts
 * import { cel } from "@jobkit/functions";
 *
 * const key = cel('event.data.accountId + "-" + event.data.region');
 * ```
 */
export function cel(expression: string): CelExpression {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw new JobError({
      functionId: undefined,
      subject: "CEL expression",
      path: "cel()",
      received: describeValue(expression),
      expected: "a non-empty CEL expression",
      example: 'cel("event.data.accountId")',
    });
  }
  markCelExpression(expression);
  return expression as CelExpression;
}

/** Depth countdown for {@link DataPaths}: how many more levels to descend. */
type NextDepth = [never, 0, 1, 2, 3, 4];

/** How deep key paths reach into `event.data`: `event.data.a.b.c.d`. */
export type KeyPathDepth = 4;

/**
 * Every dotted path into `TData` below `TPrefix`, up to `TDepth` levels; arrays and primitives end a path.
 * `any` data gives any path, so untyped events stay usable.
 */
export type DataPaths<TData, TPrefix extends string, TDepth extends number = KeyPathDepth> = [
  TDepth,
] extends [never]
  ? never
  : 0 extends 1 & TData
    ? `${TPrefix}.${string}`
    : TData extends readonly unknown[] | Date | ((...args: never[]) => unknown)
      ? never
      : TData extends object
        ? {
            [TKey in keyof TData & string]:
              | `${TPrefix}.${TKey}`
              | DataPaths<NonNullable<TData[TKey]>, `${TPrefix}.${TKey}`, NextDepth[TDepth]>;
          }[keyof TData & string]
        : never;

/**
 * The paths every member of the event union `TEvent` has: each event's paths are boxed, the boxes
 * intersected, and the intersection of literal unions keeps only the shared literals.
 */
type CommonPaths<TEvent, TPrefix extends string> = (
  TEvent extends { readonly data: infer TData }
    ? (box: { readonly paths: DataPaths<TData, TPrefix> }) => void
    : never
) extends (box: infer TBoxes extends { readonly paths: string }) => void
  ? TBoxes["paths"]
  : never;

/**
 * The key paths valid for a function receiving `TEvent`, e.g. `"event.data.userId"`, plus the envelope
 * fields; with several trigger events, only paths present in all of them.
 */
export type KeyPath<TEvent> =
  | "event.name"
  | "event.id"
  | "event.ts"
  | "event.v"
  | CommonPaths<TEvent, "event.data">;

/** The `data.*` paths of `cancelOn[].match`, present in both the trigger event(s) and the cancelling one. */
export type MatchPath<TEvent, TCancel> = CommonPaths<TEvent | TCancel, "data">;

type EventNames<TEvent> = TEvent extends { readonly name: infer TName extends string } ? TName : never;

type IsUnion<TValue, TAll = TValue> = TValue extends unknown
  ? [TAll] extends [TValue]
    ? false
    : true
  : never;

/** Where a key path was looked up, for messages. */
type SchemaOf<TEvent> =
  true extends IsUnion<EventNames<TEvent>>
    ? "every trigger event's schema"
    : `the schema of "${EventNames<TEvent>}"`;

/**
 * `unknown` when `TKey` is a valid key path for `TEvent` (or a {@link CelExpression}), otherwise a
 * {@link ConfigTypeError} naming the option, the path and the event.
 *
 * @example Check a key option of a definer of your own
 * ```ts
 * import type { ReceivedEvent } from "@jobkit/functions";
 * import type { CheckKeyPath } from "@jobkit/functions/internal";
 *
 * type OrderPlaced = ReceivedEvent<"order/placed", { orderId: string; customerId: string }>;
 *
 * export function defineLockedJob<const TKey extends string>(
 *   lockKey: TKey & CheckKeyPath<TKey, OrderPlaced, "lockKey">,
 * ) {
 *   return { lockKey };
 * }
 * defineLockedJob("event.data.customerId");
 * // defineLockedJob("event.data.custId") is a type error:
 * // lockKey: key path "event.data.custId" is not in the schema of "order/placed"; use cel("…") …
 * ```
 */
export type CheckKeyPath<TKey, TEvent, TOption extends string> = TKey extends undefined | CelExpression
  ? unknown
  : TKey extends KeyPath<TEvent>
    ? unknown
    : ConfigTypeError<`${TOption}: key path "${TKey & string}" is not in ${SchemaOf<TEvent>}; use cel("…") for any other expression`>;

type CheckKeyed<TValue, TEvent, TOption extends string> = TValue extends { readonly key: infer TKey }
  ? { readonly key: CheckKeyPath<TKey, TEvent, `${TOption}.key`> }
  : unknown;

/** `unknown`, or the first error among list entries; a whole-list error avoids fighting tuple types. */
type FirstListError<
  TItems,
  TEvent,
  TCheck extends "concurrency" | "cancelOn",
  TSeen extends unknown[] = [],
> = TItems extends readonly [infer THead, ...infer TRest]
  ? (
      TCheck extends "concurrency"
        ? THead extends { readonly key: infer TKey }
          ? CheckKeyPath<TKey, TEvent, `concurrency[${TSeen["length"]}].key`>
          : unknown
        : CheckMatch<THead, TEvent, `${TSeen["length"]}`>
    ) extends infer TResult
    ? unknown extends TResult
      ? FirstListError<TRest, TEvent, TCheck, [...TSeen, THead]>
      : TResult
    : never
  : unknown;

type CheckMatch<TEntry, TEvent, TIndex extends string> = TEntry extends {
  readonly event: infer TCancel;
  readonly match: infer TMatch;
}
  ? TMatch extends MatchPath<TEvent, ReceivedEventOf<TCancel>>
    ? unknown
    : ConfigTypeError<`cancelOn[${TIndex}].match: "${TMatch & string}" is not a data path of both the trigger and the cancelling event`>
  : unknown;

type CheckConcurrency<TValue, TEvent> = TValue extends readonly unknown[]
  ? FirstListError<TValue, TEvent, "concurrency"> extends infer TError
    ? unknown extends TError
      ? unknown
      : { readonly concurrency: TError }
    : never
  : TValue extends { readonly key: unknown }
    ? { readonly concurrency: CheckKeyed<TValue, TEvent, "concurrency"> }
    : unknown;

type CheckCancelOn<TValue, TEvent> =
  FirstListError<TValue, TEvent, "cancelOn"> extends infer TError
    ? unknown extends TError
      ? unknown
      : { readonly cancelOn: TError }
    : never;

/**
 * Checks every key path of a definition's options against the trigger events: `concurrency.key`,
 * `throttle.key`, `rateLimit.key`, `debounce.key`, `batchEvents.key`, `singleton.key`, `idempotency`
 * and `cancelOn[].match`. Each invalid one becomes a {@link ConfigTypeError}.
 *
 * @example Check the flow-control keys of a definer of your own
 * ```ts
 * import type { ReceivedEvent } from "@jobkit/functions";
 * import type { CheckOptionKeys } from "@jobkit/functions/internal";
 *
 * type OrderPlaced = ReceivedEvent<"order/placed", { orderId: string }>;
 *
 * export function defineOrderJob<const TOptions extends object>(
 *   options: TOptions & CheckOptionKeys<TOptions, OrderPlaced>,
 * ) {
 *   return options;
 * }
 * defineOrderJob({ concurrency: { limit: 1, key: "event.data.orderId" } });
 * // defineOrderJob({ concurrency: { limit: 1, key: "event.data.order" } }) is a type error:
 * // concurrency.key: key path "event.data.order" is not in the schema of "order/placed"; use cel("…") …
 * ```
 */
export type CheckOptionKeys<TOptions, TEvent> = (TOptions extends { readonly concurrency: infer TValue }
  ? CheckConcurrency<TValue, TEvent>
  : unknown) &
  (TOptions extends { readonly throttle: infer TValue }
    ? { readonly throttle: CheckKeyed<TValue, TEvent, "throttle"> }
    : unknown) &
  (TOptions extends { readonly rateLimit: infer TValue }
    ? { readonly rateLimit: CheckKeyed<TValue, TEvent, "rateLimit"> }
    : unknown) &
  (TOptions extends { readonly debounce: infer TValue }
    ? { readonly debounce: CheckKeyed<TValue, TEvent, "debounce"> }
    : unknown) &
  (TOptions extends { readonly batchEvents: infer TValue }
    ? { readonly batchEvents: CheckKeyed<TValue, TEvent, "batchEvents"> }
    : unknown) &
  (TOptions extends { readonly singleton: infer TValue }
    ? { readonly singleton: CheckKeyed<TValue, TEvent, "singleton"> }
    : unknown) &
  (TOptions extends { readonly idempotency: infer TKey }
    ? { readonly idempotency: CheckKeyPath<TKey, TEvent, "idempotency"> }
    : unknown) &
  (TOptions extends { readonly cancelOn: infer TEntries } ? CheckCancelOn<TEntries, TEvent> : unknown);
