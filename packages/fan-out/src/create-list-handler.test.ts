import { defineEvent } from "@jobkit/events";
import { emailSend, standardCatalog, userProfileCreate } from "@jobkit/events/standard";
import { inngestLimits } from "@jobkit/functions";
import { type JobRun, runJob, type SendAttempt, type SendEventEntry } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineFanOut } from "./define-fan-out";
import { fanOutEventId } from "./fan-out-event-id";
import { planFanOut } from "./plan-fan-out";

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

/** Release notes with `htmlBytes` of template data each: about 2 KiB per event by default. */
function largeNotes(count: number, htmlBytes = 2000) {
  return Array.from({ length: count }, (_, index) =>
    emailSend.create({
      to: `user${index}@example.com`,
      template: "release-notes",
      subject: "What's new",
      data: { html: "x".repeat(htmlBytes) },
    }),
  );
}

function sendEntries(run: JobRun): SendEventEntry[] {
  return run.timeline.filter((entry): entry is SendEventEntry => entry.type === "sendEvent");
}

/** The bytes of the request body that carries these events to Inngest: the JSON array of them. */
function requestBytes(events: SendEventEntry["events"]): number {
  return Buffer.byteLength(
    JSON.stringify(events.map(({ name, data, id, v, ts }) => ({ name, data, id, v, ts }))),
  );
}

const announce = defineFanOut({
  id: "announce-release",
  on: releasePublished,
  sends: [emailSend],
  fanOut: (event) => notes(event.data.recipients),
});

/**
 * Fails the first attempt of the send whose first event has `failingId`, the way a 503 from Inngest's event
 * API would, and lists the event ids of every send attempt (failed ones included).
 */
function failSendOnce(failingId: string) {
  const calls: string[][] = [];
  const failSends = ({ events, attempt }: SendAttempt) => {
    calls.push(events.map((event) => event.id));
    return events[0]?.id === failingId && attempt === 0
      ? new Error("Inngest event API: 503 Service Unavailable")
      : undefined;
  };
  return { calls, failSends };
}

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
    const { calls, failSends } = failSendOnce(failingId);
    const run = await runJob(announce, { event: release(12_000), failSends });
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
    const { failSends } = failSendOnce(
      fanOutEventId({ functionId: "clock", triggerId: "evt_release_1", name: "email/send", key: "1000" }),
    );
    const run = await runJob(clock, { event: release(0), failSends });
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
    const { failSends } = failSendOnce(
      fanOutEventId({
        functionId: "stamped",
        triggerId: "evt_release_1",
        name: "email/send",
        key: "user1000@example.com",
      }),
    );
    const run = await runJob(stamped, { event: release(0), failSends });
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

describe("defineFanOut with large events", { timeout: 60_000 }, () => {
  const bulkyNotes = defineFanOut({
    id: "bulky-notes",
    on: releasePublished,
    sends: [emailSend],
    fanOut: (event) => largeNotes(event.data.recipients),
  });

  it("sends ~2 KiB events in more chunks than chunkSize alone makes, each request within 512 KiB", async () => {
    const run = await runJob(bulkyNotes, { event: release(2000) });
    expect(run.status).toBe("completed");
    const sends = sendEntries(run);
    // 1000 events of ~2 KiB would be a ~2 MiB request: the byte limit closes each chunk first.
    expect(sends.length).toBeGreaterThan(2);
    for (const [index, entry] of sends.entries()) {
      expect(entry.id).toBe(`send-chunk-${index + 1}`);
      expect(requestBytes(entry.events)).toBeLessThanOrEqual(inngestLimits.maxSendRequestBytes);
      const next = sends[index + 1]?.events[0];
      // Chunks are as full as the limit allows: one event more would not have fit.
      if (next)
        expect(requestBytes([...entry.events, next])).toBeGreaterThan(inngestLimits.maxSendRequestBytes);
    }
    expect(run.sent).toHaveLength(2000);
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(2000);
    expect(run.output).toMatchObject({ sent: 2000, chunks: sends.length });
  });

  it("cuts the same events into the same chunks on every run", async () => {
    const chunksOf = (run: JobRun) =>
      sendEntries(run).map((entry) => [entry.id, entry.events.map((event) => event.id)] as const);
    const first = await runJob(bulkyNotes, { event: release(1200) });
    const rerun = await runJob(bulkyNotes, { event: release(1200) });
    expect(chunksOf(rerun)).toEqual(chunksOf(first));
    expect(chunksOf(first).length).toBeGreaterThan(2);
  });

  it("sends every event once when a keyed replay sees smaller data than the first attempt", async () => {
    let calls = 0;
    const shrinking = defineFanOut({
      id: "shrinking",
      on: releasePublished,
      sends: [emailSend],
      // Keyed events may change data between replays; here they shrink, so fresh chunks would hold more.
      fanOut: () => {
        calls++;
        return largeNotes(600, calls === 1 ? 2400 : 1200);
      },
      key: (event) => String(event.data.to),
    });
    const run = await runJob(shrinking, {
      event: release(0),
      failSends: ({ stepId, attempt }) =>
        stepId === "send-chunk-2" && attempt === 0 ? new Error("Inngest event API: 503") : undefined,
    });
    expect(run.status).toBe("completed");
    expect(calls).toBeGreaterThan(1);
    expect(run.timeline.filter((entry) => entry.type === "retry").map((entry) => entry.id)).toEqual([
      "send-chunk-2",
    ]);
    // The chunks of the first attempt: a chunk already sent keeps covering the same events.
    expect(run.sent).toHaveLength(600);
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(600);
  });

  it("refuses a plan whose byte-driven chunks need more steps than a run may have", async () => {
    let produced = 0;
    const crowded = defineFanOut({
      id: "crowded",
      on: releasePublished,
      sends: [emailSend],
      limits: { maxStepsPerRun: 10 },
      *fanOut() {
        for (const note of largeNotes(3000)) {
          produced++;
          yield note;
        }
      },
    });
    // By count alone, 3000 events are 3 chunks of 1000: well within 10 steps.
    expect(planFanOut({ events: 3000, limits: { maxStepsPerRun: 10 } }).withinBudget).toBe(true);
    const run = await runJob(crowded, { event: release(0) });
    expect(run.status).toBe("failed");
    expect(run.sent).toEqual([]);
    expect(run.error?.message).toMatch(
      /^Fan-out "crowded" needs more steps than one run may have: 11 steps for at least \d+ events\n {2}1 plan step \+ 10 sendEvent steps of up to 1000 events \(chunkSize 1000\) and 524288 bytes \(512 KiB\) per request \(maxSendRequestBytes\)\n {2}limit: 10 steps per run \(maxStepsPerRun\)\n {2}expected: at most 10 steps: smaller events \(a send request carries at most 524288 bytes \(512 KiB\)\), or fewer events per triggering event, e.g. \{ userId: "usr_123" \} instead of the whole user record$/,
    );
    // Reading stopped at the first event of the eleventh step.
    expect(produced).toBeLessThan(3000);
    expect(run.error?.message).toContain(`for at least ${produced} events`);
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
