import type { AnyEventDefinition } from "@jobkit/events";
import type { ReceivedEventOf } from "@jobkit/functions";
import {
  type CheckOptionKeys,
  checkReadyMadeOptions,
  configFailure,
  type OnInput,
  type RejectUnknownOptions,
  requireOneOf,
} from "@jobkit/functions/internal";
import { createListHandler } from "./create-list-handler";
import { createPagesHandler } from "./create-pages-handler";
import type { FanOutDefinition, FanOutListOptions, FanOutOptions, FanOutResult } from "./fan-out-options";
import { checkChunkSize } from "./plan-fan-out";

type FanOutKeys = keyof FanOutListOptions<OnInput, readonly AnyEventDefinition[]> | "pages";

/**
 * The type of {@link defineFanOut}.
 *
 * @example Pass the definer as a dependency
 * ```ts
 * import { type DefineFanOut, defineFanOut } from "@jobkit/fan-out";
 *
 * // Job modules receive their definers, so a test can pass a wrapped one that records every definition.
 * export interface Definers {
 *   readonly defineFanOut: DefineFanOut;
 * }
 * export const definers: Definers = { defineFanOut };
 * ```
 */
export type DefineFanOut = <
  const TOn extends OnInput,
  const TSends extends readonly AnyEventDefinition[],
  TItem = unknown,
  TCursor = unknown,
  const TOptions extends object = object,
>(
  options: FanOutOptions<TOn, TSends, TItem, TCursor> &
    TOptions &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    RejectUnknownOptions<TOptions, FanOutKeys>,
) => FanOutDefinition<ReceivedEventOf<TOn>>;

interface RawPages {
  readonly fetch?: unknown;
  readonly toEvents?: unknown;
  readonly key?: unknown;
  readonly maxPages?: unknown;
}

const fanOutOwnOptions = ["on", "sends", "fanOut", "pages", "key", "chunkSize", "returnIds"];

function checkSendsList(functionId: string, sends: readonly AnyEventDefinition[]) {
  const fail = configFailure(functionId);
  if (sends.length === 0) {
    fail("sends", sends, "the definitions of the events the fan-out sends (at least one)", {
      example: "[emailSend, userProfileCreate]",
    });
  }
  const definitions = new Map<string, AnyEventDefinition>();
  sends.forEach((definition, index) => {
    if (typeof definition.parse !== "function" || typeof definition.version !== "string") {
      fail(
        `sends[${index}]`,
        definition,
        "an event definition from defineEvent() of @jobkit/events, which can validate data",
        { example: "emailSend" },
      );
    }
    if (definitions.has(definition.name))
      fail(`sends[${index}]`, definition.name, "each event definition once");
    definitions.set(definition.name, definition);
  });
  return definitions;
}

/**
 * Builds a fan-out definition; `finish` turns the {@link FanOutResult} into the run's output (used by
 * ready-made fan-outs that add fields to it).
 */
export function createFanOut<TOutput extends FanOutResult>(
  options: object,
  finish: (result: FanOutResult) => TOutput,
): FanOutDefinition<unknown, TOutput> {
  const raw = options as {
    readonly handler?: unknown;
    readonly batchEvents?: unknown;
    readonly id?: unknown;
  };
  if (typeof raw === "object" && raw !== null) {
    const early = configFailure(typeof raw.id === "string" ? raw.id : undefined);
    if (raw.handler !== undefined) {
      early(
        "handler",
        raw.handler,
        "no handler: defineFanOut builds it; return the events from fanOut, or page through a source with pages",
      );
    }
    if (raw.batchEvents !== undefined) {
      early(
        "batchEvents",
        raw.batchEvents,
        "no batchEvents: a fan-out derives its event ids from one triggering event",
      );
    }
  }
  const {
    options: checked,
    limits,
    defineEventFunction,
  } = checkReadyMadeOptions(options, { own: fanOutOwnOptions });
  const {
    fanOut,
    pages,
    key,
    chunkSize: rawChunkSize,
    returnIds: rawReturnIds,
    limits: _limits,
    ...functionOptions
  } = checked;
  let handler: ((ctx: never) => Promise<FanOutResult>) | undefined;
  // The function options (id, on, sends, retries, …) are checked by @jobkit/functions first, so every
  // later message can name the function.
  const definition = (defineEventFunction as (options: object) => FanOutDefinition<unknown>)({
    ...functionOptions,
    handler: async (ctx: never) => finish(await (handler as (ctx: never) => Promise<FanOutResult>)(ctx)),
  });
  const id = definition.id;
  const fail = configFailure(id);

  const definitions = checkSendsList(id, definition.sends);
  const chunkSize = checkChunkSize(id, rawChunkSize, limits);
  if (rawReturnIds !== undefined && typeof rawReturnIds !== "boolean") {
    fail("returnIds", rawReturnIds, "true or false", { example: "false" });
  }
  const returnIds = rawReturnIds !== false;

  requireOneOf(fail, ["fanOut", fanOut], ["pages", pages], {
    expected: "either fanOut (a function returning the events) or pages ({ fetch, toEvents })",
    example: "fanOut: (event) => [emailSend.create({ … })]",
  });

  if (fanOut !== undefined) {
    if (typeof fanOut !== "function") {
      fail("fanOut", fanOut, "a function of the triggering event that returns the events", {
        example: "(event) => [userProfileCreate.create({ … })]",
      });
    }
    if (key !== undefined && typeof key !== "function") {
      fail("key", key, "a function returning the stable key of an event", {
        example: "(event) => event.data.userId",
      });
    }
    handler = createListHandler({
      functionId: id,
      definitions,
      limits,
      chunkSize,
      returnIds,
      fanOut: fanOut as never,
      key: key as never,
    });
  } else {
    if (key !== undefined) {
      fail("key", key, "pages.key with pages: the key of an item", {
        example: "pages: { …, key: (user) => user.id }",
      });
    }
    const source = pages as RawPages;
    if (typeof source !== "object" || source === null) {
      fail("pages", source, "{ fetch, toEvents, key?, maxPages? }", {
        example: "{ fetch: (cursor) => db.users.page(cursor), toEvents: (user) => … }",
      });
    }
    if (typeof source.fetch !== "function") {
      fail("pages.fetch", source.fetch, "a function (cursor, { event, page }) returning { items, next }", {
        example: "(cursor) => db.users.page({ cursor, limit: 1000 })",
      });
    }
    if (typeof source.toEvents !== "function") {
      fail("pages.toEvents", source.toEvents, "a function (item, event) returning the item's events", {
        example: "(user) => emailSend.create({ … })",
      });
    }
    if (source.key !== undefined && typeof source.key !== "function") {
      fail("pages.key", source.key, "a function returning the stable key of an item", {
        example: "(user) => user.id",
      });
    }
    // Every page takes at least two steps: its fetch and one send.
    const pageLimit = Math.floor(limits.maxStepsPerRun / 2);
    const maxPages = source.maxPages ?? pageLimit;
    if (typeof maxPages !== "number" || !Number.isInteger(maxPages) || maxPages < 1 || maxPages > pageLimit) {
      fail("pages.maxPages", maxPages, `a whole number from 1 to ${pageLimit}`, {
        example: String(Math.min(100, pageLimit)),
        details:
          typeof maxPages === "number" && maxPages > pageLimit
            ? [
                `${maxPages} pages take at least ${maxPages * 2} steps (a fetch and a send each); the limit is ${limits.maxStepsPerRun} steps per run`,
              ]
            : [],
      });
    }
    handler = createPagesHandler({
      functionId: id,
      definitions,
      limits,
      chunkSize,
      returnIds,
      maxPages: maxPages as number,
      fetch: source.fetch as never,
      toEvents: source.toEvents as never,
      key: source.key as never,
    });
  }
  return definition as FanOutDefinition<unknown, TOutput>;
}

/**
 * Declares a job that turns one event into many: `fanOut` returns the events (or `pages` reads them
 * page by page), and the job sends them with `step.sendEvent` in chunks (1000 events by default and at
 * most 512 KiB per request, one step each), every event with an id derived from the trigger's id, so
 * retries and replays never send twice. Plans that would break Inngest's step, size or state limits are
 * refused before anything is sent.
 *
 * @example Announce a release to every member of a team
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { emailSend } from "@jobkit/events/standard";
 * import { defineFanOut } from "@jobkit/fan-out";
 *
 * const releasePublished = defineEvent("app/release.published", {
 *   schema: z.object({ version: z.string(), members: z.array(z.object({ userId: z.string(), email: z.email() })) }),
 * });
 *
 * export const announceRelease = defineFanOut({
 *   id: "announce-release",
 *   on: releasePublished,
 *   sends: [emailSend],
 *   fanOut: (event) =>
 *     event.data.members.map((member) => ({
 *       name: "email/send" as const,
 *       data: {
 *         to: member.email,
 *         template: "release-notes",
 *         subject: `What's new in ${event.data.version}`,
 *         metadata: { userId: member.userId },
 *       },
 *     })),
 *   key: (email) => email.data.metadata?.userId ?? "",
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/fan-out/README.md
 */
export const defineFanOut: DefineFanOut = ((options: object) =>
  createFanOut(options, (result) => result)) as unknown as DefineFanOut;
