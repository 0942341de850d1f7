import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, type RunningApp, recordingFetch, silentLogger, startApp } from "./http-harness";

describe("GET /health", () => {
  let app: RunningApp;
  beforeAll(async () => {
    const port = await closedPort();
    app = await startApp({
      environment: { INNGEST_DEV: "1", INNGEST_BASE_URL: `http://127.0.0.1:${port}` },
      fetch: recordingFetch().fetch,
      logger: silentLogger,
      // A winter day: New York is UTC-5, so 9:00 there is 14:00 UTC.
      now: () => new Date("2026-01-15T12:00:00Z"),
    });
  });
  afterAll(() => app.close());

  it("reports the app as up without a token, with the Inngest app and mode", async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", app: "jobkit-express-example", mode: "dev" });
  });

  it("lists every registered job with its triggers", async () => {
    const { jobs } = (await (await fetch(`${app.url}/health`)).json()) as {
      jobs: { id: string; triggers: { type: string; event?: string }[] }[];
    };
    expect(jobs.map((job) => job.id)).toEqual(app.jobs.map((job) => job.id));
    expect(jobs.find((job) => job.id === "process-order")?.triggers).toEqual([
      { type: "event", event: "order/placed" },
    ]);
  });

  it("gives the next run of the daily report at 9:00 New York time", async () => {
    const { jobs } = (await (await fetch(`${app.url}/health`)).json()) as {
      jobs: { id: string; triggers: { schedule?: string; nextRun?: string }[] }[];
    };
    expect(jobs.find((job) => job.id === "daily-report")?.triggers[0]).toMatchObject({
      schedule: "TZ=America/New_York 0 9 * * *",
      nextRun: "2026-01-15T14:00:00.000Z",
    });
  });
});
