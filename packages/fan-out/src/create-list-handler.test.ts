import { defineEvent } from "@jobkit/events";
import { emailSend, standardCatalog, userProfileCreate } from "@jobkit/events/standard";
import { runJob } from "@jobkit/testing";
import { Inngest } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineFanOut } from "./define-fan-out";
import { fanOutEventId } from "./fan-out-event-id";

const releasePublished = defineEvent("app/release.published", {
  schema: z.object({ version: z.string(), recipients: z.number().int().min(0) }),
});

function release(recipients: number, id = "evt_release_1") {
  return { ...releasePublished.create({ version: "2.0", recipients }), id };
}

function notes(count: number) {
  return Array.from({ length: count }, (_, index) =>
    emailSend.create({ to: `user${index}@example.com`, template: "release-notes", subject: "What's new" }),
  );
}

const announce = defineFanOut({
  id: "announce-release",
  on: releasePublished,
  sends: [emailSend],
  fanOut: (event) => notes(event.data.recipients),
});

type SendArgs = { readonly payload: readonly { readonly id?: string }[] };
type Send = (this: unknown, args: SendArgs) => Promise<unknown>;

/**
 * Makes the Inngest event API fail once for the send whose first event has `failingId`, the way a network
 * error or a 5xx would. `@jobkit/testing` captures sends but cannot fail them, so the client's `_send`
 * (what `step.sendEvent` calls) is wrapped; every call is recorded.
 */
function failSendOnce(failingId: string) {
  const prototype = Inngest.prototype as unknown as { _send: Send };
  const original = prototype._send;
  const calls: string[][] = [];
  let failed = false;
  vi.spyOn(prototype, "_send").mockImplementation(function (this: unknown, args: SendArgs) {
    calls.push(args.payload.map((event) => event.id ?? ""));
    if (!failed && args.payload[0]?.id === failingId) {
      failed = true;
      return Promise.reject(new Error("Inngest event API: 503 Service Unavailable"));
    }
    return original.call(this, args);
  });
  return calls;
}

afterEach(() => {
  vi.restoreAllMocks();
});

// Runs of 12 000 events take seconds on a busy machine; the default 5 s timeout is too tight.
describe("defineFanOut with a list", { timeout: 60_000 }, () => {
  it("sends 12 000 events in 12 chunks of 1000, one step each, after the plan step", async () => {
    const run = await runJob(announce, { event: release(12_000), catalog: standardCatalog });
    expect(run.status).toBe("completed");
    const sends = run.timeline.filter((entry) => entry.type === "sendEvent");
    expect(sends.map((entry) => entry.id)).toEqual(
      Array.from({ length: 12 }, (_, index) => `send-chunk-${index + 1}`),
    );
    expect(sends.every((entry) => entry.type === "sendEvent" && entry.events.length === 1000)).toBe(true);
    expect(run.timeline.filter((entry) => entry.type === "step").map((entry) => entry.id)).toEqual([
      "fan-out-plan",
    ]);
    expect(run.output).toMatchObject({ sent: 12_000, chunks: 12, pages: 0 });
  });

  it("gives every event a unique id derived from the trigger, the same on a rerun", async () => {
    const first = await runJob(announce, { event: release(12_000) });
    const rerun = await runJob(announce, { event: release(12_000) });
    const ids = first.sent.map((event) => event.id);
    expect(new Set(ids).size).toBe(12_000);
    expect(first.output?.ids).toEqual(ids);
    expect(rerun.sent.map((event) => event.id)).toEqual(ids);
    expect(ids[7]).toBe(
      fanOutEventId({
        functionId: "announce-release",
        triggerId: "evt_release_1",
        name: "email/send",
        key: "7",
      }),
    );
    const other = await runJob(announce, { event: release(12_000, "evt_release_2") });
    const otherIds = new Set(other.sent.map((event) => event.id));
    expect(ids.some((id) => otherIds.has(id))).toBe(false);
  });

  it("sends from a generator and from an async generator", async () => {
    const fromGenerator = defineFanOut({
      id: "generator",
      on: releasePublished,
      sends: [emailSend],
      *fanOut(event) {
        yield* notes(event.data.recipients);
      },
    });
    const fromAsync = defineFanOut({
      id: "async-generator",
      on: releasePublished,
      sends: [emailSend],
      async *fanOut(event) {
        for (const note of notes(event.data.recipients)) yield note;
      },
    });
    expect((await runJob(fromGenerator, { event: release(2500) })).output).toMatchObject({
      sent: 2500,
      chunks: 3,
    });
    expect((await runJob(fromAsync, { event: release(2500) })).output).toMatchObject({
      sent: 2500,
      chunks: 3,
    });
  });

  it("retries a failing chunk without sending the earlier chunks again", async () => {
    const failingId = fanOutEventId({
      functionId: "announce-release",
      triggerId: "evt_release_1",
      name: "email/send",
      key: "3000",
    });
    const calls = failSendOnce(failingId);
    const run = await runJob(announce, { event: release(12_000) });
    expect(run.status).toBe("completed");
    expect(run.timeline.filter((entry) => entry.type === "retry").map((entry) => entry.id)).toEqual([
      "send-chunk-4",
    ]);
    // Chunks 1-3 went out once; chunk 4 twice (the failure and its retry); the rest once.
    const chunkStarts = run.sent.filter((_, index) => index % 1000 === 0).map((event) => event.id);
    expect(chunkStarts[3]).toBe(failingId);
    expect(calls.map((ids) => ids[0])).toEqual([
      ...chunkStarts.slice(0, 4),
      failingId,
      ...chunkStarts.slice(4),
    ]);
    expect(run.sent).toHaveLength(12_000);
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(12_000);
  });

  it("fails a replay whose fanOut returns other events, after sending nothing more", async () => {
    let calls = 0;
    const clock = defineFanOut({
      id: "clock",
      on: releasePublished,
      sends: [emailSend],
      fanOut: () => {
        calls++;
        return notes(2000).map((note) => ({ ...note, data: { ...note.data, data: { call: calls } } }));
      },
    });
    failSendOnce(
      fanOutEventId({ functionId: "clock", triggerId: "evt_release_1", name: "email/send", key: "1000" }),
    );
    const run = await runJob(clock, { event: release(0) });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(
      /^Fan-out "clock" got other events from fanOut on a replay than on its first attempt: 2000 events \(digest [0-9a-f]{12}\) instead of 2000 events \(digest [0-9a-f]{12}\)\n {2}fanOut runs again on every replay/,
    );
    expect(run.sent).toHaveLength(1000);
  });

  it("lets data change on a replay when a key names each event", async () => {
    let calls = 0;
    const stamped = defineFanOut({
      id: "stamped",
      on: releasePublished,
      sends: [emailSend],
      fanOut: () => {
        calls++;
        return notes(2000).map((note) => ({ ...note, data: { ...note.data, data: { call: calls } } }));
      },
      key: (event) => String(event.data.to),
    });
    failSendOnce(
      fanOutEventId({
        functionId: "stamped",
        triggerId: "evt_release_1",
        name: "email/send",
        key: "user1000@example.com",
      }),
    );
    const run = await runJob(stamped, { event: release(0) });
    expect(run.status).toBe("completed");
    expect(calls).toBeGreaterThan(1); // fanOut ran again, with other data, after the failed send
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(2000);
  });

  it("derives ids from the key option", async () => {
    const keyed = defineFanOut({
      id: "keyed",
      on: releasePublished,
      sends: [emailSend],
      fanOut: (event) => notes(event.data.recipients).reverse(),
      key: (event) => String(event.data.to),
    });
    const run = await runJob(keyed, { event: release(3) });
    expect(run.sent[0]?.id).toBe(
      fanOutEventId({
        functionId: "keyed",
        triggerId: "evt_release_1",
        name: "email/send",
        key: "user2@example.com",
      }),
    );
  });

  it("sends nothing and says so for an empty list", async () => {
    const run = await runJob(announce, { event: release(0) });
    expect(run.output).toEqual({ sent: 0, chunks: 0, pages: 0, ids: [] });
  });

  it("leaves the ids out of the result with returnIds: false", async () => {
    const quiet = defineFanOut({
      id: "quiet",
      on: releasePublished,
      sends: [emailSend],
      returnIds: false,
      fanOut: (event) => notes(event.data.recipients),
    });
    expect((await runJob(quiet, { event: release(10) })).output).toEqual({
      sent: 10,
      chunks: 1,
      pages: 0,
      ids: [],
    });
  });
});

describe("defineFanOut refusals at run time", { timeout: 60_000 }, () => {
  it("refuses an over-budget plan before sending anything", async () => {
    const oneByOne = defineFanOut({
      id: "one-by-one",
      on: releasePublished,
      sends: [emailSend],
      chunkSize: 1,
      fanOut: (event) => notes(event.data.recipients),
    });
    const run = await runJob(oneByOne, { event: release(1000) });
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.sent).toEqual([]);
    expect(run.error?.message).toBe(
      'Fan-out "one-by-one" needs more steps than one run may have: 1001 steps for at least 1000 events\n' +
        "  1 plan step + 1000 sendEvent steps of up to 1 event (chunkSize 1)\n" +
        "  limit: 1000 steps per run (maxStepsPerRun)\n" +
        "  expected: at most 1000 steps: a larger chunkSize (up to 5000 events per step), pages, or fewer events per triggering event, e.g. chunkSize: 1000",
    );
  });

  it("stops reading an endless source once the plan is over budget", async () => {
    let produced = 0;
    const endless = defineFanOut({
      id: "endless",
      on: releasePublished,
      sends: [userProfileCreate],
      chunkSize: 1,
      *fanOut() {
        for (;;) {
          produced++;
          yield {
            name: "user/profile/create" as const,
            data: { userId: `u${produced}`, email: "a@example.com" },
          };
        }
      },
    });
    const run = await runJob(endless, { event: release(0) });
    expect(run.error?.message).toContain(
      "needs more steps than one run may have: 1001 steps for at least 1000 events",
    );
    expect(produced).toBe(1000);
  });

  it("refuses an event over the size limit before sending anything", async () => {
    const bulky = defineFanOut({
      id: "bulky",
      on: releasePublished,
      sends: [emailSend],
      fanOut: () => [
        ...notes(5),
        emailSend.create({
          to: "ada@example.com",
          template: "digest",
          subject: "Digest",
          data: { html: "x".repeat(300_000) },
        }),
      ],
    });
    const run = await runJob(bulky, { event: release(0) });
    expect(run.status).toBe("failed");
    expect(run.sent).toEqual([]);
    expect(run.error?.message).toMatch(
      /^Fan-out "bulky" produced an event over the size limit: event 5 \("email\/send"\) is 300\d{3} bytes \(293\.\d KiB\)\n {2}limit: 262144 bytes \(256 KiB\) per event \(maxEventBytes\)/,
    );
  });

  it("refuses a fanOut result it cannot iterate", async () => {
    const broken = defineFanOut({
      id: "broken",
      on: releasePublished,
      sends: [emailSend],
      fanOut: () => ({}) as never,
    });
    const run = await runJob(broken, { event: release(0) });
    expect(run.error?.message).toBe(
      'Fan-out "broken" got something from fanOut that it cannot iterate: an object\n' +
        "  expected: an array, an iterable (a generator) or an async iterable of events, e.g. (event) => [userProfileCreate.create({ … })]",
    );
  });

  it("refuses an event that does not match its definition", async () => {
    const sloppy = defineFanOut({
      id: "sloppy",
      on: releasePublished,
      sends: [emailSend],
      fanOut: () => [{ name: "email/send", data: { to: "nobody", template: "welcome", subject: "Hi" } }],
    });
    const run = await runJob(sloppy, { event: release(0) });
    expect(run.error?.message).toContain(
      'Fan-out "sloppy" produced an invalid "email/send" event: event 0\n  data.to:',
    );
    expect(run.sent).toEqual([]);
  });
});
