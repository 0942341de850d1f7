import { defineEvent } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cel, defineEventFunction, JobError } from "./index";

const userCreated = defineEvent("user/created", {
  schema: z.object({
    userId: z.string(),
    account: z.object({ id: z.string(), region: z.string().optional() }),
    tags: z.record(z.string(), z.string()),
  }),
});
const userDeleted = defineEvent("user/deleted", {
  schema: z.object({ userId: z.string(), reason: z.string() }),
});

// What a JavaScript caller (or a cast) can write: the compile-time key-path check does not apply.
const untyped = (options: Record<string, unknown>) => defineEventFunction(options as never);
const handler = () => undefined;

describe("key paths checked against the event schema at definition time", () => {
  it("refuses a misspelt field, naming the option, the event and its fields", () => {
    const define = () =>
      untyped({
        id: "welcome",
        on: userCreated,
        concurrency: { limit: 1, key: "event.data.usrId" },
        handler,
      });
    expect(define).toThrowError(JobError);
    expect(define).toThrowError(
      /Invalid key path "concurrency.key" for function "welcome": "event.data.usrId"/,
    );
    expect(define).toThrowError(
      /event\.data of event "user\/created" has no field "usrId"; its fields: userId, account, tags/,
    );
    expect(define).toThrowError(/e\.g\. "event\.data\.userId"/);
  });

  it("follows nested objects and reports where the path left the schema", () => {
    expect(() =>
      untyped({
        id: "sync",
        on: userCreated,
        throttle: { limit: 1, period: "1m", key: "event.data.account.regon" },
        handler,
      }),
    ).toThrowError(
      /event\.data\.account of event "user\/created" has no field "regon"; its fields: id, region/,
    );
  });

  it.each([
    ["idempotency", { idempotency: "event.data.userid" }],
    ["rateLimit.key", { rateLimit: { limit: 1, period: "1h", key: "event.data.user" } }],
    ["debounce.key", { debounce: { period: "5s", key: "event.data.uid" } }],
    ["singleton.key", { singleton: { mode: "skip", key: "event.data.id" } }],
    ["batchEvents.key", { batchEvents: { maxSize: 10, timeout: "5s", key: "event.data.user_id" } }],
    ["concurrency[1].key", { concurrency: [{ limit: 5 }, { limit: 1, key: "event.data.userID" }] }],
  ])("checks %s", (path, options) => {
    expect(() => untyped({ id: "job", on: userCreated, handler, ...options })).toThrowError(
      new RegExp(`Invalid key path "${path.replace(/[[\].]/g, "\\$&")}"`),
    );
  });

  it("accepts fields of the schema, open records, event fields outside data, and cel() expressions", () => {
    expect(() =>
      untyped({
        id: "ok",
        on: userCreated,
        concurrency: [
          { limit: 5, key: "event.data.account.id" },
          { limit: 50, key: "event.data.tags.plan" },
        ],
        idempotency: "event.id",
        singleton: { mode: "skip", key: cel("event.data.accountId") },
        handler,
      }),
    ).not.toThrow();
  });

  it("accepts a path that any of several trigger events has", () => {
    expect(() =>
      untyped({ id: "audit", on: [userCreated, userDeleted], idempotency: "event.data.reason", handler }),
    ).not.toThrow();
    expect(() =>
      untyped({ id: "audit", on: [userCreated, userDeleted], idempotency: "event.data.reson", handler }),
    ).toThrowError(/event "user\/created" \/ "user\/deleted"/);
  });

  it("leaves names resolved later through a catalog to the types", () => {
    expect(() =>
      untyped({
        id: "by-name",
        on: "user/created",
        concurrency: { limit: 1, key: "event.data.anything" },
        handler,
      }),
    ).not.toThrow();
  });
});

describe("the key-path check's cost at definition time", () => {
  it("never converts the schema to JSON Schema (the costly part of defining a function)", () => {
    const counter = { calls: 0 };
    const definition = {
      ...defineEvent("order/placed", { schema: z.object({ orderId: z.string(), ledgerId: z.string() }) }),
    };
    const convert = definition.toJSONSchema;
    definition.toJSONSchema = () => {
      counter.calls += 1;
      return convert();
    };
    untyped({ id: "charge", on: definition, concurrency: { limit: 1, key: "event.data.ledgerId" }, handler });
    expect(() =>
      untyped({ id: "refund", on: definition, idempotency: "event.data.ordrId", handler }),
    ).toThrowError(/has no field "ordrId"; its fields: orderId, ledgerId/);
    expect(counter.calls).toBe(0);
  });
});

// The verdict the check gave when it read the schema's input JSON Schema (zod's own conversion): the oracle
// the schema walk must agree with.
type Json = Record<string, unknown>;
function jsonVerdict(schema: Json | undefined, segments: readonly string[]): boolean {
  if (schema === undefined || segments.length === 0) return true;
  const alternatives = [schema.anyOf, schema.oneOf, schema.allOf].find(Array.isArray) as Json[] | undefined;
  if (alternatives !== undefined)
    return alternatives.some((alternative) => jsonVerdict(alternative, segments));
  const properties = schema.properties as Json | undefined;
  if (properties === undefined) return true;
  const [head, ...rest] = segments as [string, ...string[]];
  if (Object.hasOwn(properties, head)) return jsonVerdict(properties[head] as Json, rest);
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) return jsonVerdict(extra as Json, rest);
  return false;
}

describe("the schema walk agrees with the schema's JSON Schema", () => {
  const address = z.object({ city: z.string(), zip: z.string().optional() });
  const schemas: [string, z.ZodType<Record<string, unknown>, Record<string, unknown>>][] = [
    ["nested objects", z.object({ user: z.object({ id: z.string(), address }) })],
    [
      "optional, default, readonly",
      z.object({ user: address.optional(), plan: z.string().default("free"), meta: address.readonly() }),
    ],
    [
      "loose, strict, catch-all",
      z.object({
        loose: z.looseObject({ a: z.string() }),
        strict: z.strictObject({ a: z.string() }),
        rest: z.object({ a: z.string() }).catchall(address),
      }),
    ],
    [
      "unions",
      z.object({
        target: z.union([z.object({ userId: z.string() }), z.object({ teamId: z.string() })]),
        id: z.union([z.string(), z.number()]),
      }),
    ],
    [
      "discriminated union",
      z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("a"), a: z.string() }),
        z.object({ kind: z.literal("b"), b: address }),
      ]),
    ],
    ["intersection", z.intersection(z.object({ a: z.string() }), z.object({ b: address }))],
    [
      "records, arrays, pipes",
      z.object({
        tags: z.record(z.string(), z.string()),
        items: z.array(address),
        raw: z.string().pipe(z.string()),
        parsed: address.transform((value) => value.city),
      }),
    ],
  ];
  const paths = [
    "user",
    "user.id",
    "user.idd",
    "user.address.city",
    "user.address.town",
    "user.city",
    "user.zip",
    "user.street",
    "plan",
    "plan.x",
    "meta.city",
    "meta.town",
    "loose.a",
    "loose.b",
    "strict.a",
    "strict.b",
    "rest.a",
    "rest.b.city",
    "rest.b.town",
    "target.userId",
    "target.teamId",
    "target.orgId",
    "id.x",
    "kind",
    "a",
    "b.city",
    "b.town",
    "c",
    "tags.anything",
    "items.city",
    "raw.x",
    "parsed.city",
    "parsed.town",
  ];
  it.each(schemas)("%s", (label, schema) => {
    const definition = defineEvent(`walk/${label.replace(/[^a-z]+/g, "-")}`, { schema });
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
    for (const path of paths) {
      const expected = jsonVerdict(json, path.split("."));
      const define = () =>
        untyped({ id: "walk", on: definition, idempotency: `event.data.${path}`, handler });
      if (expected) expect(define, path).not.toThrow();
      else expect(define, path).toThrowError(JobError);
    }
  });
});
