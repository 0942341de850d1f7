import { defineEventFunction } from "@jobkit/functions";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRunsClient } from "./index";
import { type RunsApiStandIn, startRunsApiStandIn } from "./testing";

const eventId = "01HWAVEB858VPPX47Z65GR6P6R";
const report = defineEventFunction({
  id: "build-report",
  on: "report/requested",
  handler: async () => ({ rows: 3 }),
});

let api: RunsApiStandIn | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function setup(cacheMs: number) {
  api = await startRunsApiStandIn({ cacheMs: { eventRuns: cacheMs } });
  const runs = createRunsClient({ baseUrl: api.url, isDev: true, appId: "shop", environment: {} });
  return { api, runs };
}

const polls = (standIn: RunsApiStandIn) =>
  standIn.requests.filter((request) => request.path === `/v1/events/${eventId}/runs`);

describe("waitForRuns", () => {
  it("waits until every run finished and returns them with typed output", async () => {
    const { api, runs } = await setup(50);
    const runId = api.addRun({ eventId, functionSlug: "shop-build-report", status: "Running" });
    setTimeout(() => api.updateRun(runId, { status: "Completed", output: { rows: 3 } }), 60);
    const [run] = await runs.waitForRuns(eventId, {
      timeout: "5s",
      definition: report,
      interval: { initial: 20 },
    });
    expect(run?.status).toBe("Completed");
    expect(run?.status === "Completed" ? run.output.rows : undefined).toBe(3);
  });

  it("never polls again before the server's cached answer expires", async () => {
    // The run completes at once, but the first answer (Running) stays cached for 700 ms.
    const { api, runs } = await setup(700);
    const runId = api.addRun({ eventId, functionSlug: "shop-build-report", status: "Running" });
    const waiting = runs.waitForRuns(eventId, { timeout: "5s", interval: { initial: 10, max: 10 } });
    await vi.waitFor(() => expect(polls(api)).toHaveLength(1), { interval: 5 });
    api.updateRun(runId, { status: "Completed" });
    const updatedAt = Date.now();
    const [run] = await waiting;
    expect(run?.status).toBe("Completed");
    expect(Date.now() - updatedAt).toBeGreaterThanOrEqual(500);
    // Polling every 10 ms would have sent ~70 requests; paced to the cache it sends two and no cache hits.
    expect(polls(api).map((request) => request.cached)).toEqual([false, false]);
  });

  it("stops when until() says so", async () => {
    const { api, runs } = await setup(10);
    api.addRun({ eventId, functionSlug: "shop-build-report", status: "Running" });
    const found = await runs.waitForRuns(eventId, { timeout: 1000, until: (list) => list.length > 0 });
    expect(found).toHaveLength(1);
  });

  it("throws a timeout error naming what it last saw", async () => {
    const { api, runs } = await setup(10);
    api.addRun({ eventId, functionSlug: "shop-build-report", status: "Running" });
    await expect(
      runs.waitForRuns(eventId, { timeout: 150, interval: { initial: 20 } }),
    ).rejects.toMatchObject({
      name: "RunsError",
      code: "timeout",
      message: expect.stringMatching(/timed out after 150 ms[\s\S]*last seen: .*: Running/),
    });
  });

  it("waits while the event has started no run yet", async () => {
    const { api, runs } = await setup(10);
    setTimeout(() => api.addRun({ eventId, functionSlug: "shop-build-report", status: "Completed" }), 50);
    const found = await runs.waitForRuns(eventId, { timeout: "5s", interval: { initial: 20 } });
    expect(found.map((run) => run.status)).toEqual(["Completed"]);
  });

  it("honours an AbortSignal", async () => {
    const { runs } = await setup(10);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      runs.waitForRuns(eventId, { timeout: "1m", signal: controller.signal, interval: { initial: 20 } }),
    ).rejects.toMatchObject({ code: "aborted" });
  });

  it("refuses a timeout it cannot read, before any request", async () => {
    const { api, runs } = await setup(10);
    await expect(runs.waitForRuns(eventId, { timeout: "soon" as "1s" })).rejects.toMatchObject({
      code: "invalid-input",
      message: expect.stringContaining('received: "soon"'),
    });
    expect(api.requests).toEqual([]);
  });
});
