import { stripVTControlCharacters } from "node:util";
import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./vitest";
import type { JobRun } from "./job-run";
import { runJob } from "./run-job";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const created = userCreated.create({ userId: "u1" });

const onboarding = defineEventFunction({
  id: "onboarding",
  on: userCreated,
  handler: async ({ step }) => {
    await step.sendEvent("send-welcome", {
      name: "email/send",
      data: { to: "ada@example.com", template: "welcome", vars: { name: "Ada", plan: "pro" } },
    });
    await step.sleep("wait-3-days", "3d");
    await step.sleep("wait-an-hour", "1h");
    await step.sendEvent("send-tips", {
      name: "email/send",
      data: { to: "ada@example.com", template: "tips" },
    });
    return "done";
  },
});
const failing = defineEventFunction({
  id: "failing",
  on: userCreated,
  retries: 1,
  handler: async ({ step }) =>
    step.run("charge", () => {
      throw new Error("card declined");
    }),
});

/** The error of a failing assertion, its message without colours. */
function failure(assertion: () => void): { message: string; actual?: unknown; expected?: unknown } {
  try {
    assertion();
  } catch (error) {
    const { message, actual, expected } = error as Error & { actual?: unknown; expected?: unknown };
    return { message: stripVTControlCharacters(message), actual, expected };
  }
  throw new Error("the assertion passed");
}

describe("toHaveCompleted", async () => {
  const done = await runJob(onboarding, { event: created, now: "2026-01-01T00:00:00Z" });
  const failed = await runJob(failing, { event: created, now: "2026-01-01T00:00:00Z" });

  it("passes for a completed run and fails for a failed one", () => {
    expect(done).toHaveCompleted();
    expect(failed).not.toHaveCompleted();
  });

  it("explains a failure with the status, the error and the last timeline entries", () => {
    const error = failure(() => expect(failed).toHaveCompleted());
    expect(error.message).toContain('Expected status: "completed"');
    expect(error.message).toContain(
      'Received status: "failed", failed after 2 attempt(s): Error: card declined',
    );
    expect(error.message).toContain(
      '2026-01-01T00:00:00.000Z retry "charge" attempt 0 failed (card declined), next in 15s',
    );
    expect(error.message).toContain('2026-01-01T00:00:15.000Z step "charge" failed: card declined');
    expect([error.actual, error.expected]).toEqual(["failed", "completed"]);
  });
});

describe("toHaveSentEvent", async () => {
  const run = await runJob(onboarding, { event: created, now: "2026-01-01T00:00:00Z" });

  it("matches by name, and by a deep subset of the data", () => {
    expect(run).toHaveSentEvent("email/send");
    expect(run).toHaveSentEvent("email/send", { template: "welcome", vars: { name: "Ada" } });
    expect(run).toHaveSentEvent("email/send", { template: expect.stringMatching(/^ti/) });
    expect(run).not.toHaveSentEvent("email/send", { template: "goodbye" });
    expect(run).not.toHaveSentEvent("sms/send");
  });

  it("lists what was sent and diffs the data of the same-named events on failure", () => {
    const error = failure(() =>
      expect(run).toHaveSentEvent("email/send", { template: "welcome", vars: { name: "Bob" } }),
    );
    expect(error.message).toContain('Expected the run to send an event "email/send" with data containing');
    expect(error.message).toContain('Received 2 "email/send" event(s) with other data:');
    expect(error.message).toContain('"email/send" by step "send-welcome" at 2026-01-01T00:00:00.000Z');
    expect(error.message).toMatch(/-\s+"name": "Bob",[\s\S]*\+\s+"name": "Ada",/);
    expect(error.expected).toEqual({ template: "welcome", vars: { name: "Bob" } });
    expect(error.actual).toMatchObject({ template: "welcome" });
  });

  it("says when nothing was sent at all", () => {
    const quiet = { ...run, sent: [] } satisfies JobRun;
    expect(failure(() => expect(quiet).toHaveSentEvent("email/send")).message).toContain(
      "Sent: no events at all",
    );
  });

  it("names the step that sent it when .not fails", () => {
    const error = failure(() => expect(run).not.toHaveSentEvent("email/send", { template: "tips" }));
    expect(error.message).toContain('Expected the run not to send an event "email/send"');
    expect(error.message).toContain('by step "send-tips" at 2026-01-04T01:00:00.000Z');
  });
});

describe("toHaveSlept", async () => {
  const run = await runJob(onboarding, { event: created, now: "2026-01-01T00:00:00Z" });

  it("matches one sleep of exactly that duration, optionally in a given step", () => {
    expect(run).toHaveSlept("3d");
    expect(run).toHaveSlept(3_600_000, "wait-an-hour");
    expect(run).not.toHaveSlept("3d1h");
    expect(run).not.toHaveSlept("1h", "wait-3-days");
  });

  it("lists the sleeps that did happen on failure", () => {
    const error = failure(() => expect(run).toHaveSlept("2d"));
    expect(error.message).toContain("Expected the run to have a sleep of 2d (172800000 ms)");
    expect(error.message).toContain('Received sleeps: "wait-3-days" 3d, "wait-an-hour" 1h');
  });
});

describe("misuse", () => {
  it("refuses anything but a run, and durations it cannot read", async () => {
    expect(() => expect({ status: "completed" }).toHaveCompleted()).toThrow(
      /toHaveCompleted expects the run returned by runJob\(\), received object/,
    );
    const run = await runJob(onboarding, { event: created });
    expect(() => expect(run).toHaveSlept("three days")).toThrow(
      'toHaveSlept expects a duration such as "3d", "1h30m" or milliseconds, received "three days"',
    );
  });
});
