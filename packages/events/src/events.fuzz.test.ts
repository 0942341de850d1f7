import fc from "fast-check";
import { Inngest, NonRetriableError } from "inngest";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { bestTimeMs, fuzzContract, fuzzRuns as numRuns } from "../../../scripts/fuzz/contract";
import {
  type AnyEventDefinition,
  type Catalog,
  catalogValidation,
  defineCatalog,
  defineEvent,
  EventError,
} from "./index";
import { standardCatalog } from "./standard";

// issue 18: every boundary of @jobkit/events that takes user input, fed valid, invalid and arbitrary
// input. The contract: valid input is accepted unchanged; anything else is refused with an EventError
// whose message says what, expected and received in bounded length; never a bare TypeError, never a hang,
// never prototype pollution. ≤ 200 runs per property in CI; FUZZ_RUNS runs more locally.
const maxMessageLength = 4000;

const contract = fuzzContract({
  packageName: "@jobkit/events",
  breach: (error) =>
    error instanceof EventError && wellFormed(error) ? undefined : "not a well-formed EventError",
});
/** Runs one call at a boundary: accepted, or refused with a well-formed EventError; anything else fails. */
const attempt = contract.attempt;

/** `safeParse` refuses by returning `{ success: false }`. */
const succeeded = (result: { success: boolean }) => result.success;

/** Incoming events that fail fail the run for good: a NonRetriableError whose cause is the EventError. */
async function attemptAsync(boundary: string, call: () => Promise<unknown>): Promise<unknown> {
  const outcome = await contract.attemptAsync(boundary, async () => {
    try {
      return await call();
    } catch (error) {
      throw error instanceof NonRetriableError ? error.cause : error;
    }
  });
  return outcome.ok ? undefined : outcome.error;
}

/** What, expected and received, in bounded length. */
function wellFormed(error: EventError): boolean {
  if (error.message.length === 0 || error.message.length > maxMessageLength) return false;
  if (error.code === "invalid-data" || error.code === "invalid-envelope") {
    return (
      error.issues.length > 0 && error.issues.every((issue) => issue.path !== "" && issue.message !== "")
    );
  }
  if (error.code === "unknown-event") return /expected|did you mean/.test(error.message);
  return error.message.includes("expected") || error.message.includes("\n");
}

function notPolluted(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
}

const definitions = standardCatalog.events as readonly AnyEventDefinition[];
const catalog = standardCatalog as unknown as Catalog;
const validEnvelope = fc
  .constantFrom(...definitions)
  .chain((definition) =>
    fc
      .constantFrom(...definition.examples)
      .map((data) => ({ name: definition.name, data: structuredClone(data) })),
  );
const pollutingJson = fc.constantFrom(
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"name":"user/created","data":{"__proto__":{"polluted":1},"userId":"u","email":"a@b.co"}}',
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
  pollutingJson.map((text) => JSON.parse(text) as unknown),
  fc.record({ name: fc.anything({ withBigInt: true }), data: fc.anything() }),
  fc.record({ name: fc.oneof(fc.string(), fc.constantFrom(...catalog.names)), data: fc.jsonValue() }),
  fc.constantFrom(null, undefined, [], "user/created", { data: {} }, { name: 5, data: {} }),
);

describe("catalog.parse and catalog.safeParse", () => {
  it("accept every valid envelope unchanged", () => {
    fc.assert(
      fc.property(validEnvelope, (envelope) => {
        const parsed = attempt("catalog.parse", () => catalog.parse(envelope));
        expect(parsed).toEqual({ ok: true, value: envelope });
        const safe = attempt("catalog.safeParse", () => catalog.safeParse(envelope), succeeded);
        expect(safe).toEqual({ ok: true, value: { success: true, data: envelope } });
      }),
      { numRuns },
    );
  });

  it("refuse anything else with an EventError, never a TypeError, without polluting prototypes", () => {
    fc.assert(
      fc.property(junk, (input) => {
        const parsed = attempt("catalog.parse", () => catalog.parse(input as never));
        const safe = attempt("catalog.safeParse", () => catalog.safeParse(input as never), succeeded);
        if (parsed.ok) expect(safe.ok && safe.value.success).toBe(true);
        if (safe.ok && !safe.value.success) {
          expect(safe.value.error).toBeInstanceOf(EventError);
          expect(wellFormed(safe.value.error)).toBe(true);
        }
        notPolluted();
      }),
      { numRuns },
    );
  });

  it("answers a 256 KiB event name or payload without hanging", async () => {
    const longName = `user/${"x".repeat(256 * 1024)}`;
    const hugeText = "x".repeat(256 * 1024);
    const inputs: unknown[] = [
      { name: longName, data: {} },
      {
        name: "webhook/deliver",
        data: { webhookId: "wh", url: "https://h.example", payload: { text: hugeText } },
      },
      { name: "user/created", data: { userId: hugeText, email: `${hugeText}@example.com` } },
    ];
    for (const input of inputs) {
      const outcome = attempt("catalog.parse", () => catalog.parse(input as never));
      // A loose hang guard (the suggestion search was seconds), not a speed target.
      expect(await bestTimeMs(() => catalog.parse(input as never))).toBeLessThan(50);
      if (!outcome.ok) expect((outcome.error as EventError).message.length).toBeLessThan(maxMessageLength);
    }
    const others: [string, () => unknown][] = [
      ["catalog.create", () => catalog.create(longName as never, {} as never)],
      ["catalog.safeParse", () => catalog.safeParse({ name: longName, data: {} })],
      ["defineEvent", () => defineEvent(longName, { schema: z.object({}) })],
    ];
    for (const [boundary, call] of others) {
      const outcome = attempt(boundary, call);
      expect(await bestTimeMs(call)).toBeLessThan(50);
      expect(outcome.ok).toBe(false);
    }
  });
});

describe("catalog.create", () => {
  const options = fc.record(
    { id: fc.string({ minLength: 1, maxLength: 40 }), ts: fc.integer({ min: 0, max: 2 ** 45 }) },
    { requiredKeys: [] },
  );

  it("builds a valid event unchanged", () => {
    fc.assert(
      fc.property(validEnvelope, options, ({ name, data }, createOptions) => {
        const created = attempt("catalog.create", () =>
          catalog.create(name as never, data as never, createOptions),
        );
        expect(created.ok).toBe(true);
        if (created.ok) expect(created.value).toMatchObject({ name, data, ...createOptions });
      }),
      { numRuns },
    );
  });

  it("refuses bad data or options with an EventError", () => {
    const badOptions = fc.oneof(
      fc.record({
        id: fc.anything({ withBigInt: true }).filter((id) => typeof id !== "string" && id !== undefined),
      }),
      fc.record({
        ts: fc.oneof(
          fc.double().filter((ts) => !Number.isSafeInteger(ts) || ts < 0),
          fc.string(),
        ),
      }),
      fc.constantFrom(null, "id", 5),
    );
    fc.assert(
      fc.property(validEnvelope, badOptions, junk, ({ name, data }, createOptions, badData) => {
        const byOptions = attempt("catalog.create", () =>
          catalog.create(name as never, data as never, createOptions as never),
        );
        expect(byOptions.ok).toBe(false);
        attempt("catalog.create", () => catalog.create(name as never, badData as never));
        attempt("catalog.create", () => catalog.create(badData as never, data as never));
        notPolluted();
      }),
      { numRuns },
    );
  });
});

describe("catalogValidation middleware", () => {
  const client = new Inngest({ id: "fuzz" });
  const strict = new (catalogValidation(catalog, { strict: true }))({ client });
  const lenient = new (catalogValidation(catalog))({ client });

  it("lets valid events through and refuses the rest with an EventError, on send and receive", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(validEnvelope, junk), { minLength: 1, maxLength: 3 }),
        async (events) => {
          const valid = events.every((event) => {
            try {
              catalog.parse(event as never);
              return true;
            } catch {
              return false;
            }
          });
          const sent = await attemptAsync("catalogValidation (send)", async () =>
            strict.transformSendEvent?.({ events } as never),
          );
          expect(sent === undefined).toBe(valid);
          await attemptAsync("catalogValidation (send)", async () =>
            lenient.transformSendEvent?.({ events } as never),
          );
          const [event] = events;
          await attemptAsync("catalogValidation (receive)", async () => {
            await strict.wrapFunctionHandler?.({ ctx: { event, events }, next: async () => "done" } as never);
          });
          notPolluted();
        },
      ),
      { numRuns },
    );
  });
});

describe("defineEvent", () => {
  const schema = z.object({ userId: z.string() });
  const validName = fc
    .array(fc.stringMatching(/^[a-z0-9_.-]{1,12}$/), { minLength: 2, maxLength: 4 })
    .map((segments) => segments.join("/"))
    .filter((name) => !name.startsWith("inngest/"));
  const cyclic = () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    return value;
  };

  it("defines valid events and refuses bad names, versions and options with an EventError", () => {
    fc.assert(
      fc.property(
        fc.oneof(validName, fc.anything({ withBigInt: true }), fc.constant(cyclic())),
        fc.oneof(
          fc.constant(undefined),
          fc.constantFrom("1.0.0", "2.1.0-beta.1"),
          fc.anything({ withBigInt: true }),
        ),
        fc.oneof(fc.constant(schema), fc.anything()),
        (name, version, eventSchema) => {
          const outcome = attempt("defineEvent", () =>
            defineEvent(name as string, { schema: eventSchema as typeof schema, version: version as string }),
          );
          if (outcome.ok) expect(outcome.value.name).toBe(name);
          if (typeof name !== "string") expect(outcome.ok).toBe(false);
        },
      ),
      { numRuns },
    );
  });
});

describe("defineCatalog", () => {
  const a = defineEvent("fuzz/a", { schema: z.object({}) });
  const b = defineEvent("fuzz/b", { schema: z.object({}) });

  it("groups definitions with unique names and refuses anything else with an EventError", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.oneof(fc.constantFrom(a, b), fc.anything()), { maxLength: 4 }), fc.anything()),
        (input) => {
          const outcome = attempt("defineCatalog", () => defineCatalog(input as never));
          const list = Array.isArray(input) ? input : undefined;
          const clean =
            list?.every((entry) => entry === a || entry === b) && new Set(list).size === list.length;
          expect(outcome.ok).toBe(Boolean(clean));
        },
      ),
      { numRuns },
    );
  });
});

afterAll(() => contract.writeReport());
