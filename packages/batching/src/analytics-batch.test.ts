import { analyticsIdentify, analyticsPageView, analyticsTrack } from "@jobkit/events/standard";
import { type FunctionDefinition, JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { type AnalyticsGroup, analyticsBatch, groupAnalyticsEvents } from "./analytics-batch";

const timestamp = "2025-01-31T09:30:00Z";
const track = (event: string, userId = "usr_1") => analyticsTrack.create({ userId, event, timestamp });
const pageView = (path: string) => analyticsPageView.create({ anonymousId: "anon_1", path, timestamp });
const identify = (userId: string) => analyticsIdentify.create({ userId, traits: { plan: "pro" }, timestamp });

function writes() {
  const groups: AnalyticsGroup[] = [];
  return { groups, write: (group: AnalyticsGroup) => void groups.push(group) };
}

/** Calls `define` with options a test deliberately gets wrong, and returns the error it throws. */
function configError(define: () => unknown): JobError {
  try {
    define();
  } catch (error) {
    if (error instanceof JobError) return error;
    throw error;
  }
  throw new Error("expected a JobError");
}

describe("analyticsBatch: runs", () => {
  it("groups track events by event name and writes each group in its own step", async () => {
    const { groups, write } = writes();
    const run = await runJob(analyticsBatch({ write }), {
      events: [track("order_processed"), track("signup"), track("order_processed", "usr_2"), track("signup")],
    });

    expect(run.status).toBe("completed");
    expect(groups.map((group) => [group.type === "track" && group.event, group.events.length])).toEqual([
      ["order_processed", 2],
      ["signup", 2],
    ]);
    expect(run.timeline.filter((entry) => entry.type === "step").map((entry) => entry.id)).toEqual([
      "write-track-order_processed",
      "write-track-signup",
    ]);
    expect(run.output?.items.map((item) => item.ok && item.value)).toEqual([
      { type: "track", event: "order_processed", count: 2 },
      { type: "track", event: "signup", count: 2 },
    ]);
  });

  it("batches page views and identifies when included, each type in its own group", async () => {
    const { groups, write } = writes();
    const run = await runJob(analyticsBatch({ write, include: ["page_view", "identify"] }), {
      events: [pageView("/pricing"), track("signup"), identify("usr_1"), pageView("/docs")],
    });

    expect(run.status).toBe("completed");
    expect(groups.map((group) => `${group.type}:${group.events.length}`)).toEqual([
      "page_view:2",
      "track:1",
      "identify:1",
    ]);
  });

  it("only triggers on track events unless told otherwise", () => {
    const names = (definition: FunctionDefinition) =>
      definition.triggers.map((trigger) => trigger.type === "event" && trigger.event);
    expect(names(analyticsBatch({ write: () => undefined }))).toEqual(["analytics/track"]);
    expect(names(analyticsBatch({ write: () => undefined, include: ["identify", "identify"] }))).toEqual([
      "analytics/track",
      "analytics/identify",
    ]);
  });

  it("records a group whose write keeps failing and writes the other groups", async () => {
    const written: string[] = [];
    const write = (group: AnalyticsGroup) => {
      if (group.type === "track" && group.event === "broken") throw new Error("warehouse rejected the rows");
      written.push(group.type === "track" ? group.event : group.type);
    };
    const run = await runJob(analyticsBatch({ write, retries: 1 }), {
      events: [track("broken"), track("signup")],
    });

    expect(run.status).toBe("completed");
    expect(written).toEqual(["signup"]);
    expect(run.output?.failed).toBe(1);
    expect(run.output?.items[0]?.key).toBe("track-broken");
  });
});

describe("groupAnalyticsEvents", () => {
  it("keeps a track event named like another type apart from that type", () => {
    const at = Date.parse(timestamp);
    const groups = groupAnalyticsEvents([
      { name: "analytics/track", id: "e1", ts: at, data: { event: "page_view", timestamp } },
      { name: "analytics/page_view", id: "e2", ts: at, data: { path: "/", timestamp } },
    ]);
    expect(groups.map((group) => group.type)).toEqual(["track", "page_view"]);
  });
});

describe("analyticsBatch: configuration", () => {
  it("defaults to batches of 100 events or one minute", () => {
    const definition = analyticsBatch({ write: () => undefined });
    expect(definition.id).toBe("analytics-batch");
    expect(definition.config.batchEvents).toMatchObject({ maxSize: 100, timeoutMs: 60_000 });
  });

  it("rejects the seed's 1000 events per batch, explaining Inngest's cap of 100", () => {
    const error = configError(() => analyticsBatch({ write: () => undefined, maxSize: 1000 }));
    expect(error.path).toBe("maxSize");
    expect(error.message.split("\n")).toEqual([
      'Invalid option "maxSize" for function "analytics-batch": 1000',
      "  Inngest caps a batch at 100 events; a larger maxSize is rejected, not clamped:",
      "  a busy stream simply runs more batches (a self-hosted server with another cap: the limits option)",
      "  expected: a whole number from 1 to 100, e.g. 100",
    ]);
  });

  it("rejects a timeout outside 1s-1m", () => {
    expect(configError(() => analyticsBatch({ write: () => undefined, timeout: "90s" })).path).toBe(
      "timeout",
    );
  });

  it("rejects an unknown option instead of ignoring it", () => {
    const error = configError(() => analyticsBatch({ write: () => undefined, batchSize: 1000 } as never));
    expect(error.path).toBe("batchSize");
    expect(error.message).toContain("write, include, maxSize, timeout, onItemError");
  });

  it("rejects a missing write and an unknown include", () => {
    expect(configError(() => analyticsBatch({} as never)).path).toBe("write");
    const error = configError(() => analyticsBatch({ write: () => undefined, include: ["screen"] as never }));
    expect(error.path).toBe("include");
    expect(error.received).toBe('"screen"');
  });

  it("refuses an include entry that is not a string, instead of a bare TypeError (found by the fuzz suite)", () => {
    const error = configError(() =>
      analyticsBatch({ write: () => undefined, include: [Object.create(null)] as never }),
    );
    expect(error).toMatchObject({ path: "include", received: "an object" });
  });
});
