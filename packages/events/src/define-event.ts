import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type EventType, eventType } from "inngest";
import { z } from "zod";
import { checkCreateOptions } from "./check-create-options";
import { EventError, quoteEventName } from "./event-error";
import { assertEventName, assertEventVersion } from "./event-name-rules";
import { createEventValidator, isZodSchema, type SafeParseResult } from "./validate-with-schema";

/**
 * Any Standard Schema v1 validator whose data is an object, e.g. a `z.object(…)`.
 *
 * @example A schema accepted by defineEvent
 * ```ts
 * import { z } from "zod";
 * import type { EventSchema } from "@jobkit/events";
 *
 * const schema: EventSchema = z.object({ userId: z.string() });
 * ```
 */
export type EventSchema = StandardSchemaV1<Record<string, unknown>>;

/**
 * The data an event definition accepts, inferred from its schema.
 *
 * @example Infer the data of a schema
 * ```ts
 * import { z } from "zod";
 * import type { InferEventData } from "@jobkit/events";
 *
 * const schema = z.object({ userId: z.string(), name: z.string().optional() });
 * type Data = InferEventData<typeof schema>; // { userId: string; name?: string | undefined }
 * ```
 */
export type InferEventData<TSchema extends EventSchema> = StandardSchemaV1.InferInput<TSchema>;

/**
 * Options for {@link EventDefinition.create}.
 *
 * @example A deduplicated event
 * ```ts
 * import type { CreateEventOptions } from "@jobkit/events";
 *
 * const options: CreateEventOptions = { id: "signup-u_1", ts: Date.parse("2025-01-31T09:30:00Z") };
 * ```
 */
export interface CreateEventOptions {
  /** Event id; Inngest deduplicates events with the same id for 24 hours. */
  readonly id?: string;
  /** Timestamp in milliseconds since the epoch; defaults to the time Inngest receives the event. */
  readonly ts?: number;
}

/**
 * An event built by {@link EventDefinition.create}: already validated, ready for `inngest.send`.
 *
 * @example Keep a created event for later
 * ```ts
 * import { z } from "zod";
 * import { type CreatedEvent, defineEvent } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const pending: CreatedEvent<"user/created", { userId: string }>[] = [userCreated.create({ userId: "u_1" })];
 * ```
 */
export interface CreatedEvent<TName extends string, TData> {
  name: TName;
  data: TData;
  id?: string;
  ts?: number;
  v?: string;
  /** Kept for compatibility with Inngest's `EventType.create`; the data was validated on creation. */
  validate: () => Promise<void>;
}

/**
 * The JSON Schema (draft 2020-12) document of an event's data.
 *
 * @example Export an event's schema
 * ```ts
 * import { z } from "zod";
 * import { defineEvent, type JsonSchema } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const schema: JsonSchema = userCreated.toJSONSchema(); // { type: "object", properties: { userId: … } }
 * ```
 */
export type JsonSchema = Record<string, unknown>;

/**
 * What {@link defineEvent} takes besides the name.
 *
 * @example Options kept apart from the call
 * ```ts
 * import { z } from "zod";
 * import { type DefineEventOptions, defineEvent } from "@jobkit/events";
 *
 * const schema = z.object({ userId: z.string() });
 * const options: DefineEventOptions<typeof schema> = {
 *   schema,
 *   version: "2.0.0",
 *   description: "A user account was deleted.",
 *   examples: [{ userId: "u_1" }],
 * };
 * export const userDeleted = defineEvent("user/deleted", options);
 * ```
 */
export interface DefineEventOptions<TSchema extends EventSchema> {
  /** Validator for `event.data`: a zod 4 object schema, or any Standard Schema v1 validator. */
  readonly schema: TSchema;
  /** Semver version of the data shape, sent as the event's `v`. Defaults to `"1.0.0"`. */
  readonly version?: string;
  /** One sentence for the generated event reference. */
  readonly description?: string;
  /** Valid sample data, used in docs and checked against the schema at definition time. */
  readonly examples?: readonly InferEventData<TSchema>[];
}

/**
 * A jobkit event definition. It **is** an Inngest v4 `EventType` (use it in `triggers`, `cancelOn`,
 * `waitForEvent` and `inngest.send(def.create(…))`) with synchronous validation and docs on top.
 *
 * @example Use a definition as an Inngest trigger
 * ```ts
 * import { Inngest } from "inngest";
 * import { z } from "zod";
 * import { defineEvent, type EventDefinition } from "@jobkit/events";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const trigger: EventDefinition<"user/created"> = userCreated;
 *
 * const inngest = new Inngest({ id: "app" });
 * export const welcome = inngest.createFunction(
 *   { id: "welcome", triggers: [userCreated] },
 *   async ({ event }) => `welcome ${event.data.userId} (${trigger.version})`,
 * );
 * ```
 */
export interface EventDefinition<TName extends string = string, TSchema extends EventSchema = EventSchema>
  extends Omit<EventType<TName, TSchema>, "create" | "name" | "event" | "schema" | "version"> {
  readonly name: TName;
  readonly event: TName;
  readonly schema: TSchema;
  readonly version: string;
  readonly description: string | undefined;
  readonly examples: readonly InferEventData<TSchema>[];
  /** Validates data and returns it typed, or throws {@link EventError} (`invalid-data`). */
  parse(data: unknown): InferEventData<TSchema>;
  /** Validates data without throwing. */
  safeParse(data: unknown): SafeParseResult<InferEventData<TSchema>>;
  /** Builds an event to send; validates synchronously and throws {@link EventError} (`invalid-data`) on bad data. */
  create(
    data: InferEventData<TSchema>,
    options?: CreateEventOptions,
  ): CreatedEvent<TName, InferEventData<TSchema>>;
  /** The JSON Schema of `data`; throws when the schema is not zod and cannot be converted. */
  toJSONSchema(): JsonSchema;
}

/**
 * Any event definition, whatever its name and schema.
 *
 * @example A helper over any definition
 * ```ts
 * import type { AnyEventDefinition } from "@jobkit/events";
 *
 * function label(definition: AnyEventDefinition): string {
 *   return `${definition.name} v${definition.version}`;
 * }
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: the widest definition type must accept every schema.
export type AnyEventDefinition = EventDefinition<string, any>;

/**
 * Declares an event: its name, data schema, version and description, checked at definition time.
 *
 * @param name - `/`-separated lower-case segments, e.g. `"user/created"`.
 *
 * @example Declare and send an event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 *
 * export const userCreated = defineEvent("user/created", {
 *   version: "1.0.0",
 *   description: "A user account was created.",
 *   schema: z.object({ userId: z.string(), email: z.email(), name: z.string().optional() }),
 * });
 *
 * const event = userCreated.create({ userId: "u_1", email: "ada@example.com" });
 * // await inngest.send(event);
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/docs/guide/events.md
 */
export function defineEvent<const TName extends string, TSchema extends EventSchema>(
  name: TName,
  options: DefineEventOptions<TSchema>,
): EventDefinition<TName, TSchema> {
  assertEventName(name);
  if (typeof options !== "object" || options === null) {
    throw new EventError({
      code: "invalid-definition",
      eventName: name,
      message:
        `Invalid options for event "${name}": received ${quoteEventName(options)}\n` +
        "  expected: { schema, version?, description?, examples? }, e.g. { schema: z.object({ userId: z.string() }) }",
    });
  }
  const { schema, version = "1.0.0", description, examples = [] } = options;
  assertEventVersion(name, version);
  if (description !== undefined && typeof description !== "string") {
    throw new EventError({
      code: "invalid-definition",
      eventName: name,
      message: `Invalid description for event "${name}": received ${quoteEventName(description)}\n  expected: one sentence as a string`,
    });
  }
  if (!Array.isArray(examples)) {
    throw new EventError({
      code: "invalid-definition",
      eventName: name,
      message: `Invalid examples for event "${name}": received ${quoteEventName(examples)}\n  expected: an array of sample data, e.g. [{ userId: "usr_1" }]`,
    });
  }
  if (typeof schema !== "object" || schema === null || !("~standard" in schema)) {
    throw new EventError({
      code: "invalid-definition",
      eventName: name,
      message:
        `Invalid schema for event "${name}": received ${schema === null ? "null" : typeof schema}\n` +
        "  expected: a Standard Schema v1 validator for the event data, e.g. z.object({ userId: z.string() })",
    });
  }

  type TData = InferEventData<TSchema>;
  const { parse, safeParse } = createEventValidator<TData>(schema, name, version);

  examples.forEach((example, index) => {
    const result = safeParse(example);
    if (!result.success) {
      throw new EventError(
        {
          code: "invalid-definition",
          eventName: name,
          version,
          issues: result.error.issues,
          message: `Example ${index} of event "${name}" does not match its schema\n  ${result.error.message}`,
        },
        { cause: result.error },
      );
    }
  });

  // biome-ignore lint/suspicious/noExplicitAny: Inngest's transform guard is re-stated by EventSchema.
  const base = eventType(name, { schema: schema as any, version }) as EventType<TName, TSchema>;

  const create = (data: TData, options?: CreateEventOptions): CreatedEvent<TName, TData> => {
    // Options are checked before the data, so a bad id or ts is reported even when the data is bad too.
    if (options !== undefined) checkCreateOptions(name, version, options);
    const valid = parse(data);
    const event: CreatedEvent<TName, TData> = {
      name,
      data: valid,
      v: version,
      validate: async () => {
        parse(valid);
      },
    };
    if (options !== undefined) {
      if (options.id !== undefined) event.id = options.id;
      if (options.ts !== undefined) event.ts = options.ts;
    }
    return event;
  };

  const toJSONSchema = (): JsonSchema => {
    if (!isZodSchema(schema)) {
      throw new EventError({
        code: "invalid-definition",
        eventName: name,
        version,
        message:
          `Cannot export a JSON Schema for event "${name}": its schema is not a zod schema\n` +
          "  expected: a zod 4 schema (other Standard Schema validators are accepted for validation only)",
      });
    }
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  };

  return Object.freeze(
    Object.assign(base, { version, description, examples, parse, safeParse, create, toJSONSchema }),
  ) as unknown as EventDefinition<TName, TSchema>;
}
