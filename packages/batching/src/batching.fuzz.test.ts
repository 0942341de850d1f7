import { notificationSend } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { faultRuns, patternFuzz, fuzzRuns as runs } from "../../../scripts/fuzz/contract";
import { BatchingError } from "./batching-error";
import { analyticsBatch, dedupe, defineBatchFunction, groupBy, notificationDigest } from "./index";

// issue 18: every factory and helper of @jobkit/batching fed random options. The contract: valid options
// are accepted; anything else is refused with a JobError (or BatchingError) saying what, expected and
// received in bounded length; never a bare TypeError; no prototype pollution. Fault properties: with
// step and send failures injected at random, a digest run never skips or duplicates a user.
// ≤ 200 runs per property in CI (fault properties fewer: each is a run); FUZZ_RUNS runs more locally.
const { contract, hostile, optionsFrom, attempt } = patternFuzz({
  packageName: "@jobkit/batching",
  errors: [JobError, BatchingError],
});
const { entryOf } = contract;

const windowOptions = {
  maxSize: fc.integer({ min: 1, max: 100 }),
  timeout: fc.constantFrom("1s", "30s", "1m", 5000),
  retries: fc.integer({ min: 0, max: 20 }),
  concurrency: fc.integer({ min: 1, max: 10 }),
  onItemError: fc.constantFrom("collect", "fail"),
  id: fc.constantFrom("digest", "analytics-eu", "batch-2"),
  limits: fc.constantFrom({ maxBatchSize: 500 }, {}),
};

describe("batching fuzz: factories refuse bad options by name", { timeout: 300_000 }, () => {
  it("defineBatchFunction", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            id: fc.constantFrom("import-rows", "sync"),
            on: fc.constantFrom("import/row.parsed", "usage/recorded"),
            batch: fc.record({ maxSize: windowOptions.maxSize, timeout: windowOptions.timeout }),
            handler: fc.constant(() => null),
            onItemError: windowOptions.onItemError,
            retries: windowOptions.retries,
            limits: windowOptions.limits,
          },
          ["id", "on", "batch", "handler"],
        ),
        (options) => {
          attempt("defineBatchFunction", () => defineBatchFunction(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("notificationDigest", () => {
    fc.assert(
      fc.property(
        optionsFrom({ ...windowOptions, deliver: fc.constant(() => undefined), batchPerUser: fc.boolean() }, [
          "deliver",
        ]),
        (options) => {
          attempt("notificationDigest", () => notificationDigest(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("analyticsBatch", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...windowOptions,
            write: fc.constant(() => undefined),
            include: fc.subarray(["page_view", "identify"]),
          },
          ["write"],
        ),
        (options) => {
          attempt("analyticsBatch", () => analyticsBatch(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("accepts every valid window and echoes it into batchEvents", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 60 }), (maxSize, seconds) => {
        const definition = analyticsBatch({ write: () => undefined, maxSize, timeout: `${seconds}s` });
        expect(definition.config.batchEvents).toMatchObject({ maxSize, timeoutMs: seconds * 1000 });
      }),
      { numRuns: runs },
    );
  });

  it("dedupe and groupBy keep every distinct item once, in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 })),
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom("first", "last", undefined) },
          { weight: 1, arbitrary: hostile },
        ),
        (items, keep) => {
          const outcome = attempt("dedupe", () => dedupe(items, (item) => item, { keep } as never));
          const kept = dedupe(items, (item) => item);
          expect(kept).toEqual([...new Set(items)]);
          entryOf("groupBy").tried++;
          const groups = groupBy(items, (item) => item % 3);
          expect([...groups.values()].flat().sort()).toEqual([...items].sort());
          entryOf("groupBy").accepted++;
          expect(["accepted", "rejected"]).toContain(outcome);
        },
      ),
      { numRuns: runs },
    );
  });
});

const users = ["usr_a", "usr_b", "usr_c", "usr_d"];

describe("batching fuzz: faults never skip or duplicate a user", () => {
  it("email digests under failing recipient steps and failing sends", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...users), { minLength: 1, maxLength: 12 }),
        fc.dictionary(fc.constantFrom(...users), fc.integer({ min: 0, max: 5 })),
        fc.dictionary(fc.constantFrom(...users), fc.integer({ min: 0, max: 5 })),
        async (owners, lookupFailures, sendFailures) => {
          const entry = entryOf("notificationDigest run (faults)");
          entry.tried++;
          const digest = notificationDigest({
            recipient: (userId) => `${userId}@example.com`,
            batchPerUser: false,
            retries: 2,
          });
          const events = owners.map((userId, index) =>
            notificationSend.create({ userId, title: `t${index}`, body: "b" }, { id: `evt_${index}` }),
          );
          const run = await runJob(digest, {
            events,
            unusedMocks: "ignore",
            // Throwing step mocks: the recipient lookup of a user fails its first attempts.
            steps: Object.fromEntries(
              users.map((userId) => [
                `recipient-${userId}`,
                ({ attempt }: { attempt: number }) => {
                  if (attempt < (lookupFailures[userId] ?? 0)) throw new Error("directory unavailable");
                  return `${userId}@example.com`;
                },
              ]),
            ),
            failSends: ({ stepId, attempt }) => {
              const userId = stepId.replace(/^send-digest-/, "");
              return attempt < (sendFailures[userId] ?? 0) ? new Error("Inngest event API: 503") : undefined;
            },
          });
          expect(run.status).toBe("completed");
          const distinct = [...new Set(owners)];
          const items = run.output?.items ?? [];
          // Every user of the batch has exactly one outcome…
          expect(items.map((item) => item.key).sort()).toEqual([...distinct].sort());
          for (const item of items) {
            const emails = run.sent.filter(
              (event) => (event.data as { to?: unknown }).to === `${item.key}@example.com`,
            );
            // …and exactly one email when it succeeded, none when its steps failed for good.
            expect(emails).toHaveLength(item.ok ? 1 : 0);
          }
          entry.accepted++;
        },
      ),
      { numRuns: faultRuns },
    );
  }, 120_000);
});

afterAll(() => contract.writeReport());
