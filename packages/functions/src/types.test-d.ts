import { defineCatalog, defineEvent } from "@jobkit/events";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { EventOfDefinition, OutputOfDefinition } from "./function-definition";
import {
  cel,
  type Duration,
  defineCronFunction,
  defineEventFunction,
  defineStepFunction,
  type ReceivedEvent,
  type ReceivedEventOf,
} from "./index";
import type { KeyPath } from "./key-paths";

const userCreated = defineEvent("user/created", {
  schema: z.object({
    userId: z.string(),
    email: z.string(),
    profile: z.object({ country: z.string(), address: z.object({ city: z.string() }).optional() }),
    tags: z.array(z.string()),
  }),
});
const userDeleted = defineEvent("user/deleted", {
  schema: z.object({ userId: z.string(), reason: z.string() }),
});
const orderPlaced = defineEvent("order/placed", {
  schema: z.object({ orderId: z.string(), amount: z.number() }),
});

describe("event data inference", () => {
  it("types event.data from the trigger's schema", () => {
    defineEventFunction({
      id: "welcome",
      on: userCreated,
      handler: ({ event, events, attempt, runId, step }) => {
        expectTypeOf(event.name).toEqualTypeOf<"user/created">();
        expectTypeOf(event.data.userId).toEqualTypeOf<string>();
        expectTypeOf(event.data.profile.address).toEqualTypeOf<{ city: string } | undefined>();
        expectTypeOf(events[0].data.email).toEqualTypeOf<string>();
        expectTypeOf(attempt).toEqualTypeOf<number>();
        expectTypeOf(runId).toEqualTypeOf<string>();
        expectTypeOf(step.run).toBeFunction();
        // @ts-expect-error -- not in the schema
        event.data.usrId;
      },
    });
  });

  it("gives a union discriminated by name for several triggers", () => {
    defineEventFunction({
      id: "audit",
      on: [userCreated, userDeleted],
      handler: ({ event }) => {
        expectTypeOf(event.name).toEqualTypeOf<"user/created" | "user/deleted">();
        if (event.name === "user/deleted") expectTypeOf(event.data.reason).toEqualTypeOf<string>();
        else expectTypeOf(event.data.email).toEqualTypeOf<string>();
      },
    });
  });

  it("types the events of a batch function", () => {
    defineEventFunction({
      id: "bulk",
      on: orderPlaced,
      batchEvents: { maxSize: 100, timeout: "5s" },
      handler: ({ events }) => {
        expectTypeOf(events.map((event) => event.data.amount)).toEqualTypeOf<number[]>();
      },
    });
  });

  it("types string names through a catalog", () => {
    const catalog = defineCatalog([userCreated, orderPlaced]);
    type Received = ReceivedEventOf<"order/placed", typeof catalog>;
    expectTypeOf<Received>().toEqualTypeOf<
      ReceivedEvent<"order/placed", { orderId: string; amount: number }>
    >();
    expectTypeOf<ReceivedEventOf<"other/event", typeof catalog>["data"]>().toEqualTypeOf<
      Record<string, unknown>
    >();
  });

  it("types onFailure's original event and the definition's event and output", () => {
    const welcome = defineEventFunction({
      id: "welcome",
      on: userCreated,
      handler: async () => ({ sent: true }),
      onFailure: ({ event, error, failure }) => {
        expectTypeOf(event.data.email).toEqualTypeOf<string>();
        expectTypeOf(error).toEqualTypeOf<Error>();
        expectTypeOf(failure.runId).toEqualTypeOf<string>();
      },
    });
    expectTypeOf<OutputOfDefinition<typeof welcome>>().toEqualTypeOf<{ sent: boolean }>();
    expectTypeOf<EventOfDefinition<typeof welcome>["name"]>().toEqualTypeOf<"user/created">();
  });

  it("types the timer event of a cron function", () => {
    defineCronFunction({
      id: "nightly",
      cron: "0 3 * * *",
      handler: ({ event }) => {
        expectTypeOf(event.name).toEqualTypeOf<"inngest/scheduled.timer">();
        expectTypeOf(event.data.cron).toEqualTypeOf<string>();
      },
    });
  });
});

describe("key paths", () => {
  it("lists envelope fields and data paths, stopping at arrays", () => {
    type Paths = KeyPath<ReceivedEventOf<typeof userDeleted>>;
    expectTypeOf<Paths>().toEqualTypeOf<
      "event.name" | "event.id" | "event.ts" | "event.v" | "event.data.userId" | "event.data.reason"
    >();
    expectTypeOf<"event.data.tags">().toExtend<KeyPath<ReceivedEventOf<typeof userCreated>>>();
    expectTypeOf<"event.data.tags.0">().not.toExtend<KeyPath<ReceivedEventOf<typeof userCreated>>>();
  });

  it("keeps only the paths every trigger event has", () => {
    type Paths = KeyPath<ReceivedEventOf<[typeof userCreated, typeof userDeleted]>>;
    expectTypeOf<"event.data.userId">().toExtend<Paths>();
    expectTypeOf<"event.data.reason">().not.toExtend<Paths>();
  });

  it("accepts valid paths and cel() everywhere a key goes", () => {
    defineEventFunction({
      id: "keys",
      on: userCreated,
      concurrency: [
        { limit: 5, key: "event.data.userId" },
        { limit: 50, key: cel('"global"') },
      ],
      throttle: { limit: 1, period: "1m", key: "event.data.profile.country" },
      rateLimit: { limit: 1, period: "1h", key: "event.data.profile.address.city" },
      debounce: { period: "5m", key: "event.data.email" },
      singleton: { mode: "skip", key: "event.data.userId" },
      idempotency: "event.data.userId",
      cancelOn: [{ event: userDeleted, match: "data.userId" }],
      handler: () => undefined,
    });
  });

  it("rejects a wrong key path with a readable message", () => {
    defineEventFunction({
      id: "bad-concurrency",
      on: userCreated,
      // @ts-expect-error -- concurrency.key: key path "event.data.usrId" is not in the schema of "user/created"
      concurrency: { limit: 5, key: "event.data.usrId" },
      handler: () => undefined,
    });
    defineEventFunction({
      id: "bad-throttle",
      on: userCreated,
      // @ts-expect-error -- throttle.key: not in the schema
      throttle: { limit: 1, period: "1m", key: "event.data.profile.county" },
      handler: () => undefined,
    });
    defineEventFunction({
      id: "bad-idempotency",
      on: userCreated,
      // @ts-expect-error -- idempotency: not in the schema
      idempotency: "event.data.id",
      handler: () => undefined,
    });
    defineEventFunction({
      id: "bad-batch",
      on: userCreated,
      // @ts-expect-error -- batchEvents.key: not in the schema
      batchEvents: { maxSize: 10, timeout: "5s", key: "event.data.user" },
      handler: () => undefined,
    });
    defineEventFunction({
      id: "bad-rate-limit",
      on: [userCreated, userDeleted],
      // @ts-expect-error -- rateLimit.key: "reason" is only in user/deleted
      rateLimit: { limit: 1, period: "1h", key: "event.data.reason" },
      handler: () => undefined,
    });
    defineEventFunction({
      id: "bad-match",
      on: userCreated,
      // @ts-expect-error -- cancelOn[0].match: "data.reason" is not in user/created
      cancelOn: [{ event: userDeleted, match: "data.reason" }],
      handler: () => undefined,
    });
    defineEventFunction({
      id: "bad-second-concurrency",
      on: userCreated,
      // @ts-expect-error -- concurrency[1].key: not in the schema
      concurrency: [
        { limit: 5, key: "event.data.userId" },
        { limit: 5, key: "event.data.usrId" },
      ],
      handler: () => undefined,
    });
  });

  it("rejects an unknown option name", () => {
    defineEventFunction({
      id: "typo",
      on: userCreated,
      // @ts-expect-error -- unknown option "concurency"
      concurency: 5,
      handler: () => undefined,
    });
  });

  it("stays cheap on a schema of 30 fields nested 4 deep", () => {
    const leaf = z.object({ a: z.string(), b: z.number(), c: z.boolean(), d: z.string(), e: z.string() });
    const level3 = z.object({ x: leaf, y: leaf, z: z.string(), w: z.number(), v: z.string() });
    const level2 = z.object({ p: level3, q: level3, r: z.string(), s: z.number(), t: z.string() });
    const big = defineEvent("big/event", {
      schema: z.object({
        one: level2,
        two: level2,
        three: z.string(),
        four: z.number(),
        five: z.string(),
        six: z.string(),
      }),
    });
    defineEventFunction({
      id: "big",
      on: big,
      concurrency: { limit: 1, key: "event.data.one.p.x.a" },
      handler: ({ event }) => event.data.two.q.y.e,
    });
    defineEventFunction({
      id: "too-deep",
      on: big,
      // @ts-expect-error -- paths stop 4 levels below data
      throttle: { limit: 1, period: "1m", key: "event.data.one.p.x.a.b" },
      handler: () => undefined,
    });
  });
});

describe("step functions", () => {
  it("accumulates each step's result type for the steps after it and the output", () => {
    const processOrder = defineStepFunction({
      id: "process-order",
      on: orderPlaced,
      steps: (chain) =>
        chain
          .step("validate", ({ event }) => ({ amount: event.data.amount, at: new Date() }))
          .step("charge", async ({ results }) => {
            expectTypeOf(results.validate.amount).toEqualTypeOf<number>();
            // Step results are JSON: a Date comes back as a string.
            expectTypeOf(results.validate.at).toEqualTypeOf<string>();
            // @ts-expect-error -- "receipt" has not run yet
            results.receipt;
            return { chargeId: "ch_1" };
          })
          .step("receipt", ({ results }) => `receipt for ${results.charge.chargeId}`),
    });
    expectTypeOf<OutputOfDefinition<typeof processOrder>>().toEqualTypeOf<{
      validate: { amount: number; at: string };
      charge: { chargeId: string };
      receipt: string;
    }>();
  });

  it("rejects a repeated step id", () => {
    defineStepFunction({
      id: "repeat",
      on: orderPlaced,
      // @ts-expect-error -- step id "a" is already used
      steps: (chain) => chain.step("a", () => 1).step("a", () => 2),
    });
  });
});

describe("durations", () => {
  it("accepts a number and one unit only", () => {
    expectTypeOf<"30s">().toExtend<Duration>();
    expectTypeOf<"1.5h">().toExtend<Duration>();
    expectTypeOf<"5 minutes">().not.toExtend<Duration>();
    expectTypeOf<"5ms">().not.toExtend<Duration>();
  });
});
