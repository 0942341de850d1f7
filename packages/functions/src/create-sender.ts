import { type Catalog, type CreateEventOptions, type DataOf, EventError } from "@jobkit/events";
import type { DefinitionNamed } from "@jobkit/events/internal";
import type { Inngest } from "inngest";
import { checkKnownOptions, configFailure } from "./internal/config-failure";
import { JobError } from "./job-error";
import { type InngestLimits, resolveLimits } from "./limits";

/**
 * One event for {@link EventSender.sendMany}: a catalog name, its data and optional id/timestamp.
 *
 * @example Build a list of events for sendMany
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, type SenderEvent } from "@jobkit/functions";
 *
 * const imported = [{ userId: "usr_1", email: "ada@example.com" }];
 * const events: SenderEvent<typeof standardCatalog>[] = imported.map((user) => ({
 *   name: "user/created",
 *   data: user,
 *   id: `import-${user.userId}`,
 * }));
 * await createSender(new Inngest({ id: "shop" }), standardCatalog).sendMany(events);
 * ```
 */
export type SenderEvent<TCatalog extends Catalog> = {
  [TName in TCatalog["names"][number]]: {
    readonly name: TName;
    readonly data: DataOf<DefinitionNamed<TCatalog["events"], TName>>;
    readonly id?: string;
    readonly ts?: number;
  };
}[TCatalog["names"][number]];

/**
 * What a send returns: the ids Inngest assigned, in the order the events were given.
 *
 * @example Return the event id to the caller
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, type SendResult } from "@jobkit/functions";
 *
 * const events = createSender(new Inngest({ id: "shop" }), standardCatalog);
 *
 * export async function signUp(userId: string, email: string): Promise<string | undefined> {
 *   const result: SendResult = await events.send("user/created", { userId, email });
 *   return result.ids[0]; // look the run up by this id in the Inngest dashboard
 * }
 * ```
 */
export interface SendResult {
  readonly ids: readonly string[];
  /** How many requests the events went out in. */
  readonly requests: number;
}

/**
 * Where the sender writes its one line per call; Inngest's `Logger` fits.
 *
 * @example Log sends as JSON lines
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, type SenderLogger } from "@jobkit/functions";
 *
 * const logger: SenderLogger = {
 *   info: (message, fields) => console.log(JSON.stringify({ message, ...fields })),
 * };
 * export const events = createSender(new Inngest({ id: "shop" }), standardCatalog, { logger });
 * ```
 */
export interface SenderLogger {
  info(message: string, fields: Record<string, unknown>): void;
}

/**
 * Options of {@link createSender}.
 *
 * @example A sender for a self-hosted Inngest with larger requests
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, type SenderOptions } from "@jobkit/functions";
 *
 * const options: SenderOptions = { limits: { maxSendRequestBytes: 1024 * 1024 } };
 * export const events = createSender(new Inngest({ id: "shop" }), standardCatalog, options);
 * ```
 */
export interface SenderOptions {
  /** Receives one line per call with event names, counts and ids — never payload data. Defaults to the client's logger. */
  readonly logger?: SenderLogger;
  /** Limit overrides (events per request, request and event bytes) for a self-hosted or upgraded Inngest. */
  readonly limits?: Partial<InngestLimits>;
}

/**
 * A typed, validating event sender bound to a client and a catalog.
 *
 * @example Take a sender as a dependency
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, type EventSender } from "@jobkit/functions";
 *
 * export async function signUp(events: EventSender<typeof standardCatalog>, userId: string, email: string) {
 *   await events.send("user/created", { userId, email }, { id: `signup-${userId}` });
 * }
 * await signUp(createSender(new Inngest({ id: "shop" }), standardCatalog), "usr_1", "ada@example.com");
 * ```
 */
export interface EventSender<TCatalog extends Catalog> {
  /** Validates and sends one event; throws `EventError` (code `invalid-data`, nothing sent) on bad data. */
  send<TName extends TCatalog["names"][number]>(
    name: TName,
    data: DataOf<DefinitionNamed<TCatalog["events"], TName>>,
    options?: CreateEventOptions,
  ): Promise<SendResult>;
  /**
   * Validates every event first, then sends them in as few requests as Inngest's per-request event
   * count and byte limits allow. One invalid or oversize event means nothing is sent. Requests go out
   * in order; if one fails, the ones before it were delivered and a `JobError` with code `send-failed`
   * carries their ids: give events ids so a retry of the whole call is deduplicated by Inngest.
   */
  sendMany(events: readonly SenderEvent<TCatalog>[]): Promise<SendResult>;
}

interface OutgoingEvent {
  name: string;
  data: unknown;
  id?: string;
  ts?: number;
  v?: string;
}

const encoder = /* @__PURE__ */ new TextEncoder();
const byteLength = (value: unknown) => encoder.encode(JSON.stringify(value)).byteLength;
const kib = (bytes: number) => `${Math.round((bytes / 1024) * 10) / 10} KiB`;

function validate(catalog: Catalog, event: SenderEvent<Catalog>, index: number | undefined): OutgoingEvent {
  try {
    const options: CreateEventOptions = {
      ...(event.id === undefined ? {} : { id: event.id }),
      ...(event.ts === undefined ? {} : { ts: event.ts }),
    };
    const { validate: _validate, ...created } = catalog.create(event.name, event.data as never, options);
    return created;
  } catch (error) {
    if (index === undefined || !(error instanceof EventError) || error.code !== "invalid-data") throw error;
    // Name the position in the list, so the caller finds the one bad event among thousands.
    throw new EventError(
      {
        code: "invalid-data",
        eventName: error.eventName,
        version: error.version,
        issues: error.issues.map((issue) => ({ ...issue, path: `events[${index}].${issue.path}` })),
      },
      { cause: error },
    );
  }
}

/** Splits validated events into requests within the count and byte limits; refuses an oversize event. */
function toRequests(events: readonly OutgoingEvent[], limits: InngestLimits): OutgoingEvent[][] {
  const requests: OutgoingEvent[][] = [];
  let current: OutgoingEvent[] = [];
  let currentBytes = 2; // the enclosing JSON array brackets
  events.forEach((event, index) => {
    const bytes = byteLength(event);
    if (bytes > limits.maxEventBytes) {
      throw new EventError({
        code: "invalid-data",
        eventName: event.name,
        version: event.v,
        issues: [
          {
            path: events.length === 1 ? "data" : `events[${index}].data`,
            message: `the event is ${kib(bytes)}, over Inngest's ${kib(limits.maxEventBytes)} event size limit; send an id and load the rest in the function`,
          },
        ],
      });
    }
    const full =
      current.length >= limits.maxEventsPerSend || currentBytes + bytes + 1 > limits.maxSendRequestBytes;
    if (current.length > 0 && full) {
      requests.push(current);
      current = [];
      currentBytes = 2;
    }
    current.push(event);
    currentBytes += bytes + 1;
  });
  if (current.length > 0) requests.push(current);
  return requests;
}

function countByName(events: readonly OutgoingEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) counts[event.name] = (counts[event.name] ?? 0) + 1;
  return counts;
}

/**
 * A typed sender for a client and catalog, the seed's `sendEvent(name, data, options)` and
 * `sendEvents([...])` done right: typed by event name, validated before anything leaves the process,
 * split into requests within Inngest's limits, one structured log line per call without payload data.
 *
 * @example Send typed, validated events
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender } from "@jobkit/functions";
 *
 * const inngest = new Inngest({ id: "shop" });
 * const events = createSender(inngest, standardCatalog);
 *
 * export async function onSignup(userId: string, email: string) {
 *   await events.send("user/created", { userId, email }, { id: `signup-${userId}` });
 * }
 * ```
 */
export function createSender<TCatalog extends Catalog>(
  client: Inngest.Any,
  catalog: TCatalog,
  options: SenderOptions = {},
): EventSender<TCatalog> {
  const fail = configFailure(undefined);
  if (typeof (client as { send?: unknown } | null | undefined)?.send !== "function") {
    fail("client", client, "an Inngest client: new Inngest({ id }) or createInngestClient()");
  }
  if (typeof (catalog as { create?: unknown } | null | undefined)?.create !== "function") {
    fail("catalog", catalog, "a catalog from defineCatalog()", { example: "defineCatalog([userCreated])" });
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail("options", options, "an options object", {
      example: "{ limits: { maxSendRequestBytes: 1048576 } }",
    });
  }
  checkKnownOptions(undefined, options, ["logger", "limits"]);
  if (options.logger !== undefined && typeof options.logger?.info !== "function") {
    fail("logger", options.logger, "an object with an info(message, fields) method", { example: "console" });
  }
  const limits = resolveLimits(options.limits);
  const logger: SenderLogger = options.logger ?? {
    info: (message, fields) => client.logger.info(fields, message),
  };

  const deliver = async (events: OutgoingEvent[]): Promise<SendResult> => {
    const requests = toRequests(events, limits);
    const ids: string[] = [];
    for (const [index, request] of requests.entries()) {
      let result: { ids: readonly string[] };
      try {
        result = await client.send(request as never);
      } catch (error) {
        // The earlier requests were delivered: say which, so the caller does not lose track of them.
        logger.info("jobkit: events partly sent", {
          count: events.length,
          names: countByName(events),
          ids,
          requests: requests.length,
          failedRequest: index,
        });
        throw new JobError(
          {
            code: "send-failed",
            functionId: undefined,
            path: "events",
            received: `request ${index + 1} of ${requests.length} failed: ${error instanceof Error ? error.message : String(error)}`,
            details: [
              `delivered: ${ids.length} of ${events.length} events (their ids are in error.delivery.deliveredIds); later requests were not sent`,
            ],
            expected:
              "Inngest to accept every request; give events ids so that resending the whole call is deduplicated",
            delivery: {
              deliveredIds: ids,
              failedRequest: index,
              requests: requests.length,
              eventCount: events.length,
            },
          },
          { cause: error },
        );
      }
      ids.push(...result.ids);
    }
    logger.info("jobkit: events sent", {
      count: events.length,
      names: countByName(events),
      ids,
      requests: requests.length,
    });
    return { ids, requests: requests.length };
  };

  return {
    send: async (name, data, sendOptions) =>
      deliver([validate(catalog, { name, data, ...sendOptions } as SenderEvent<Catalog>, undefined)]),
    sendMany: async (events) => {
      if (!Array.isArray(events)) {
        throw new TypeError(`sendMany expects an array of { name, data } events, received ${typeof events}`);
      }
      const valid = events.map((event, index) => validate(catalog, event as SenderEvent<Catalog>, index));
      if (valid.length === 0) return { ids: [], requests: 0 };
      return deliver(valid);
    },
  };
}
