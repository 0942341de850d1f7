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
  // A definition that counts its JSON Schema conversions (the costly part of the check).
  const counting = () => {
    const counter = { calls: 0 };
    const definition = {
      ...defineEvent("order/placed", { schema: z.object({ orderId: z.string(), ledgerId: z.string() }) }),
    };
    const convert = definition.toJSONSchema;
    definition.toJSONSchema = () => {
      counter.calls += 1;
      return convert();
    };
    return { definition, counter };
  };

  it("converts an event's schema to JSON Schema once, however many functions check paths against it", () => {
    const { definition, counter } = counting();
    for (const id of ["charge", "ship", "invoice"]) {
      untyped({ id, on: definition, concurrency: { limit: 1, key: "event.data.ledgerId" }, handler });
    }
    expect(counter.calls).toBe(1);
    // Still checked against that one conversion.
    expect(() =>
      untyped({ id: "refund", on: definition, idempotency: "event.data.ordrId", handler }),
    ).toThrowError(/has no field "ordrId"; its fields: orderId, ledgerId/);
    expect(counter.calls).toBe(1);
  });

  it("converts nothing for a function without an event.data key path", () => {
    const { definition, counter } = counting();
    untyped({ id: "plain", on: definition, concurrency: { limit: 5 }, handler });
    untyped({ id: "expression", on: definition, idempotency: cel("event.data.orderId + '-x'"), handler });
    expect(counter.calls).toBe(0);
  });
});
