import type { Catalog } from "./define-catalog";
import type { InferEventData } from "./define-event";

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

/**
 * The catalog a registry interface declares, or a catalog of any events when it declares none; the
 * building block of {@link RegisteredCatalog}.
 */
export type RegisteredCatalogOf<TRegister> = TRegister extends { catalog: infer TCatalog extends Catalog }
  ? TCatalog
  : Catalog;

/**
 * The catalog declared in {@link Register}, or a catalog of any events when none is.
 *
 * @example Accept only registered event names
 * ```ts
 * import type { EventName, RegisteredCatalog } from "@jobkit/events";
 *
 * function track(name: EventName<RegisteredCatalog>): string {
 *   return name;
 * }
 * ```
 */
export type RegisteredCatalog = RegisteredCatalogOf<Register>;

/**
 * The event names of a catalog.
 *
 * @example Type a parameter by catalog names
 * ```ts
 * import { z } from "zod";
 * import { defineCatalog, defineEvent, type EventName } from "@jobkit/events";
 *
 * const catalog = defineCatalog([defineEvent("user/created", { schema: z.object({ userId: z.string() }) })]);
 * const name: EventName<typeof catalog> = "user/created";
 * ```
 */
export type EventName<TCatalog extends Catalog> = TCatalog["names"][number];

/** The definition of one event of a catalog. */
export type EventDefinitionOf<TCatalog extends Catalog, TName extends EventName<TCatalog>> = Extract<
  TCatalog["events"][number],
  { name: TName }
>;

/**
 * The data type of one event of a catalog.
 *
 * @example Type a handler's input by event name
 * ```ts
 * import { z } from "zod";
 * import { defineCatalog, defineEvent, type EventData } from "@jobkit/events";
 *
 * const catalog = defineCatalog([defineEvent("user/created", { schema: z.object({ userId: z.string() }) })]);
 * function welcome(data: EventData<typeof catalog, "user/created">): string {
 *   return data.userId;
 * }
 * ```
 */
export type EventData<TCatalog extends Catalog, TName extends EventName<TCatalog>> = InferEventData<
  EventDefinitionOf<TCatalog, TName>["schema"]
>;
