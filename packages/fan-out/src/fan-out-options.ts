import type { AnyEventDefinition, InferEventData } from "@jobkit/events";
import type { FunctionDefinition, ReadyMadeOptions, ReceivedEventOf } from "@jobkit/functions";
import type { OnInput } from "@jobkit/functions/internal";
import type { Jsonify } from "inngest/types";

/**
 * An event of one definition, as a fan-out may send it: its name and data, an optional id and time.
 *
 * @example Build an event outside the fan-out, for a unit test
 * ```ts
 * import { emailSend } from "@jobkit/events/standard";
 * import type { FanOutEventOf } from "@jobkit/fan-out";
 *
 * export function inviteEmail(to: string, team: string): FanOutEventOf<typeof emailSend> {
 *   return { name: "email/send", data: { to, template: "team-invite", subject: `Join ${team}` } };
 * }
 * ```
 */
export interface FanOutEventOf<TDefinition extends AnyEventDefinition> {
  readonly name: TDefinition["name"];
  readonly data: InferEventData<TDefinition["schema"]>;
  /** An id of your own; by default the fan-out derives one from the trigger and the item. */
  readonly id?: string;
  /** Timestamp in milliseconds; by default Inngest sets the time it receives the event. */
  readonly ts?: number;
}

/**
 * An event a fan-out may send, for a union of definitions: the name and data of one of them, as written
 * by hand or built with the definition's `create()`. Leave `id` out: the fan-out derives one per event.
 *
 * @example Type the events of a sign-up fan-out
 * ```ts
 * import type { FanOutEvent } from "@jobkit/fan-out";
 * import { emailSend, userProfileCreate } from "@jobkit/events/standard";
 *
 * const events: FanOutEvent<typeof emailSend | typeof userProfileCreate>[] = [
 *   { name: "user/profile/create", data: { userId: "usr_123", email: "ada@example.com" } },
 * ];
 * ```
 */
export type FanOutEvent<TSends extends AnyEventDefinition = AnyEventDefinition> =
  TSends extends AnyEventDefinition ? FanOutEventOf<TSends> : never;

/**
 * The events a `sends` list allows: the union of {@link FanOutEventOf} over the list. A mapped type, not a
 * conditional one, so the event names written in `fanOut` keep their literal types while TypeScript infers.
 */
export type SendableEvent<TSends extends readonly AnyEventDefinition[]> = {
  [TIndex in keyof TSends]: FanOutEventOf<TSends[TIndex]>;
}[number];

/**
 * The events `fanOut` may return: any iterable (an array, a generator) or async iterable.
 *
 * @example Produce the events with a generator
 * ```ts
 * import { emailSend } from "@jobkit/events/standard";
 * import type { FanOutEvent, FanOutSource } from "@jobkit/fan-out";
 *
 * export function* reminders(emails: readonly string[]): FanOutSource<FanOutEvent<typeof emailSend>> {
 *   for (const to of emails) {
 *     yield { name: "email/send", data: { to, template: "reminder", subject: "A friendly reminder" } };
 *   }
 * }
 * ```
 */
export type FanOutSource<TEvent> = Iterable<TEvent> | AsyncIterable<TEvent>;

/**
 * One page of a paged source: its items and the cursor of the next page (none on the last page).
 *
 * @example A keyset page of users
 * ```ts
 * import type { FanOutPage } from "@jobkit/fan-out";
 *
 * const page: FanOutPage<{ id: string; email: string }, string> = {
 *   items: [{ id: "usr_1", email: "ada@example.com" }],
 *   next: "usr_1",
 * };
 * ```
 */
export interface FanOutPage<TItem, TCursor> {
  readonly items: readonly TItem[];
  /** The cursor `fetch` receives for the next page; `undefined` or `null` on the last page. */
  readonly next?: TCursor | null;
  /**
   * How many items the whole source has, when it knows: lets the fan-out refuse an over-budget plan
   * after the first page, before it sends anything.
   */
  readonly total?: number;
}

/**
 * What `pages.fetch` receives besides the cursor.
 *
 * @example A page fetcher in a module of its own
 * ```ts
 * import type { FanOutPage, FanOutPageContext } from "@jobkit/fan-out";
 * import type { ReceivedEvent } from "@jobkit/functions";
 *
 * type Member = { id: string; email: string };
 * type Announcement = ReceivedEvent<"team/announcement", { teamId: string }>;
 * declare const db: { members(teamId: string, after: string | undefined): Promise<Member[]> };
 *
 * export async function fetchMembers(
 *   cursor: string | undefined,
 *   { event, page }: FanOutPageContext<Announcement>,
 * ): Promise<FanOutPage<Member, string>> {
 *   const items = await db.members(event.data.teamId, cursor);
 *   console.log(`page ${page}: ${items.length} members`);
 *   return { items, next: items.at(-1)?.id };
 * }
 * ```
 */
export interface FanOutPageContext<TTrigger> {
  /** The triggering event. */
  readonly event: TTrigger;
  /** The page number, from 1. */
  readonly page: number;
}

/**
 * A paged source: `fetch` runs once per page inside its own step (memoized, so a retry never fetches a
 * sent page again), `toEvents` turns each item into the events to send.
 *
 * @example A paged source over every user
 * ```ts
 * import { emailSend } from "@jobkit/events/standard";
 * import type { FanOutEvent, FanOutPages } from "@jobkit/fan-out";
 * import type { ReceivedEvent } from "@jobkit/functions";
 *
 * type User = { id: string; email: string };
 * type Launched = ReceivedEvent<"product/launched", { product: string }>;
 * declare const db: { usersAfter(id: string | undefined): Promise<User[]> };
 *
 * export const everyUser: FanOutPages<Launched, FanOutEvent<typeof emailSend>, User, string> = {
 *   fetch: async (cursor) => {
 *     const items = await db.usersAfter(cursor);
 *     return { items, next: items.at(-1)?.id };
 *   },
 *   toEvents: (user, event) => ({
 *     name: "email/send",
 *     data: { to: user.email, template: "launch", subject: `${event.data.product} is here` },
 *   }),
 *   key: (user) => user.id,
 * };
 * ```
 */
export interface FanOutPages<TTrigger, TEvent, TItem, TCursor> {
  /** Fetches the page after `cursor` (`undefined` for the first page); return `next` to go on. */
  readonly fetch: (
    cursor: Jsonify<TCursor> | undefined,
    ctx: FanOutPageContext<TTrigger>,
  ) => FanOutPage<TItem, TCursor> | Promise<FanOutPage<TItem, TCursor>>;
  /**
   * The events for one item, as stored by the fetch step (JSON: dates are strings). Runs again on every
   * replay and must give the same events (the same ids; data may differ) each time: the fetch step records
   * the page's event ids and chunks, and a replay that gets other events fails with `nondeterministic`.
   */
  readonly toEvents: (item: Jsonify<TItem>, event: TTrigger) => TEvent | readonly TEvent[];
  /**
   * The item's stable key, e.g. its user id; event ids derive from it. Defaults to the item's position
   * (`"<page>:<index>"`), which is stable within a run but not across reruns if the source changes.
   */
  readonly key?: (item: Jsonify<TItem>) => string;
  /** Pages one run may fetch; default and maximum: half the step limit (500), one fetch and one send each. */
  readonly maxPages?: number;
}

/**
 * The result of a fan-out run, for audits: how much was sent, in how many steps, and under which ids.
 *
 * @example Log a run's result without its ids
 * ```ts
 * import type { FanOutResult } from "@jobkit/fan-out";
 *
 * function summary(result: FanOutResult): string {
 *   return `${result.sent} events in ${result.chunks} sends over ${result.pages} pages`;
 * }
 * ```
 */
export interface FanOutResult {
  /** Events sent. */
  readonly sent: number;
  /** `step.sendEvent` steps. */
  readonly chunks: number;
  /** Pages fetched; 0 for a `fanOut` list. */
  readonly pages: number;
  /** The id of every event sent, in order; empty with `returnIds: false`. */
  readonly ids: readonly string[];
}

/**
 * Options every fan-out takes: the function options of `defineEventFunction` (no handler), and these.
 * Not exported; see {@link FanOutOptions}.
 */
export interface FanOutCommonOptions<TOn extends OnInput, TSends extends readonly AnyEventDefinition[]>
  extends ReadyMadeOptions<ReceivedEventOf<TOn>> {
  /** Stable slug: lower-case letters, digits and single hyphens, e.g. `"announce-launch"`. */
  readonly id: string;
  /** The trigger: an event definition, a registered event name, or a list of them. */
  readonly on: TOn;
  /** The definitions of every event the fan-out may send: types, validation and docs. */
  readonly sends: TSends;
  /**
   * Events per `step.sendEvent`: default 1000, at most 5000 (`maxEventsPerSend`). A chunk also closes before
   * its send request (the JSON array of its events) would pass 512 KiB (`maxSendRequestBytes`), so large
   * events go out in more, smaller chunks; an event too big for a request on its own is refused.
   */
  readonly chunkSize?: number;
  /** List every sent id in the result (default `true`); turn off above ~119 000 events per run. */
  readonly returnIds?: boolean;
}

/**
 * A fan-out whose events come from a function of the trigger.
 *
 * @example Invite every address of a new team
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { emailSend } from "@jobkit/events/standard";
 * import { defineFanOut, type FanOutListOptions } from "@jobkit/fan-out";
 *
 * const teamCreated = defineEvent("team/created", {
 *   schema: z.object({ name: z.string(), emails: z.array(z.string()) }),
 * });
 *
 * const options: FanOutListOptions<typeof teamCreated, [typeof emailSend]> = {
 *   id: "invite-team",
 *   on: teamCreated,
 *   sends: [emailSend],
 *   fanOut: (event) =>
 *     event.data.emails.map((to) => ({
 *       name: "email/send",
 *       data: { to, template: "team-invite", subject: `Join ${event.data.name}` },
 *     })),
 *   key: (email) => String(email.data.to),
 * };
 * export const inviteTeam = defineFanOut(options);
 * ```
 */
export interface FanOutListOptions<TOn extends OnInput, TSends extends readonly AnyEventDefinition[]>
  extends FanOutCommonOptions<TOn, TSends> {
  /**
   * The events to send. Runs again on every replay of the run (each step boundary and retry), so it must
   * return the same events for the same trigger: read from the event, not from a clock or a changing
   * table. A different result on a replay fails the run. For a database or API audience, use `pages`.
   */
  readonly fanOut: (
    event: ReceivedEventOf<TOn>,
  ) => FanOutSource<SendableEvent<TSends>> | Promise<FanOutSource<SendableEvent<TSends>>>;
  /**
   * The event's stable key, from which its id derives; defaults to its position in the list. A key of
   * the item (a user id) keeps ids stable even if the order changes.
   */
  readonly key?: (event: SendableEvent<TSends>, index: number) => string;
  readonly pages?: undefined;
}

/**
 * A fan-out whose events come from a paged source, one step per page.
 *
 * @example Announce a launch to every user, page by page
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { emailSend } from "@jobkit/events/standard";
 * import { defineFanOut, type FanOutPagesOptions } from "@jobkit/fan-out";
 *
 * type User = { id: string; email: string };
 * const launched = defineEvent("product/launched", { schema: z.object({ product: z.string() }) });
 * declare const db: { usersAfter(id: string | undefined): Promise<User[]> };
 *
 * const options: FanOutPagesOptions<typeof launched, [typeof emailSend], User, string> = {
 *   id: "announce-launch",
 *   on: launched,
 *   sends: [emailSend],
 *   pages: {
 *     fetch: async (cursor) => {
 *       const items = await db.usersAfter(cursor);
 *       return { items, next: items.at(-1)?.id };
 *     },
 *     toEvents: (user, event) => ({
 *       name: "email/send",
 *       data: { to: user.email, template: "launch", subject: `${event.data.product} is here` },
 *     }),
 *     key: (user) => user.id,
 *   },
 * };
 * export const announceLaunch = defineFanOut(options);
 * ```
 */
export interface FanOutPagesOptions<
  TOn extends OnInput,
  TSends extends readonly AnyEventDefinition[],
  TItem,
  TCursor,
> extends FanOutCommonOptions<TOn, TSends> {
  readonly pages: FanOutPages<ReceivedEventOf<TOn>, SendableEvent<TSends>, TItem, TCursor>;
  readonly fanOut?: undefined;
  readonly key?: undefined;
}

/**
 * The options of `defineFanOut`: `fanOut` (a list) or `pages` (a paged source).
 */
export type FanOutOptions<
  TOn extends OnInput,
  TSends extends readonly AnyEventDefinition[],
  TItem = unknown,
  TCursor = unknown,
> = FanOutListOptions<TOn, TSends> | FanOutPagesOptions<TOn, TSends, TItem, TCursor>;

/**
 * A fan-out job definition: an event function of `@jobkit/functions` whose handler sends the events and
 * returns a {@link FanOutResult}; register it with `register()` like any other.
 *
 * @example Spell out a fan-out's type in a module's exports
 * ```ts
 * import { emailSend } from "@jobkit/events/standard";
 * import { defineFanOut, type FanOutDefinition } from "@jobkit/fan-out";
 * import type { ReceivedEvent } from "@jobkit/functions";
 *
 * export const weeklyDigest: FanOutDefinition<ReceivedEvent<"digest/scheduled">> = defineFanOut({
 *   id: "weekly-digest",
 *   on: "digest/scheduled",
 *   sends: [emailSend],
 *   fanOut: (event) => [
 *     {
 *       name: "email/send",
 *       data: { to: String(event.data.email), template: "digest", subject: "Your week" },
 *     },
 *   ],
 * });
 * ```
 */
export type FanOutDefinition<TEvent, TOutput extends FanOutResult = FanOutResult> = FunctionDefinition<
  "event",
  TEvent,
  TOutput
>;
