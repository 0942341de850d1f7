import { defineCatalog, defineEvent, EventError } from "@jobkit/events";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fuzzContract, fuzzRuns as numRuns } from "../../../scripts/fuzz/contract";
import { recordingClient } from "../test/recording-fetch";
import { testClient } from "../test/support";
import {
  type AnyFunctionDefinition,
  createSender,
  defineCronFunction,
  defineEventFunction,
  defineStepFunction,
  JobError,
  manifest,
  register,
} from "./index";

// issue 18: every boundary of @jobkit/functions that takes user input, fed valid, invalid and arbitrary
// input. The contract: valid input is accepted; anything else is refused with a JobError (EventError for
// event data given to a sender) that says what, expected and received in bounded length; never a bare
// TypeError, never prototype pollution. ≤ 200 runs per property in CI; FUZZ_RUNS runs more locally.
const maxMessageLength = 4000;
// Room for FUZZ_RUNS in the thousands; the default runs finish in well under a second per property.
const timeout = Math.max(10_000, numRuns * 20);

function wellFormed(error: unknown): boolean {
  if (error instanceof JobError) {
    return (
      error.message.length <= maxMessageLength &&
      error.expected !== "" &&
      error.received !== "" &&
      error.message.includes("expected: ")
    );
  }
  return error instanceof EventError && error.message.length <= maxMessageLength;
}

const contract = fuzzContract({
  packageName: "@jobkit/functions",
  breach: (error) => (wellFormed(error) ? undefined : "not a well-formed JobError or EventError"),
});
/** Runs one call at a boundary: accepted, or refused with a well-formed error; anything else fails the property. */
const attempt = contract.attempt;
const attemptAsync = async (boundary: string, call: () => Promise<unknown>): Promise<boolean> =>
  (await contract.attemptAsync(boundary, call)).ok;

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), email: z.email() }),
});
const catalog = defineCatalog([userCreated]);
const handler = async () => "done";

// Values of every JSON-ish and JS-only shape, including long strings and prototype keys.
const anything = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, 1e21, "", " ", "__proto__"),
  fc.func(fc.anything()),
);
const dangerousKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty");
const optionKey = fc.constantFrom(
  "id",
  "name",
  "description",
  "retries",
  "concurrency",
  "throttle",
  "rateLimit",
  "debounce",
  "idempotency",
  "singleton",
  "priority",
  "timeouts",
  "timeout",
  "cancelOn",
  "batchEvents",
  "if",
  "tags",
  "env",
  "sends",
  "limits",
  "onFailure",
  "middleware",
);
const pollutingJson = fc.constantFrom(
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"limits":{"__proto__":{"polluted":1}}}',
  '{"concurrency":{"__proto__":{"polluted":1},"limit":1}}',
);

/** Options that must be accepted, with what the definition must say back. */
const validEventOptions = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,3}$/),
  retries: fc.integer({ min: 0, max: 20 }),
  concurrency: fc.integer({ min: 1, max: 1000 }),
  priority: fc.option(fc.integer({ min: -600, max: 600 }), { nil: undefined }),
  tags: fc.array(fc.stringMatching(/^[a-z][a-z0-9:-]{0,19}$/), { maxLength: 3 }),
  batch: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
});

/** A valid base with one option replaced by anything, or an extra (possibly dangerous) key added. */
const mutatedOptions = fc.tuple(fc.oneof(optionKey, dangerousKey, fc.string({ maxLength: 40 })), anything);

describe("defineEventFunction", () => {
  it(
    "accepts valid options and says them back",
    () => {
      fc.assert(
        fc.property(validEventOptions, (options) => {
          const result = attempt("defineEventFunction", () =>
            defineEventFunction({
              id: options.id,
              on: userCreated,
              retries: options.retries,
              concurrency: options.concurrency,
              // Inngest refuses priority on batched functions, so a valid definition has one or the other.
              ...(options.priority === undefined || options.batch !== undefined
                ? {}
                : { priority: { run: String(options.priority) } }),
              tags: options.tags,
              ...(options.batch === undefined
                ? {}
                : { batchEvents: { maxSize: options.batch, timeout: "5s" } }),
              handler,
            }),
          );
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.value.id).toBe(options.id);
          expect(result.value.config.retries.attempts).toBe(options.retries);
          expect(result.value.tags).toEqual(options.tags);
        }),
        { numRuns },
      );
    },
    timeout,
  );

  it(
    "refuses any other option value or unknown key with a JobError, never a TypeError",
    () => {
      fc.assert(
        fc.property(mutatedOptions, ([key, value]) => {
          const options: Record<string, unknown> = { id: "fuzzed", on: userCreated, handler };
          Object.defineProperty(options, key, {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          attempt("defineEventFunction", () => defineEventFunction(options as never));
        }),
        { numRuns },
      );
    },
    timeout,
  );

  it(
    "refuses what is not an options object, and JSON with prototype keys, without polluting",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            anything,
            pollutingJson.map((json) => JSON.parse(json) as unknown),
          ),
          (options) => {
            const result = attempt("defineEventFunction", () => defineEventFunction(options as never));
            expect(result.ok).toBe(false);
          },
        ),
        { numRuns },
      );
    },
    timeout,
  );

  it("refuses a 256 KiB id or key with a bounded message", () => {
    const huge = "x".repeat(256 * 1024);
    for (const options of [
      { id: huge, on: userCreated, handler },
      { id: "long-key", on: userCreated, handler, [huge]: 1 },
      { id: "long-if", on: userCreated, handler, if: 5, limits: { [huge]: 1 } },
    ]) {
      expect(attempt("defineEventFunction", () => defineEventFunction(options as never)).ok).toBe(false);
    }
  });
});

describe("defineCronFunction and defineStepFunction", () => {
  it(
    "accept a valid schedule, refuse any other cron, timezone or option with a JobError",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom("0 9 * * 1-5", "*/15 * * * *", "@daily"),
            fc.string({ maxLength: 40 }),
            anything,
          ),
          fc.oneof(fc.constant(undefined), fc.constantFrom("UTC", "Europe/Paris", "Mars/Olympus"), anything),
          mutatedOptions,
          (cron, timezone, [key, value]) => {
            attempt("defineCronFunction", () =>
              defineCronFunction({ id: "fuzzed-cron", cron, timezone, handler } as never),
            );
            const options: Record<string, unknown> = { id: "fuzzed-cron", cron: "0 9 * * *", handler };
            Object.defineProperty(options, key, {
              value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
            attempt("defineCronFunction", () => defineCronFunction(options as never));
          },
        ),
        { numRuns },
      );
    },
    timeout,
  );

  it(
    "defineStepFunction refuses any steps builder but a chain with a JobError",
    () => {
      fc.assert(
        fc.property(anything, fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }), (steps, ids) => {
          attempt("defineStepFunction", () =>
            defineStepFunction({ id: "fuzzed-steps", on: userCreated, steps } as never),
          );
          attempt("defineStepFunction", () =>
            defineStepFunction({
              id: "fuzzed-steps",
              on: userCreated,
              steps: (chain) => ids.reduce((built, id) => built.step(id as never, () => id) as never, chain),
            }),
          );
        }),
        { numRuns },
      );
    },
    timeout,
  );
});

const welcome = defineEventFunction({ id: "welcome", on: userCreated, handler });
const nightly = defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler });

describe("register and manifest", () => {
  it(
    "refuse bad clients, definition lists, options and defaults with a JobError",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.constant("client"), anything),
          fc.oneof(fc.constant([welcome, nightly]), anything, fc.array(anything, { maxLength: 3 })),
          fc.oneof(
            fc.constant({}),
            anything,
            fc.record({ defaults: anything }),
            fc.record({ prefix: anything }),
            fc.record({ limits: anything }),
            pollutingJson.map((json) => ({ defaults: JSON.parse(json) as unknown })),
            fc.tuple(fc.oneof(dangerousKey, fc.string({ maxLength: 20 })), anything).map(([key, value]) => {
              const options: Record<string, unknown> = {};
              Object.defineProperty(options, key, {
                value,
                enumerable: true,
                configurable: true,
                writable: true,
              });
              return options;
            }),
          ),
          (client, definitions, options) => {
            const realClient = client === "client" ? testClient() : client;
            attempt("register", () => register(realClient as never, definitions as never, options as never));
            attempt("manifest", () =>
              manifest(definitions as readonly AnyFunctionDefinition[], options as never),
            );
          },
        ),
        { numRuns },
      );
    },
    timeout,
  );

  it(
    "accept valid definitions with valid defaults",
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 100 }), (retries, limit) => {
          const defaults = { retries, concurrency: limit };
          const registered = attempt("register", () =>
            register(testClient(), [welcome, nightly], { defaults }),
          );
          expect(registered.ok).toBe(true);
          const described = attempt("manifest", () => manifest([welcome, nightly], { defaults }));
          expect(described.ok).toBe(true);
        }),
        { numRuns },
      );
    },
    timeout,
  );
});

describe("createSender", () => {
  it(
    "sends valid events and refuses any other input or option with a named error",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ userId: fc.string({ maxLength: 20 }), email: fc.constant("ada@example.com") }),
            anything,
          ),
          fc.oneof(fc.constant("user/created"), fc.string({ maxLength: 40 }), anything),
          fc.oneof(fc.constant(undefined), fc.record({ limits: anything }), anything),
          async (data, name, options) => {
            const { client } = recordingClient();
            let sender: ReturnType<typeof createSender<typeof catalog>> | undefined;
            const created = attempt("createSender", () => {
              sender = createSender(client, catalog, options as never);
              return sender;
            });
            if (!created.ok || sender === undefined) return;
            const events = sender;
            await attemptAsync("createSender.send", () => events.send(name as never, data as never));
            await attemptAsync("createSender.sendMany", () =>
              events.sendMany([
                { name, data },
                { name: "user/created", data },
              ] as never),
            );
          },
        ),
        { numRuns },
      );
    },
    timeout,
  );
});

afterAll(() => contract.writeReport());
