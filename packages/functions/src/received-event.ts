import type { AnyEventDefinition, Catalog, InferEventData, RegisteredCatalog } from "@jobkit/events";

/**
 * An event as a handler receives it; `TData` is inferred from the event definition's schema.
 *
 * @example Type an event for a test
 * ```ts
 * import type { ReceivedEvent } from "@jobkit/functions";
 *
 * type PasswordReset = ReceivedEvent<"auth/password.reset", { userId: string }>;
 *
 * export const fixture: PasswordReset = {
 *   name: "auth/password.reset",
 *   data: { userId: "usr_1" },
 *   id: "evt_1",
 *   ts: Date.now(),
 * };
 * ```
 */
export interface ReceivedEvent<TName extends string = string, TData = Record<string, unknown>> {
  name: TName;
  data: TData;
  id: string;
  ts: number;
  v?: string;
}

/**
 * The event a cron function receives: Inngest's `inngest/scheduled.timer`.
 *
 * @example A cron handler in a module of its own
 * ```ts
 * import { type CronEvent, defineCronFunction } from "@jobkit/functions";
 *
 * export async function cleanUp({ event }: { event: CronEvent }) {
 *   console.log(`scheduled by "${event.data.cron}" at ${new Date(event.ts).toISOString()}`);
 * }
 * export const nightly = defineCronFunction({ id: "nightly-cleanup", cron: "0 3 * * *", handler: cleanUp });
 * ```
 */
export type CronEvent = ReceivedEvent<"inngest/scheduled.timer", { cron: string }>;

/**
 * An event name of the catalog declared through `Register` in `@jobkit/events` (any string if none is).
 */
export type RegisteredEventName = RegisteredCatalog["names"][number];

/**
 * One trigger as written in `on`: an event definition or a registered event name.
 */
export type EventRef = AnyEventDefinition | RegisteredEventName;

/**
 * What `on` accepts: one event reference or a list of them.
 *
 * @example A job factory whose caller picks the trigger
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import type { OnInput } from "@jobkit/functions/internal";
 *
 * export function auditJob<const TOn extends OnInput>(id: string, on: TOn) {
 *   return defineEventFunction({ id, on, handler: async ({ event }) => ({ audited: event.id }) });
 * }
 * export const auditUsers = auditJob("audit-users", ["user/created", "user/deleted"]);
 * ```
 */
export type OnInput = EventRef | readonly EventRef[];

type CatalogDefinition<TCatalog extends Catalog, TName> = Extract<
  TCatalog["events"][number],
  { readonly name: TName }
>;

/**
 * The event type a handler receives for `on`: typed data for definitions and for names of `TCatalog`
 * (the registered catalog by default), a union discriminated by `name` for a list.
 *
 * @example Type a test event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import type { ReceivedEventOf } from "@jobkit/functions";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * type UserCreated = ReceivedEventOf<typeof userCreated>; // { name: "user/created"; data: { userId: string }; … }
 * ```
 */
export type ReceivedEventOf<
  TOn,
  TCatalog extends Catalog = RegisteredCatalog,
> = TOn extends readonly (infer TItem)[]
  ? ReceivedEventOf<TItem, TCatalog>
  : TOn extends AnyEventDefinition
    ? ReceivedEvent<TOn["name"], InferEventData<TOn["schema"]>>
    : TOn extends string
      ? [CatalogDefinition<TCatalog, TOn>] extends [never]
        ? ReceivedEvent<TOn>
        : ReceivedEventOf<CatalogDefinition<TCatalog, TOn>, TCatalog>
      : never;
