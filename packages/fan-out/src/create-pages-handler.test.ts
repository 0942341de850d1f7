import { defineEvent } from "@jobkit/events";
import { emailSend, notificationSend } from "@jobkit/events/standard";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineFanOut } from "./define-fan-out";
import { fanOutEventId } from "./fan-out-event-id";

const newsletterReady = defineEvent("marketing/newsletter.ready", {
  schema: z.object({ issue: z.number().int() }),
});
const trigger = { ...newsletterReady.create({ issue: 42 }), id: "evt_issue_42" };

interface Subscriber {
  readonly userId: string;
  readonly email: string;
}

/** An in-memory subscriber table read with offset cursors, counting what is fetched. */
function subscribers(
  count: number,
  options: { pageSize?: number; reportTotal?: boolean; order?: "asc" | "desc" } = {},
) {
  const pageSize = options.pageSize ?? 1000;
  const rows: Subscriber[] = Array.from({ length: count }, (_, index) => ({
    userId: `usr_${index}`,
    email: `reader${index}@example.com`,
  }));
  if (options.order === "desc") rows.reverse();
  const fetched: number[] = [];
  return {
    fetched,
    fetch: async (cursor: number | undefined) => {
      const offset = cursor ?? 0;
      fetched.push(offset);
      const items = rows.slice(offset, offset + pageSize);
      const next = offset + pageSize < rows.length ? offset + pageSize : null;
      return options.reportTotal ? { items, next, total: rows.length } : { items, next };
    },
  };
}

function newsletter(
  source: ReturnType<typeof subscribers>,
  extra: { maxPages?: number; keyed?: boolean } = {},
) {
  return defineFanOut({
    id: "newsletter",
    on: newsletterReady,
    sends: [emailSend],
    pages: {
      fetch: source.fetch,
      toEvents: (subscriber: Subscriber, event) =>
        emailSend.create({
          to: subscriber.email,
          template: "digest",
          subject: `Issue ${event.data.issue}`,
          metadata: { userId: subscriber.userId },
        }),
      ...(extra.keyed ? { key: (subscriber: Subscriber) => subscriber.userId } : {}),
      ...(extra.maxPages === undefined ? {} : { maxPages: extra.maxPages }),
    },
  });
}

// Runs of up to 100 000 events take seconds on a busy machine; the default 5 s timeout is too tight.
describe("defineFanOut with pages", { timeout: 120_000 }, () => {
  it("sends 100 000 recipients in 100 pages, 200 steps: far below the 1000-step limit", async () => {
    const source = subscribers(100_000);
    const run = await runJob(newsletter(source), { event: trigger });
    expect(run.status).toBe("completed");
    const steps = run.timeline.filter((entry) => entry.type === "step" || entry.type === "sendEvent");
    expect(steps).toHaveLength(200);
    expect(steps.slice(0, 4).map((entry) => entry.id)).toEqual([
      "fetch-page-1",
      "send-page-1-chunk-1",
      "fetch-page-2",
      "send-page-2-chunk-1",
    ]);
    expect(run.output).toMatchObject({ sent: 100_000, chunks: 100, pages: 100 });
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(100_000);
    expect(run.output?.ids).toHaveLength(100_000);
    expect(source.fetched).toHaveLength(100);
  });

  it("derives ids from the item key, so a rerun over a reordered source sends the same ids", async () => {
    const first = await runJob(newsletter(subscribers(3000), { keyed: true }), { event: trigger });
    const reordered = await runJob(newsletter(subscribers(3000, { order: "desc" }), { keyed: true }), {
      event: trigger,
    });
    const idOf = (run: typeof first, email: string) =>
      run.sent.find((event) => (event.data as { to: string }).to === email)?.id;
    expect(idOf(reordered, "reader7@example.com")).toBe(idOf(first, "reader7@example.com"));
    expect(idOf(first, "reader7@example.com")).toBe(
      fanOutEventId({
        functionId: "newsletter",
        triggerId: "evt_issue_42",
        name: "email/send",
        key: "usr_7:0",
      }),
    );
  });

  it("retries a failing page without fetching or sending the earlier pages again", async () => {
    const source = subscribers(5000);
    const run = await runJob(newsletter(source), {
      event: trigger,
      steps: {
        "fetch-page-3": ({ attempt }: { attempt: number }) => {
          if (attempt === 0) throw new Error("database connection reset");
          return source.fetch(2000);
        },
      },
    });
    expect(run.status).toBe("completed");
    expect(run.timeline.filter((entry) => entry.type === "retry").map((entry) => entry.id)).toEqual([
      "fetch-page-3",
    ]);
    expect(source.fetched).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(run.sent).toHaveLength(5000);
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(5000);
  });

  it("refuses, before sending anything, a source whose total needs more pages than a run may fetch", async () => {
    const source = subscribers(600_000, { reportTotal: true });
    const run = await runJob(newsletter(source), { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.sent).toEqual([]);
    expect(run.error?.message).toBe(
      'Fan-out "newsletter" has more pages than it may fetch in one run: 600 pages for about 600000 events (total 600000 items in pages of 1000)\n' +
        "  limit: 500 pages (maxPages)\n" +
        "  nothing was sent\n" +
        "  expected: a source of at most 500 pages per run: more items per page, or fewer recipients per triggering event, e.g. fetch: (cursor) => db.users.page({ cursor, limit: 1000 })",
    );
  });

  it("refuses, before sending anything, a total whose ids would not fit in the result", async () => {
    const run = await runJob(newsletter(subscribers(150_000, { reportTotal: true })), { event: trigger });
    expect(run.sent).toEqual([]);
    expect(run.error?.message).toContain('Fan-out "newsletter" would return a result over the output limit');
  });

  it("stops at maxPages when the source has more, saying what was sent", async () => {
    const run = await runJob(newsletter(subscribers(5000), { maxPages: 3 }), { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.sent).toHaveLength(3000);
    expect(run.error?.message).toBe(
      'Fan-out "newsletter" has more pages than it may fetch in one run: page 4 after 3 pages (maxPages 3)\n' +
        "  pages 1-3 were sent (3000 events); the rest was not\n" +
        "  expected: a source of at most 3 pages per run: more items per page, or fewer recipients per triggering event, e.g. fetch: (cursor) => db.users.page({ cursor, limit: 1000 })",
    );
  });

  it("refuses a page over the step output limit", async () => {
    const bulky = defineFanOut({
      id: "bulky-pages",
      on: newsletterReady,
      sends: [emailSend],
      limits: { maxStepOutputBytes: 64 * 1024 },
      pages: {
        fetch: () => subscribers(2000, { pageSize: 2000 }).fetch(0),
        toEvents: (subscriber) =>
          emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" }),
      },
    });
    const run = await runJob(bulky, { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(
      /^Fan-out "bulky-pages" fetched a page over the step output limit: page 1 \(2000 items\) is \d+ bytes \([\d.]+ KiB\)\n {2}limit: 65536 bytes \(64 KiB\) per step output/,
    );
  });

  it("refuses a cursor that never advances instead of sending everyone again (issue 18, defect 5)", async () => {
    const source = subscribers(3);
    const stuck = defineFanOut({
      id: "stuck-pages",
      on: newsletterReady,
      sends: [emailSend],
      pages: {
        // Ignores the cursor: the same page and the same next, forever.
        fetch: async () => ({ ...(await source.fetch(0)), next: "p2" }),
        toEvents: (subscriber) =>
          emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" }),
      },
    });
    const run = await runJob(stuck, { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.sent).toHaveLength(3);
    expect(run.error).toMatchObject({ name: "FanOutError", code: "repeated-cursor" });
    expect(run.error?.message).toBe(
      'Fan-out "stuck-pages" got a next cursor from pages.fetch that it already fetched a page with: page 2 returned next "p2", the cursor of page 2\n' +
        "  fetching it again would send that page's recipients again; this page was not sent\n" +
        "  pages 1-1 were sent (3 events); the rest was not\n" +
        "  expected: a next cursor that moves past the page just fetched, and null or left out on the last page, e.g. { items: users, next: users.at(-1)?.id }",
    );
  });

  it("refuses a cursor that goes back to an earlier page, naming both pages", async () => {
    const cursors = [{ after: "usr_1" }, { after: "usr_2" }, { after: "usr_1" }];
    const looping = defineFanOut({
      id: "looping-pages",
      on: newsletterReady,
      sends: [emailSend],
      pages: {
        fetch: (_cursor, { page }) => ({
          items: [{ email: `reader${page}@example.com` }],
          next: cursors[page - 1],
        }),
        toEvents: (subscriber) =>
          emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" }),
      },
    });
    const run = await runJob(looping, { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.sent.map((event) => (event.data as { to: string }).to)).toEqual([
      "reader1@example.com",
      "reader2@example.com",
    ]);
    expect(run.error?.message).toContain("page 3 returned next an object, the cursor of page 2");
  });

  it("refuses a page that is not { items, next }", async () => {
    const broken = defineFanOut({
      id: "broken-pages",
      on: newsletterReady,
      sends: [emailSend],
      pages: { fetch: () => [] as never, toEvents: () => [] },
    });
    const run = await runJob(broken, { event: trigger });
    expect(run.error?.message).toBe(
      'Fan-out "broken-pages" got a page it cannot read from pages.fetch: page 1 is an array\n' +
        "  expected: { items, next } with next left out (or null) on the last page, e.g. { items: users, next: users.at(-1)?.id }",
    );
  });

  it("sends every event toEvents returns for an item, in chunks within the page", async () => {
    const twice = defineFanOut({
      id: "twice",
      on: newsletterReady,
      sends: [emailSend, notificationSend],
      chunkSize: 500,
      pages: {
        fetch: subscribers(1000).fetch,
        toEvents: (subscriber) => [
          emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" }),
          notificationSend.create({ userId: subscriber.userId, title: "New issue", body: "Issue 42 is out" }),
        ],
      },
    });
    const run = await runJob(twice, { event: trigger });
    expect(run.output).toMatchObject({ sent: 2000, chunks: 4, pages: 1 });
    expect(run.timeline.filter((entry) => entry.type === "sendEvent").map((entry) => entry.id)).toEqual([
      "send-page-1-chunk-1",
      "send-page-1-chunk-2",
      "send-page-1-chunk-3",
      "send-page-1-chunk-4",
    ]);
  });

  it("splits a page of large events into chunks within the 512 KiB request limit", async () => {
    const digests = defineFanOut({
      id: "digests",
      on: newsletterReady,
      sends: [emailSend],
      pages: {
        fetch: subscribers(1200, { pageSize: 600 }).fetch,
        toEvents: (subscriber: Subscriber) =>
          emailSend.create({
            to: subscriber.email,
            template: "digest",
            subject: "Issue 42",
            data: { html: "x".repeat(2000) },
          }),
      },
    });
    const run = await runJob(digests, { event: trigger });
    expect(run.status).toBe("completed");
    const sends = run.timeline.filter((entry) => entry.type === "sendEvent");
    // About 250 events of ~2 KiB fill a request: three chunks for each page of 600.
    expect(sends.map((entry) => entry.id)).toEqual([
      "send-page-1-chunk-1",
      "send-page-1-chunk-2",
      "send-page-1-chunk-3",
      "send-page-2-chunk-1",
      "send-page-2-chunk-2",
      "send-page-2-chunk-3",
    ]);
    for (const entry of sends) {
      if (entry.type !== "sendEvent") continue;
      const body = JSON.stringify(
        entry.events.map(({ name, data, id, v, ts }) => ({ name, data, id, v, ts })),
      );
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(512 * 1024);
    }
    expect(run.output).toMatchObject({ sent: 1200, chunks: 6, pages: 2 });
  });

  it("fails a replay whose toEvents drops an item, instead of reporting events it never sent", async () => {
    // The reviewer's case: 5 keyed items, chunks of 2; chunk 2 fails once, and on the replay toEvents
    // filters item 0 out, so the memoized chunk 1 would stand for other events than it sent.
    let replaying = false;
    const source = subscribers(5);
    const filtering = defineFanOut({
      id: "filtering",
      on: newsletterReady,
      sends: [emailSend],
      chunkSize: 2,
      pages: {
        fetch: source.fetch,
        toEvents: (subscriber: Subscriber) =>
          replaying && subscriber.userId === "usr_0"
            ? []
            : emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" }),
        key: (subscriber: Subscriber) => subscriber.userId,
      },
    });
    const run = await runJob(filtering, {
      event: trigger,
      failSends: ({ stepId, attempt }) => {
        if (stepId !== "send-page-1-chunk-2" || attempt !== 0) return undefined;
        replaying = true;
        return new Error("Inngest event API: 503");
      },
    });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(
      /^Fan-out "filtering" got other events from toEvents on a replay than when the page was fetched: page 1: 4 events \(digest [0-9a-f]{12}\) instead of 5 events \(digest [0-9a-f]{12}\)\n/,
    );
    expect(run.sent.map((event) => (event.data as { to: string }).to)).toEqual([
      "reader0@example.com",
      "reader1@example.com",
    ]);
  });

  it("replays a pure toEvents after a failed send, sending every event exactly once", async () => {
    const source = subscribers(5);
    let calls = 0;
    const pure = defineFanOut({
      id: "pure",
      on: newsletterReady,
      sends: [emailSend],
      chunkSize: 2,
      pages: {
        fetch: source.fetch,
        toEvents: (subscriber: Subscriber) => {
          calls++;
          return emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" });
        },
        key: (subscriber: Subscriber) => subscriber.userId,
      },
    });
    const run = await runJob(pure, {
      event: trigger,
      failSends: ({ stepId, attempt }) =>
        stepId === "send-page-1-chunk-2" && attempt === 0 ? new Error("Inngest event API: 503") : undefined,
    });
    expect(run.status).toBe("completed");
    expect(calls).toBeGreaterThan(10); // in the fetch step, then on each pass
    expect(
      run.timeline
        .filter((entry) => entry.type === "step" || entry.type === "sendEvent")
        .map((entry) => entry.id),
    ).toEqual(["fetch-page-1", "send-page-1-chunk-1", "send-page-1-chunk-2", "send-page-1-chunk-3"]);
    const sent = run.sent.map((event) => (event.data as { to: string }).to);
    expect(sent).toHaveLength(5);
    expect(new Set(sent).size).toBe(5);
    expect(run.output).toMatchObject({ sent: 5, chunks: 3, pages: 1 });
  });

  it("sends the recorded chunks when keyed data shrinks on a replay, every event once", async () => {
    let replaying = false;
    const shrinking = defineFanOut({
      id: "shrinking-pages",
      on: newsletterReady,
      sends: [emailSend],
      pages: {
        fetch: subscribers(600, { pageSize: 600 }).fetch,
        // Same ids, smaller data on the replay: fresh chunks would hold more events than the sent ones.
        toEvents: (subscriber: Subscriber) =>
          emailSend.create({
            to: subscriber.email,
            template: "digest",
            subject: "Issue 42",
            data: { html: "x".repeat(replaying ? 1200 : 2400) },
          }),
        key: (subscriber: Subscriber) => subscriber.userId,
      },
    });
    const run = await runJob(shrinking, {
      event: trigger,
      failSends: ({ stepId, attempt }) => {
        if (stepId !== "send-page-1-chunk-2" || attempt !== 0) return undefined;
        replaying = true;
        return new Error("Inngest event API: 503");
      },
    });
    expect(run.status).toBe("completed");
    expect(run.sent).toHaveLength(600);
    expect(new Set(run.sent.map((event) => event.id)).size).toBe(600);
  });

  it("throws toEvents' own error outside the fetch step, without fetching the page again", async () => {
    const source = subscribers(3);
    const invalid = defineFanOut({
      id: "invalid-pages",
      on: newsletterReady,
      sends: [emailSend],
      pages: {
        fetch: source.fetch,
        // A plain object, so the fan-out (not create) validates it: its subject is empty.
        toEvents: (subscriber: Subscriber) => ({
          name: "email/send",
          data: { to: subscriber.email, template: "digest", subject: "" },
        }),
      },
    });
    const run = await runJob(invalid, { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(
      /^Fan-out "invalid-pages" produced an invalid "email\/send" event: page 1, item 0\n/,
    );
    expect(source.fetched).toEqual([0]);
  });

  it("fails a replay whose toEvents succeeds where it threw when the page was fetched", async () => {
    let calls = 0;
    const flaky = defineFanOut({
      id: "flaky",
      on: newsletterReady,
      sends: [emailSend],
      pages: {
        fetch: subscribers(2).fetch,
        toEvents: (subscriber: Subscriber) => {
          calls++;
          if (calls === 1) throw new Error("lookup timed out");
          return emailSend.create({ to: subscriber.email, template: "digest", subject: "Hi" });
        },
      },
    });
    const run = await runJob(flaky, { event: trigger });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("page 1: 2 events now; toEvents threw when the page was fetched");
    expect(run.sent).toEqual([]);
  });

  it("fetches an empty source once and sends nothing", async () => {
    const run = await runJob(newsletter(subscribers(0)), { event: trigger });
    expect(run.output).toEqual({ sent: 0, chunks: 0, pages: 1, ids: [] });
  });
});
