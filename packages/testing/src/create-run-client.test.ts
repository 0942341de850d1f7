import { defineCatalog, defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";
import { RunJobError } from "./run-job-error";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const emailSend = defineEvent("email/send", { schema: z.object({ to: z.email(), template: z.string() }) });
const catalog = defineCatalog([userCreated, emailSend]);
const created = userCreated.create({ userId: "u1" });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("step.sendEvent in a run", () => {
  it("is captured with its ids and virtual timestamps, never sent over the network", async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal("fetch", fetchSpy);
    const job = defineEventFunction({
      id: "fan-out",
      on: userCreated,
      handler: async ({ step }) =>
        step.sendEvent("fan-out", [
          { name: "email/send", data: { to: "a@example.com", template: "welcome" }, id: "dedupe-1" },
          { name: "user/profile.create", data: { userId: "u1" } },
        ]),
    });
    const run = await runJob(job, { event: created, now: "2026-01-01T00:00:00Z" });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(run.output).toEqual({ ids: ["dedupe-1", "evt-sent-1"] });
    expect(run.sent.map(({ name, id, ts, stepId }) => ({ name, id, ts, stepId }))).toEqual([
      { name: "email/send", id: "dedupe-1", ts: Date.parse("2026-01-01T00:00:00Z"), stepId: "fan-out" },
      {
        name: "user/profile.create",
        id: "evt-sent-1",
        ts: Date.parse("2026-01-01T00:00:00Z"),
        stepId: "fan-out",
      },
    ]);
    expect(run.timeline).toEqual([
      expect.objectContaining({ type: "sendEvent", id: "fan-out", events: run.sent }),
    ]);
  });

  it("is checked against the catalog: bad data stops the run at that step", async () => {
    const after = vi.fn();
    const job = defineEventFunction({
      id: "bad-email",
      on: userCreated,
      handler: async ({ step }) => {
        await step.sendEvent("send-email", {
          name: "email/send",
          data: { to: "not-an-email", template: "welcome" },
        });
        await step.run("after", after);
      },
    });
    const attempt = runJob(job, { event: created, catalog });
    await expect(attempt).rejects.toBeInstanceOf(RunJobError);
    await expect(attempt).rejects.toMatchObject({ code: "sent-event-invalid" });
    await expect(attempt).rejects.toThrow(
      /Function "bad-email" sent an event that does not match the catalog\n {2}Invalid data for event "email\/send" v1.0.0: data.to: expected an email address/,
    );
    expect(after).not.toHaveBeenCalled();
  });

  it("is checked against the catalog: an unknown name is refused with a suggestion", async () => {
    const job = defineEventFunction({
      id: "typo",
      on: userCreated,
      handler: async ({ step }) => step.sendEvent("send", { name: "email/sned", data: {} }),
    });
    await expect(runJob(job, { event: created, catalog })).rejects.toThrow(
      /Unknown event "email\/sned": it is not in the catalog\n {4}did you mean: "email\/send"\?/,
    );
  });

  it("refuses more events in one send than Inngest accepts", async () => {
    const job = defineEventFunction({
      id: "flood",
      on: userCreated,
      handler: async ({ step }) =>
        step.sendEvent(
          "flood",
          [1, 2, 3].map((n) => ({ name: "user/touched", data: { n } })),
        ),
    });
    await expect(runJob(job, { event: created, limits: { maxEventsPerSend: 2 } })).rejects.toMatchObject({
      code: "limit-exceeded",
      limit: "maxEventsPerSend",
    });
  });
});
