import { type CatalogMarkdownOptions, catalogToMarkdown } from "./catalog-to-markdown";
import type {
  AnyEventDefinition,
  CreatedEvent,
  CreateEventOptions,
  EventSchema,
  InferEventData,
  JsonSchema,
} from "./define-event";
import { EventError } from "./event-error";
import { suggestNames } from "./internal/suggest-names";
import { renderReceived, type SafeParseResult } from "./validate-with-schema";

/**
 * The definition of the event called `TName` among `TEvents`.
 *
 * @example Pick one definition out of a list
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import type { DefinitionNamed } from "@jobkit/events/internal";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });
 * type Deleted = DefinitionNamed<[typeof userCreated, typeof userDeleted], "user/deleted">;
 * ```
 */
export type DefinitionNamed<TEvents extends readonly AnyEventDefinition[], TName extends string> = Extract<
  TEvents[number],
  { readonly name: TName }
>;

/**
 * The data type of an event definition.
 *
 * @example Data of a definition
 * ```ts
 * import { z } from "zod";
 * import { type DataOf, defineEvent } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * type UserCreatedData = DataOf<typeof userCreated>; // { userId: string }
 * ```
 */
export type DataOf<TDefinition> = TDefinition extends { readonly schema: infer TSchema extends EventSchema }
  ? InferEventData<TSchema>
  : never;

/** An event: a name and its data. */
interface EventEnvelope<TName extends string = string, TData = unknown> {
  readonly name: TName;
  readonly data: TData;
}

/**
 * A typed event of the catalog: the union of `{ name, data }` over every event, narrowed by `name`.
 *
 * @example Switch over parsed events
 * ```ts
 * import { z } from "zod";
 * import { type CatalogEnvelope, defineEvent } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const orderPlaced = defineEvent("order/placed", { schema: z.object({ orderId: z.string() }) });
 *
 * function describe(event: CatalogEnvelope<[typeof userCreated, typeof orderPlaced]>): string {
 *   return event.name === "user/created" ? event.data.userId : event.data.orderId;
 * }
 * ```
 */
export type CatalogEnvelope<TEvents extends readonly AnyEventDefinition[]> = {
  [TEvent in TEvents[number] as TEvent["name"]]: EventEnvelope<
    TEvent["name"],
    InferEventData<TEvent["schema"]>
  >;
}[TEvents[number]["name"]];

/**
 * A set of event definitions with unique names: lookup, validation by name and docs for all of them.
 *
 * @example Accept any catalog
 * ```ts
 * import type { Catalog } from "@jobkit/events";
 *
 * function eventReference(catalog: Catalog): string {
 *   return catalog.toMarkdown({ title: "Events" });
 * }
 * ```
 */
export interface Catalog<TEvents extends readonly AnyEventDefinition[] = readonly AnyEventDefinition[]> {
  readonly kind: "jobkit.catalog";
  /** The definitions, in the order given. */
  readonly events: TEvents;
  /** Every event name, in the order given. */
  readonly names: readonly TEvents[number]["name"][];
  /** The definition for a name. */
  get<TName extends TEvents[number]["name"]>(name: TName): DefinitionNamed<TEvents, TName>;
  /** Whether the catalog defines `name`; narrows it to a catalog name. */
  has(name: string): name is TEvents[number]["name"];
  /**
   * Validates any event by its name; throws {@link EventError} with code `unknown-event` for names not in
   * the catalog, `invalid-data` for bad data and `invalid-envelope` when `event` is not `{ name, data }`.
   */
  parse(event: { readonly name: string; readonly data?: unknown }): CatalogEnvelope<TEvents>;
  /** Like {@link Catalog.parse} but returns the data validation outcome; unknown names and malformed envelopes still throw. */
  safeParse(event: {
    readonly name: string;
    readonly data?: unknown;
  }): SafeParseResult<CatalogEnvelope<TEvents>>;
  /** Builds a validated event by name, ready for `inngest.send`. */
  create<TName extends TEvents[number]["name"]>(
    name: TName,
    data: DataOf<DefinitionNamed<TEvents, TName>>,
    options?: CreateEventOptions,
  ): CreatedEvent<TName, DataOf<DefinitionNamed<TEvents, TName>>>;
  /** One JSON Schema document: a `oneOf` over every event's `{ name, data, v }`. */
  toJSONSchema(): JsonSchema;
  /**
   * An event reference in Markdown: a table of every event (name, version, description), then each
   * event's data fields with their types and whether they are required.
   */
  toMarkdown(options?: CatalogMarkdownOptions): string;
}

/**
 * Groups event definitions into a catalog; rejects two definitions with the same name.
 *
 * @example A catalog of two events
 * ```ts
 * import { z } from "zod";
 * import { defineCatalog, defineEvent } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });
 * export const catalog = defineCatalog([userCreated, userDeleted]);
 *
 * catalog.create("user/created", { userId: "u_1" });
 * ```
 */
export function defineCatalog<const TEvents extends readonly AnyEventDefinition[]>(
  events: TEvents,
): Catalog<TEvents> {
  assertDefinitionList(events);
  const byName = new Map<string, AnyEventDefinition>();
  events.forEach((definition, index) => {
    const existing = byName.get(definition.name);
    if (existing) {
      const first = events.indexOf(existing);
      throw new EventError({
        code: "invalid-definition",
        eventName: definition.name,
        message:
          `Duplicate event "${definition.name}" in catalog: entries ${first} (v${existing.version}) and ${index} (v${definition.version})\n` +
          "  expected: one definition per name; to evolve an event, bump its version instead of adding a second one",
      });
    }
    byName.set(definition.name, definition);
  });
  const names = events.map((definition) => definition.name);
  // `parse` is the hot path for incoming events: one map lookup straight to the bound validator.
  const parsers = new Map(events.map((definition) => [definition.name, definition.parse] as const));

  const unknown = (name: string): EventError =>
    new EventError({
      code: "unknown-event",
      eventName: name,
      suggestions: suggestNames(name, names, { related: sameNamespace(name) }),
    });
  const lookup = (name: unknown): AnyEventDefinition => {
    const checked = checkName(name, "name");
    const definition = byName.get(checked);
    if (!definition) throw unknown(checked);
    return definition;
  };

  type Envelope = CatalogEnvelope<TEvents>;
  const catalog: Catalog<TEvents> = {
    kind: "jobkit.catalog",
    events,
    names,
    get: (name) => lookup(name) as never,
    has: (name): name is TEvents[number]["name"] => typeof name === "string" && byName.has(name),
    safeParse: (event) => {
      const name = envelopeName(event);
      const result = lookup(name).safeParse(event.data);
      return result.success ? { success: true, data: { name, data: result.data } as Envelope } : result;
    },
    parse: (event) => {
      const name = envelopeName(event);
      const parse = parsers.get(name);
      if (parse === undefined) throw unknown(name);
      return { name, data: parse(event.data) } as Envelope;
    },
    create: (name, data, options) => lookup(name).create(data, options) as never,
    toJSONSchema: () => ({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "Event catalog",
      oneOf: events.map((definition) => ({
        title: definition.name,
        ...(definition.description ? { description: definition.description } : {}),
        type: "object",
        properties: {
          name: { const: definition.name },
          v: { const: definition.version },
          data: stripDialect(definition.toJSONSchema()),
        },
        required: ["name", "data"],
      })),
    }),
    toMarkdown: (options) => catalogToMarkdown(events, options),
  };
  return Object.freeze(catalog);
}

function assertDefinitionList(events: unknown): asserts events is readonly AnyEventDefinition[] {
  const fail = (problem: string, eventName = ""): never => {
    throw new EventError({
      code: "invalid-definition",
      eventName,
      message:
        `Invalid catalog: ${problem}\n` +
        "  expected: an array of definitions made with defineEvent(), e.g. defineCatalog([userCreated, userDeleted])",
    });
  };
  if (!Array.isArray(events)) fail(`received ${renderReceived(events)}, not an array`);
  (events as unknown[]).forEach((entry, index) => {
    const candidate = entry as Partial<AnyEventDefinition> | null;
    if (
      typeof candidate !== "object" ||
      candidate === null ||
      typeof candidate.name !== "string" ||
      typeof candidate.parse !== "function"
    )
      fail(`entry ${index} is ${renderReceived(entry)}, not an event definition`);
  });
}

/** Reads the name of something that should be an event envelope, refusing what is not one. */
function envelopeName(event: unknown): string {
  // Hot path of `catalog.parse`: kept free of the error building below so it stays small enough to inline.
  if (typeof event === "object" && event !== null && !Array.isArray(event)) {
    const name = (event as { readonly name?: unknown }).name;
    if (typeof name === "string") return name;
    return badName(name, "event.name");
  }
  throw new EventError({
    code: "invalid-envelope",
    eventName: "",
    issues: [
      {
        path: "event",
        message: 'expected an object { name, data }, e.g. { name: "user/created", data: { … } }',
        expected: "object",
        received: renderReceived(event),
      },
    ],
  });
}

function checkName(name: unknown, path: string): string {
  return typeof name === "string" ? name : badName(name, path);
}

function badName(name: unknown, path: string): never {
  throw new EventError({
    code: "invalid-envelope",
    eventName: "",
    issues: [
      {
        path,
        message:
          name === undefined
            ? 'required event name is missing; expected a string, e.g. "user/created"'
            : 'expected the event name as a string, e.g. "user/created"',
        expected: "string",
        received: renderReceived(name),
      },
    ],
  });
}

function stripDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/** Names in the same namespace (`user/…`) are worth suggesting even when further apart. */
function sameNamespace(name: string): (candidate: string) => boolean {
  const namespace = `${name.split("/")[0]}/`;
  return (candidate) => candidate.startsWith(namespace);
}
