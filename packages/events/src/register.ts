import type { Catalog } from "./define-catalog";
import type { AnyEventDefinition, InferEventData } from "./define-event";

/**
 * App-wide registration, the TanStack way: declare your catalog once and string event names become
 * typed everywhere jobkit accepts them (`on: "user/created"` in `@jobkit/functions`).
 *
 * @example Register the app's catalog
 * ```ts
 * import { defineCatalog } from "@jobkit/events";
 *
 * export const catalog = defineCatalog([]);
 *
 * declare module "@jobkit/events" {
 *   interface Register {
 *     catalog: typeof catalog;
 *   }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by host apps through declaration merging.
export interface Register {}

/** The catalog declared in {@link Register}, or a catalog of any events when none is. */
export type RegisteredCatalog = Register extends { catalog: infer TCatalog extends Catalog }
  ? TCatalog
  : Catalog;

/** The event names of a catalog. */
export type EventName<TCatalog extends Catalog> = TCatalog["names"][number];

/** The definition of one event of a catalog. */
export type EventDefinitionOf<TCatalog extends Catalog, TName extends EventName<TCatalog>> = Extract<
  TCatalog["events"][number],
  { name: TName }
>;

/** The data type of one event of a catalog. */
export type EventData<TCatalog extends Catalog, TName extends EventName<TCatalog>> = InferEventData<
  EventDefinitionOf<TCatalog, TName>["schema"]
>;

/** The payload shape of an event definition: `{ name, data, id?, ts?, v? }`. */
export type EventPayload<TDefinition extends AnyEventDefinition> = {
  name: TDefinition["name"];
  data: InferEventData<TDefinition["schema"]>;
  id?: string;
  ts?: number;
  v?: string;
};
