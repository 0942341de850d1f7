import { type RunsApiStandIn, startRunsApiStandIn } from "@jobkit/runs/testing";
import { runJob } from "@jobkit/testing";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { failureLog } from "../src/jobs/failure-log";
import { userReport } from "../src/jobs/user-report";
import type { JobStatus, ReportOutput } from "../src/routes/jobs";
import { createStore, type Store } from "../src/store";
import { type RunningApp, silentLogger, startApp } from "./http-harness";

const appId = "jobkit-express-example";

/** A fetch that only ever reaches loopback addresses. */
const loopbackFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== "127.0.0.1") throw new Error(`test fetch refused ${url.origin}`);
  return fetch(input, init);
};

function storeWithOrders(): Store {
  const store = createStore();
  store.users.set("usr_1", {
    id: "usr_1",
    email: "ada@example.com",
    role: "customer",
    createdAt: new Date(),
  });
  for (const [id, amount, status] of [
    ["ord_1", 40, "completed"],
    ["ord_2", 2, "pending"],
    ["ord_3", 99, "cancelled"],
  ] as const) {
    store.orders.set(id, {
      id,
      userId: "usr_1",
      amount,
      currency: "USD",
      status,
      createdAt: new Date("2026-12-06T15:00:00Z"),
    });
  }
  return store;
}

let api: RunsApiStandIn | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  await api?.close();
  app = undefined;
  api = undefined;
});

/**
 * The app against a loopback stand-in of Inngest (Event API and REST API): each `report/requested` it receives
 * starts a run that the real report job, played by runJob, completes.
 */
async function startWithInngest(store: Store) {
  const report = userReport(store);
  api = await startRunsApiStandIn({
    cacheMs: { eventRuns: 50 },
    onEvent: (event, eventId) => {
      if (event.name !== "report/requested") return;
      const runId = api?.addRun({
        eventId,
        functionSlug: `${appId}-user-report`,
        status: "Running",
      }) as string;
      void runJob(report, {
        event: { ...(event as { name: "report/requested"; data: { userId: string } }), id: eventId },
      }).then((run) =>
        api?.updateRun(
          runId,
          run.status === "completed" ? { status: "Completed", output: run.output } : { status: "Failed" },
        ),
      );
    },
  });
  app = await startApp({
    environment: { INNGEST_DEV: "1", INNGEST_BASE_URL: api.url },
    store,
    fetch: loopbackFetch,
    logger: silentLogger,
  });
  return { api, app };
}

async function statusOf<TOutput>(url: string): Promise<JobStatus<TOutput>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as JobStatus<TOutput>;
}

describe("POST /reports and GET /jobs/:eventId", () => {
  it("starts a report and reads its status and typed output", async () => {
    const { app } = await startWithInngest(storeWithOrders());
    const started = await fetch(`${app.url}/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: "usr_1", date: "2026-12-06" }),
    });
    expect(started.status).toBe(202);
    const { eventId } = (await started.json()) as { eventId: string };
    expect(eventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    await vi.waitFor(
      async () => expect((await statusOf(`${app.url}/jobs/${eventId}`)).state).toBe("completed"),
      {
        timeout: 5000,
        interval: 60,
      },
    );
    const report = await statusOf<ReportOutput>(`${app.url}/reports/${eventId}`);
    expectTypeOf(report.runs[0]?.output).toEqualTypeOf<
      { userId: string; date: string; orders: number; revenue: number } | null | undefined
    >();
    expect(report.state).toBe("completed");
    expect(report.runs[0]?.output).toEqual({ userId: "usr_1", date: "2026-12-06", orders: 2, revenue: 42 });
  });

  it("answers pending before the event started any run", async () => {
    const { app } = await startWithInngest(storeWithOrders());
    const status = await statusOf(`${app.url}/jobs/01HWAVEB858VPPX47Z65GR6P6R`);
    expect(status).toEqual({ eventId: "01HWAVEB858VPPX47Z65GR6P6R", state: "pending", runs: [] });
  });

  it("refuses an event id that is not a ULID, and a report request without a user", async () => {
    const { app } = await startWithInngest(storeWithOrders());
    const status = await fetch(`${app.url}/jobs/evt_1`);
    expect(status.status).toBe(400);
    expect(await status.json()).toMatchObject({ error: "invalid-input" });
    const report = await fetch(`${app.url}/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "usr_1" }),
    });
    expect(report.status).toBe(400);
  });
});

describe("failure log", () => {
  it("logs a failed run with ids and the error, without the event's data", async () => {
    const failed = await runJob(userReport(createStore()), {
      event: { name: "report/requested", data: { userId: "usr_unknown" } },
    });
    expect(failed.status).toBe("failed");
    const error = vi.fn();
    // runJob records the inngest/function.failed event Inngest sends after the last attempt.
    const tracked = await runJob(failureLog({ error }), { event: failed.failedEvent });
    expect(tracked.status).toBe("completed");
    expect(error).toHaveBeenCalledTimes(1);
    const line = String(error.mock.calls[0]?.[0]);
    expect(line).toContain(`user-report run ${failed.runId} (report/requested)`);
    expect(line).toContain("NonRetriableError: the report's user does not exist");
    expect(line).not.toContain("usr_unknown");
    expect(error.mock.calls[0]).toHaveLength(1);
  });
});
