import { describeValue } from "@jobkit/functions/internal";
import { RetryAfterError } from "inngest";
import { BatchingError } from "./batching-error";

/**
 * What `mapItems` does when the work for one item throws: record it and go on, or fail the run.
 *
 * @example Fail the run when one payout fails
 * ```ts
 * import { defineBatchFunction, type OnItemError } from "@jobkit/batching";
 *
 * declare const payouts: { send(payoutId: string): Promise<void> };
 * // Payouts must all go out or be retried together.
 * const onItemError: OnItemError = "fail";
 *
 * export const sendPayouts = defineBatchFunction({
 *   id: "send-payouts",
 *   on: "payout/approved",
 *   batch: { maxSize: 20, timeout: "60s" },
 *   onItemError,
 *   handler: async ({ events, mapItems }) => mapItems(events, (event) => payouts.send(event.id)),
 * });
 * ```
 */
export type OnItemError = "collect" | "fail";

/**
 * A failed item's error as the run output keeps it: JSON, without the stack or the item's data.
 *
 * @example A log line for a failed item, without its data
 * ```ts
 * import type { BatchItemError } from "@jobkit/batching";
 *
 * export function describeFailure(key: string, error: BatchItemError): string {
 *   const where = error.stepId === undefined ? "" : ` in step ${error.stepId}`;
 *   return `item ${key} failed${where}: ${error.name}`;
 * }
 * ```
 */
export interface BatchItemError {
  readonly name: string;
  readonly message: string;
  /** The step that failed for good, when the error came from `step.run`. */
  readonly stepId?: string;
}

/**
 * The outcome for one item: its value, or the error its work threw.
 *
 * @example List the items to replay after a partly failed batch
 * ```ts
 * import type { BatchItemResult } from "@jobkit/batching";
 *
 * export function failedItems(items: readonly BatchItemResult<unknown>[]): string[] {
 *   return items.flatMap((item) => (item.ok ? [] : [`${item.key}: ${item.error.name}`]));
 * }
 * ```
 */
export type BatchItemResult<TValue> =
  | { readonly key: string; readonly index: number; readonly ok: true; readonly value: TValue }
  | { readonly key: string; readonly index: number; readonly ok: false; readonly error: BatchItemError };

/**
 * Per-item outcomes of a batch, in item order, with counts.
 *
 * @example Alert when a batch mostly failed
 * ```ts
 * import type { BatchResults } from "@jobkit/batching";
 *
 * export function shouldAlert(results: BatchResults<unknown>): boolean {
 *   return results.total > 0 && results.failed / results.total > 0.1;
 * }
 * ```
 */
export interface BatchResults<TValue> {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly items: readonly BatchItemResult<TValue>[];
}

/**
 * Options of `mapItems`.
 *
 * @example Name results by email instead of event id
 * ```ts
 * import { defineBatchFunction, type MapItemsOptions } from "@jobkit/batching";
 *
 * declare const crm: { upsert(contact: { email: string }): Promise<void> };
 * const byEmail: MapItemsOptions<{ email: string }> = { key: (contact) => contact.email };
 *
 * export const syncContacts = defineBatchFunction({
 *   id: "sync-contacts",
 *   on: "crm/contact.changed",
 *   batch: { maxSize: 50, timeout: "10s" },
 *   handler: async ({ events, mapItems }) =>
 *     mapItems(
 *       events.map((event) => ({ email: String(event.data.email) })),
 *       (contact) => crm.upsert(contact),
 *       byEmail,
 *     ),
 * });
 * ```
 */
export interface MapItemsOptions<TItem> {
  /** Names an item in results and logs; defaults to the item's string `id` (every event has one), else its index. */
  readonly key?: (item: TItem, index: number) => string;
}

/**
 * Runs `work` for each item in order and returns every item's outcome. Under `onItemError: "collect"` an
 * item whose work throws (after its steps used up their retries) is recorded and the next item runs; under
 * `"fail"` the error fails the run. A `RetryAfterError` always propagates: it asks for a retry.
 *
 * @example A helper that takes the run's mapItems
 * ```ts
 * import type { MapItems } from "@jobkit/batching";
 *
 * declare const billing: { charge(invoiceId: string, amount: number): Promise<string> };
 *
 * export async function chargeAll(mapItems: MapItems, invoices: readonly { id: string; amount: number }[]) {
 *   const results = await mapItems(invoices, (invoice) => billing.charge(invoice.id, invoice.amount), {
 *     key: (invoice) => invoice.id,
 *   });
 *   return results.failed === 0;
 * }
 * ```
 */
export type MapItems = <TItem, TValue>(
  items: readonly TItem[],
  work: (item: TItem, index: number) => TValue,
  options?: MapItemsOptions<TItem>,
) => Promise<BatchResults<Awaited<TValue>>>;

/** Where `mapItems` reports collected failures: Inngest's `ctx.logger`. */
export interface ItemLogger {
  warn(...args: unknown[]): void;
}

function defaultKey(item: unknown, index: number): string {
  const id = (item as { readonly id?: unknown } | null)?.id;
  return typeof id === "string" && id !== "" ? id : String(index);
}

function toItemError(error: unknown): BatchItemError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const stepId = (error as { readonly stepId?: unknown }).stepId;
  return {
    name: error.name,
    message: error.message,
    ...(typeof stepId === "string" ? { stepId } : {}),
  };
}

function checkKey(functionId: string | undefined, key: unknown, seen: Set<string> | undefined): string {
  if (typeof key !== "string" || key === "") {
    throw new BatchingError({
      functionId,
      code: "invalid-key",
      problem: "got a mapItems key that is not a non-empty string",
      received: describeValue(key),
      expected: "a non-empty string that names the item, e.g. its id",
    });
  }
  if (seen?.has(key)) {
    throw new BatchingError({
      functionId,
      code: "duplicate-key",
      problem: "got two mapItems items with the same key",
      received: describeValue(key),
      expected: "a key per item that no other item of the call has, e.g. the item's id",
    });
  }
  seen?.add(key);
  return key;
}

/** Builds the `mapItems` of one run, bound to the function's item-error policy and logger. */
export function createMapItems(
  policy: OnItemError,
  logger: ItemLogger | undefined,
  functionId?: string,
): MapItems {
  return async <TItem, TValue>(
    items: readonly TItem[],
    work: (item: TItem, index: number) => TValue,
    options: MapItemsOptions<TItem> = {},
  ): Promise<BatchResults<Awaited<TValue>>> => {
    const keyOf = options.key ?? defaultKey;
    const results: BatchItemResult<Awaited<TValue>>[] = [];
    let failed = 0;
    // Your own keys must tell items apart; the default (an id, else the index) names items in logs only.
    const seen = options.key === undefined ? undefined : new Set<string>();
    for (const [index, item] of items.entries()) {
      const key = checkKey(functionId, keyOf(item, index), seen);
      try {
        results.push({ key, index, ok: true, value: await work(item, index) });
      } catch (error) {
        if (policy === "fail" || error instanceof RetryAfterError) throw error;
        const itemError = toItemError(error);
        failed++;
        results.push({ key, index, ok: false, error: itemError });
        // The key and error name only: messages and items may carry personal data.
        logger?.warn(`batch item "${key}" failed with ${itemError.name}; collected, continuing`);
      }
    }
    return { total: results.length, succeeded: results.length - failed, failed, items: results };
  };
}
