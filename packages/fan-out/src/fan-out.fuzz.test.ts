import { defineEvent } from "@jobkit/events";
import { emailSend } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { faultRuns, patternFuzz, fuzzRuns as runs } from "../../../scripts/fuzz/contract";
import { defineFanOut, FanOutError, fanOutEventId, planFanOut, userSignupFanOut } from "./index";

// issue 18: every factory and planning function of @jobkit/fan-out fed random options. The contract: valid
// options are accepted; anything else is refused with a JobError (or FanOutError) saying what, expected
// and received in bounded length; never a bare TypeError; no prototype pollution. Fault properties: with
// step and send failures injected at random, replays never skip or duplicate a recipient.
// ≤ 200 runs per property in CI (fault properties fewer: each is a run); FUZZ_RUNS runs more locally.
const { contract, hostile, optionsFrom, attempt } = patternFuzz({
  packageName: "@jobkit/fan-out",
  errors: [JobError, FanOutError],
});
const { entryOf } = contract;

const teamCreated = defineEvent("team/created", {
  schema: z.object({ team: z.string(), emails: z.array(z.string()) }),
});

const productLaunched = defineEvent("product/launched", { schema: z.object({}) });

const invitation = (to: string, team: string) => ({
  name: "email/send" as const,
  data: { to, template: "team-invite", subject: `Join ${team}` },
});

const sharedOptions = {
  retries: fc.integer({ min: 0, max: 20 }),
  concurrency: fc.integer({ min: 1, max: 10 }),
  chunkSize: fc.integer({ min: 1, max: 5000 }),
  returnIds: fc.boolean(),
  limits: fc.constantFrom({ maxStepsPerRun: 2000 }, {}),
};

describe("fan-out fuzz: factories and planning refuse bad input by name", { timeout: 300_000 }, () => {
  it("defineFanOut with a list", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...sharedOptions,
            id: fc.constantFrom("invite-team", "announce"),
            on: fc.constant(teamCreated),
            sends: fc.constant([emailSend]),
            fanOut: fc.constant((event: { data: { team: string; emails: string[] } }) =>
              event.data.emails.map((to) => invitation(to, event.data.team)),
            ),
            key: fc.constant((event: { data: { to: string } }) => event.data.to),
          },
          ["id", "on", "sends", "fanOut"],
        ),
        (options) => {
          attempt("defineFanOut (fanOut)", () => defineFanOut(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("defineFanOut with pages", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            ...sharedOptions,
            id: fc.constantFrom("announce-launch"),
            on: fc.constant("product/launched"),
            sends: fc.constant([emailSend]),
            pages: optionsFrom(
              {
                fetch: fc.constant(() => ({ items: [] })),
                toEvents: fc.constant(() => []),
                key: fc.constant((item: { id: string }) => item.id),
                maxPages: fc.integer({ min: 1, max: 500 }),
              },
              ["fetch", "toEvents"],
            ),
          },
          ["id", "on", "sends", "pages"],
        ),
        (options) => {
          attempt("defineFanOut (pages)", () => defineFanOut(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("userSignupFanOut", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            id: fc.constantFrom("signup", "signup-eu"),
            list: fc.constantFrom("all_users", "beta"),
            channel: fc.constantFrom("#new-users", "#growth"),
            welcomeSubject: fc.string({ minLength: 1, maxLength: 40 }),
            skip: fc.subarray(["welcome-email", "profile", "marketing", "slack"]),
            retries: sharedOptions.retries,
            idempotency: fc.constant("event.data.userId"),
            limits: sharedOptions.limits,
          },
          [],
        ),
        (options) => {
          attempt("userSignupFanOut", () => userSignupFanOut(options as never));
        },
      ),
      { numRuns: runs },
    );
  });

  it("planFanOut, whose steps never exceed the limit when it says withinBudget", () => {
    fc.assert(
      fc.property(
        optionsFrom(
          {
            events: fc.integer({ min: 0, max: 1_000_000 }),
            chunkSize: fc.integer({ min: 1, max: 5000 }),
            eventBytes: fc.integer({ min: 1, max: 262_144 }),
            eventsPerPage: fc.integer({ min: 1, max: 10_000 }),
            limits: sharedOptions.limits,
          },
          ["events"],
        ),
        (input) => {
          let plan: ReturnType<typeof planFanOut> | undefined;
          attempt("planFanOut", () => {
            plan = planFanOut(input as never);
          });
          if (plan !== undefined) expect(plan.withinBudget).toBe(plan.steps <= plan.maxSteps);
        },
      ),
      { numRuns: runs },
    );
  });

  it("fanOutEventId, stable and distinct for distinct parts", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          {
            weight: 6,
            arbitrary: optionsFrom(
              { functionId: fc.string(), triggerId: fc.string(), name: fc.string(), key: fc.string() },
              ["functionId", "triggerId", "name", "key"],
            ),
          },
          { weight: 1, arbitrary: hostile },
        ),
        (given) => {
          let id: string | undefined;
          if (attempt("fanOutEventId", () => (id = fanOutEventId(given as never))) === "accepted") {
            expect(id).toMatch(/^[0-9a-f]{32}$/);
            expect(fanOutEventId(given as never)).toBe(id);
          }
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("fan-out fuzz: faults never skip or duplicate a recipient", () => {
  it("a list fan-out under failing sends", async () => {
    const invite = defineFanOut({
      id: "invite-team",
      on: teamCreated,
      sends: [emailSend],
      chunkSize: 3,
      fanOut: (event) => event.data.emails.map((to) => invitation(to, event.data.team)),
      key: (event) => String(event.data.to),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 0, maxLength: 20 }),
        fc.dictionary(fc.constantFrom("1", "2", "3", "4", "5", "6", "7"), fc.integer({ min: 0, max: 3 })),
        async (people, failures) => {
          const entry = entryOf("defineFanOut run (faults)");
          entry.tried++;
          const emails = people.map((person) => `user${person}@example.com`);
          const run = await runJob(invite, {
            event: { ...teamCreated.create({ team: "core", emails }), id: "evt_team" },
            failSends: ({ stepId, attempt }) => {
              const chunk = stepId.replace(/^send-chunk-/, "");
              return attempt < (failures[chunk] ?? 0) ? new Error("Inngest event API: 503") : undefined;
            },
          });
          expect(run.status).toBe("completed");
          const sentTo = run.sent.map((event) => (event.data as { to: string }).to);
          expect([...sentTo].sort()).toEqual([...emails].sort());
          expect(new Set(run.sent.map((event) => event.id)).size).toBe(run.sent.length);
          entry.accepted++;
        },
      ),
      { numRuns: faultRuns },
    );
  }, 120_000);

  it("a paged fan-out under failing fetch steps and failing sends", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 1, max: 7 }),
        fc.dictionary(fc.constantFrom("1", "2", "3", "4"), fc.integer({ min: 0, max: 2 })),
        fc.dictionary(fc.constantFrom("1", "2", "3", "4"), fc.integer({ min: 0, max: 2 })),
        async (total, pageSize, fetchFailures, sendFailures) => {
          const entry = entryOf("defineFanOut pages run (faults)");
          entry.tried++;
          const people = Array.from({ length: total }, (_, index) => ({ id: `usr_${index}` }));
          const page = (offset: number) => ({
            items: people.slice(offset, offset + pageSize),
            next: offset + pageSize < people.length ? offset + pageSize : null,
          });
          const announce = defineFanOut({
            id: "announce-launch",
            on: productLaunched,
            sends: [emailSend],
            chunkSize: 2,
            pages: {
              fetch: (cursor: number | undefined) => page(cursor ?? 0),
              toEvents: (person: { id: string }) => invitation(`${person.id}@example.com`, "launch"),
              key: (person: { id: string }) => person.id,
            },
          });
          const pages = Math.max(1, Math.ceil(total / pageSize));
          const run = await runJob(announce, {
            event: { ...productLaunched.create({}), id: "evt_launch" },
            unusedMocks: "ignore",
            // Throwing step mocks: a fetch fails its first attempts, then reads the page.
            steps: Object.fromEntries(
              Array.from({ length: pages }, (_, index) => [
                `fetch-page-${index + 1}`,
                ({ attempt }: { attempt: number }) => {
                  if (attempt < (fetchFailures[String(index + 1)] ?? 0)) throw new Error("database timeout");
                  return page(index * pageSize);
                },
              ]),
            ),
            failSends: ({ stepId, attempt }) => {
              const pageNumber = /^send-page-(\d+)-/.exec(stepId)?.[1] ?? "";
              return attempt < (sendFailures[pageNumber] ?? 0)
                ? new Error("Inngest event API: 503")
                : undefined;
            },
          });
          expect(run.status).toBe("completed");
          const sentTo = run.sent.map((event) => (event.data as { to: string }).to).sort();
          expect(sentTo).toEqual(people.map((person) => `${person.id}@example.com`).sort());
          expect(new Set(run.sent.map((event) => event.id)).size).toBe(run.sent.length);
          entry.accepted++;
        },
      ),
      { numRuns: faultRuns },
    );
  }, 120_000);
});

afterAll(() => contract.writeReport());
