import { defineCatalog, defineEvent } from "@jobkit/events";
import { defineCronFunction, defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), plan: z.string() }),
});
const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });
const catalog = defineCatalog([userCreated, userDeleted]);
const created = userCreated.create({ userId: "u1", plan: "pro" });

const welcome = defineEventFunction({
  id: "welcome",
  on: userCreated,
  handler: async ({ step }) => step.waitForEvent("wait-delete", { event: userDeleted, timeout: "1d" }),
});

describe("the triggering event", () => {
  it("must be one of the function's triggers", async () => {
    const attempt = runJob(welcome, { event: { name: "user/creatd", data: {} } as never });
    await expect(attempt).rejects.toMatchObject({ code: "event-not-in-triggers" });
    await expect(attempt).rejects.toThrow(
      'Event "user/creatd" does not trigger function "welcome"\n  triggers: "user/created"\n  did you mean: "user/created"?',
    );
  });

  it("must pass the trigger's if filter", async () => {
    const proOnly = defineEventFunction({
      id: "pro-only",
      on: userCreated,
      if: "event.data.plan == 'pro'",
      handler: async () => "pro",
    });
    expect((await runJob(proOnly, { event: created })).output).toBe("pro");
    await expect(
      runJob(proOnly, { event: userCreated.create({ userId: "u2", plan: "free" }) }),
    ).rejects.toThrow(/does not pass the "if" filter of function "pro-only": event.data.plan == 'pro'/);
  });

  it("is required for event functions", async () => {
    await expect(runJob(welcome)).rejects.toThrow(
      'runJob needs the event that triggers function "welcome"\n' +
        '  expected: runJob(…, { event: { name: "user/created", data: { … } } })',
    );
  });

  it("gets an id, a timestamp at the start and empty data when left out", async () => {
    const echo = defineEventFunction({ id: "echo", on: "app/ping", handler: async ({ event }) => event });
    const run = await runJob(echo, {
      event: { name: "app/ping" },
      now: "2026-01-01T00:00:00Z",
      // The definition names its trigger by string; the catalog-free register needs it resolved.
      catalog: defineCatalog([defineEvent("app/ping", { schema: z.object({}) })]),
    });
    expect(run.output).toEqual({
      name: "app/ping",
      data: {},
      id: "evt-trigger-0",
      ts: Date.parse("2026-01-01T00:00:00Z"),
    });
  });

  it("is checked against the catalog when one is given", async () => {
    const attempt = runJob(welcome, {
      event: { name: "user/created", data: { userId: 7 } } as never,
      catalog,
    });
    await expect(attempt).rejects.toMatchObject({ code: "invalid-options" });
    await expect(attempt).rejects.toThrow(
      /does not match the catalog\n {2}Invalid data for event "user\/created"/,
    );
  });

  it("comes as a batch only for batch functions, and no larger than their maxSize", async () => {
    await expect(runJob(welcome, { events: [created, created] })).rejects.toThrow(
      /received 2 events, but it has no batchEvents setting/,
    );
    const batch = defineEventFunction({
      id: "batch",
      on: userCreated,
      batchEvents: { maxSize: 2, timeout: "10s" },
      handler: async ({ events }) => events.length,
    });
    await expect(runJob(batch, { events: [created, created, created] })).rejects.toMatchObject({
      code: "limit-exceeded",
      limit: "maxBatchSize",
    });
  });

  it("is refused as well as events at the same time", async () => {
    await expect(runJob(welcome, { event: created, events: [created] })).rejects.toThrow(
      /got both "event" and "events"/,
    );
  });

  it("is refused for a cron function, whose trigger is its schedule", async () => {
    const nightly = defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async () => "ran" });
    await expect(runJob(nightly, { event: created as never })).rejects.toThrow(
      /Event "user\/created" does not trigger function "nightly"\n {2}triggers: none \(cron "TZ=UTC 0 3 \* \* \*"\)/,
    );
  });
});

describe("incoming events", () => {
  it("must be in the catalog when one is given, with a suggestion for a typo", async () => {
    const attempt = runJob(welcome, {
      event: created,
      catalog,
      incoming: [{ after: "1h", event: { name: "user/delted", data: { userId: "u1" } } }],
    });
    await expect(attempt).rejects.toBeInstanceOf(RunJobError);
    await expect(attempt).rejects.toMatchObject({ code: "incoming-not-in-catalog" });
    await expect(attempt).rejects.toThrow(
      'incoming[0] ("user/delted") is not in the catalog\n  did you mean: "user/deleted" or "user/created"?',
    );
  });

  it("must carry data that matches the catalog", async () => {
    await expect(
      runJob(welcome, { event: created, catalog, incoming: [{ event: { name: "user/deleted", data: {} } }] }),
    ).rejects.toThrow(/incoming\[0\] \("user\/deleted"\) does not match the catalog\n {2}Invalid data/);
  });

  it("arrive either after a duration or at a time, not before the start", async () => {
    const deleted = userDeleted.create({ userId: "u1" });
    const start = "2026-01-01T00:00:00Z";
    await expect(
      runJob(welcome, { event: created, now: start, incoming: [{ after: "1h", at: start, event: deleted }] }),
    ).rejects.toThrow(/gives both "after" and "at"/);
    await expect(
      runJob(welcome, {
        event: created,
        now: start,
        incoming: [{ at: "2025-12-31T00:00:00Z", event: deleted }],
      }),
    ).rejects.toThrow(/arrives at an invalid time: "2025-12-31T00:00:00Z"/);
    await expect(
      runJob(welcome, { event: created, now: start, incoming: [{ after: "soon", event: deleted }] }),
    ).rejects.toThrow(/arrives at an invalid time: "soon"/);
    const run = await runJob(welcome, {
      event: created,
      now: start,
      incoming: [{ at: "2026-01-01T06:00:00Z", event: deleted }],
    });
    expect(run.endedAt.toISOString()).toBe("2026-01-01T06:00:00.000Z");
  });
});
