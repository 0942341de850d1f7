import { defineEventFunction } from "@jobkit/functions";
import { Inngest } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import type { RunsClientOptions } from "./client-config";
import { hashSigningKey } from "./client-config";
import { createRunsClient } from "./index";
import { RunsError } from "./runs-error";
import { type RunsApiStandIn, startRunsApiStandIn } from "./testing";

const primary = "signkey-test-0123456789abcdef";
const fallback = "signkey-test-fedcba9876543210";
const eventId = "01HWAVEB858VPPX47Z65GR6P6R";

const buildReport = defineEventFunction({
  id: "build-report",
  on: "report/requested",
  handler: async () => ({ rows: 3, at: new Date("2026-12-07T09:00:00Z") }),
});
const sendMail = defineEventFunction({
  id: "send-mail",
  on: "report/requested",
  handler: async () => "sent",
});

let api: RunsApiStandIn | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function setup(
  options: Parameters<typeof startRunsApiStandIn>[0] = {},
  client: RunsClientOptions = {},
) {
  api = await startRunsApiStandIn(options);
  const runs = createRunsClient({ baseUrl: api.url, isDev: true, appId: "shop", environment: {}, ...client });
  return { api, runs };
}

describe("runsForEvent", () => {
  it("reads the runs an event started, with Dates and the API's status names", async () => {
    const { api, runs } = await setup();
    const startedAt = new Date("2026-12-07T09:00:00Z");
    const runId = api.addRun({ eventId, functionSlug: "shop-build-report", status: "Running", startedAt });
    const [run, ...rest] = await runs.runsForEvent(eventId);
    expect(rest).toEqual([]);
    expect(run).toMatchObject({ runId, eventId, status: "Running", endedAt: null, startedAt });
    expect(run?.functionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps only the definition's runs, resolving its internal id once from the app's function list", async () => {
    const { api, runs } = await setup();
    api.addRun({
      eventId,
      functionSlug: "shop-build-report",
      status: "Completed",
      output: { rows: 3, at: "x" },
    });
    api.addRun({ eventId, functionSlug: "shop-send-mail", status: "Completed", output: "sent" });
    const reports = await runs.runsForEvent(eventId, { definition: buildReport });
    expect(reports.map((run) => run.functionSlug)).toEqual(["shop-build-report"]);
    expect(reports[0]?.status === "Completed" && reports[0].output.rows).toBe(3);
    await runs.runsForEvent(eventId, { definition: sendMail });
    const listReads = api.requests.filter((request) => request.path === "/v1/apps/shop/functions");
    expect(listReads).toHaveLength(1);
  });

  it("accepts a registered Inngest function as the definition", async () => {
    const { api, runs } = await setup();
    const fn = new Inngest({ id: "shop" }).createFunction(
      { id: "send-mail", triggers: [{ event: "report/requested" }] },
      async () => "sent",
    );
    api.addRun({ eventId, functionSlug: "shop-send-mail", status: "Completed", output: "sent" });
    api.addRun({ eventId, functionSlug: "shop-build-report" });
    const [run] = await runs.runsForEvent(eventId, { definition: fn });
    expect(run?.output).toBe("sent");
  });

  it("says which function is not synced, with a suggestion", async () => {
    const { api, runs } = await setup();
    api.addFunction("shop-build-reports");
    await expect(runs.runsForEvent(eventId, { definition: buildReport })).rejects.toThrow(
      /Function "shop-build-report" is not synced in app "shop"[\s\S]*did you mean "shop-build-reports"/,
    );
  });

  it("refuses an event id that is not a ULID before any request", async () => {
    const { api, runs } = await setup();
    await expect(runs.runsForEvent("evt_123")).rejects.toMatchObject({
      code: "invalid-input",
      message: expect.stringContaining('received: "evt_123"'),
    });
    expect(api.requests).toEqual([]);
  });

  it("needs an app id to resolve a definition", async () => {
    const { runs } = await setup({}, { appId: undefined });
    await expect(runs.runsForEvent(eventId, { definition: buildReport })).rejects.toThrow(/INNGEST_APP_ID/);
  });
});

describe("getRun", () => {
  it("reads one run with its output and end time", async () => {
    const { api, runs } = await setup();
    const runId = api.addRun({
      eventId,
      functionSlug: "shop-build-report",
      status: "Completed",
      output: { rows: 3 },
    });
    const run = await runs.getRun(runId, { definition: buildReport });
    expect(run).toMatchObject({
      runId,
      status: "Completed",
      output: { rows: 3 },
      functionSlug: "shop-build-report",
    });
    expect(run.endedAt).toBeInstanceOf(Date);
  });

  it("refuses a run of another function when given a definition", async () => {
    const { api, runs } = await setup();
    api.addFunction("shop-build-report");
    const runId = api.addRun({ eventId, functionSlug: "shop-send-mail", status: "Completed" });
    await expect(runs.getRun(runId, { definition: buildReport })).rejects.toMatchObject({
      code: "function-mismatch",
      message: expect.stringContaining('is a run of shop-send-mail, not of "shop-build-report"'),
    });
  });

  it("refuses a run id that is not a ULID", async () => {
    const { runs } = await setup();
    await expect(runs.getRun("run-1")).rejects.toMatchObject({ code: "invalid-input" });
  });
});

describe("cancelRuns", () => {
  it("posts the snake_case body with the definition's slug and returns the cancellation", async () => {
    const { api, runs } = await setup();
    api.addFunction("shop-build-report");
    const startedBefore = new Date(Date.now() - 1000);
    const startedAfter = new Date(Date.now() - 86_400_000);
    const cancellation = await runs.cancelRuns({
      definition: buildReport,
      startedAfter,
      startedBefore,
      if: "event.data.userId == 'u_1'",
    });
    const posted = api.requests.find((request) => request.path === "/v1/cancellations");
    expect(posted?.body).toEqual({
      app_id: "shop",
      function_id: "shop-build-report",
      started_after: startedAfter.toISOString(),
      started_before: startedBefore.toISOString(),
      if: "event.data.userId == 'u_1'",
    });
    expect(cancellation).toMatchObject({ functionId: "shop-build-report", startedBefore, startedAfter });
    expect(cancellation.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it("checks app_id, the function and the time range before any request", async () => {
    const { api, runs } = await setup({}, { appId: undefined });
    const now = new Date();
    await expect(runs.cancelRuns({ functionId: "shop-build-report", startedBefore: now })).rejects.toThrow(
      /app_id is required/,
    );
    await expect(
      runs.cancelRuns({
        appId: "shop",
        functionId: "shop-build-report",
        startedBefore: new Date(Date.now() + 60_000),
      }),
    ).rejects.toThrow(/startedBefore must be in the past/);
    await expect(
      runs.cancelRuns({
        appId: "shop",
        functionId: "x",
        startedBefore: now,
        startedAfter: new Date(Date.now() + 1000),
      }),
    ).rejects.toThrow(/startedAfter must be before startedBefore/);
    await expect(
      runs.cancelRuns({ appId: "shop", functionId: "x", startedBefore: "yesterday" }),
    ).rejects.toThrow(/ISO 8601/);
    expect(api.requests).toEqual([]);
  });

  it("does not send a cancellation twice after a 5xx, which may have been applied", async () => {
    const { api, runs } = await setup({}, { retries: 3 });
    api.addFunction("shop-build-report");
    api.failNext({ status: 502, path: "/v1/cancellations" });
    await expect(
      runs.cancelRuns({ definition: buildReport, startedBefore: new Date() }),
    ).rejects.toMatchObject({
      code: "server-error",
    });
    expect(api.requests.filter((request) => request.path === "/v1/cancellations")).toHaveLength(1);
  });

  it("repeats a cancellation refused with 429, which was not applied", async () => {
    const { api, runs } = await setup({}, { retries: 1 });
    api.addFunction("shop-build-report");
    api.failNext({ status: 429, retryAfter: "0", path: "/v1/cancellations" });
    await runs.cancelRuns({ definition: buildReport, startedBefore: new Date() });
    expect(api.cancellations).toHaveLength(1);
  });

  it("reports a function the API does not know as not-found", async () => {
    const { runs } = await setup();
    await expect(
      runs.cancelRuns({ functionId: "shop-nothing", startedBefore: new Date() }),
    ).rejects.toMatchObject({
      code: "not-found",
      status: 404,
    });
  });
});

describe("errors", () => {
  it("sends the primary key hashed and names it, never printing it, when it is refused", async () => {
    const { api, runs } = await setup({ signingKeys: [fallback] }, { isDev: false, signingKey: primary });
    const error: RunsError = await runs.runsForEvent(eventId).catch((caught) => caught);
    expect(error).toBeInstanceOf(RunsError);
    expect(error).toMatchObject({ code: "unauthorized", status: 401, key: "primary" });
    expect(error.message).toContain("the primary key (INNGEST_SIGNING_KEY); no fallback key is configured");
    expect(error.message).not.toContain("0123456789abcdef");
    expect(error.message).not.toContain(hashSigningKey(primary).slice(13));
    expect(api.requests[0]?.authorization).toBe(`Bearer ${hashSigningKey(primary)}`);
  });

  it("says no key was configured when a dev server asks for one", async () => {
    const { runs } = await setup({ signingKeys: [primary] });
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({
      code: "unauthorized",
      key: undefined,
      message: expect.stringContaining("no signing key (none configured)"),
    });
  });

  it("tries the fallback key on 401, as the SDK does", async () => {
    const { api, runs } = await setup(
      { signingKeys: [fallback] },
      { isDev: false, signingKey: primary, signingKeyFallback: fallback },
    );
    await expect(runs.runsForEvent(eventId)).resolves.toEqual([]);
    expect(api.requests.map((request) => [request.status, request.authorization])).toEqual([
      [401, `Bearer ${hashSigningKey(primary)}`],
      [200, `Bearer ${hashSigningKey(fallback)}`],
    ]);
  });

  it("says both keys were refused when the fallback is refused too", async () => {
    const { runs } = await setup(
      { signingKeys: ["signkey-test-aaaa"] },
      { isDev: false, signingKey: primary, signingKeyFallback: fallback },
    );
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({
      code: "unauthorized",
      key: "fallback",
      message: expect.stringContaining("both were refused"),
    });
  });

  it("waits for Retry-After on 429 and then succeeds", async () => {
    const { api, runs } = await setup();
    api.failNext({ status: 429, retryAfter: "1" });
    const started = Date.now();
    await expect(runs.runsForEvent(eventId)).resolves.toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(api.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("gives up on 429 after the bounded retries, with retryAfterMs", async () => {
    const { api, runs } = await setup({}, { retries: 0 });
    api.failNext({ status: 429, retryAfter: "30" });
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({
      code: "rate-limited",
      retryAfterMs: 30_000,
    });
  });

  it("hands a Retry-After longer than a minute to the caller instead of sleeping", async () => {
    const { api, runs } = await setup({}, { retries: 3 });
    api.failNext({ status: 429, retryAfter: "120" });
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({
      code: "rate-limited",
      retryAfterMs: 120_000,
    });
    expect(api.requests).toHaveLength(1);
  });

  it("retries 5xx a bounded number of times", async () => {
    const { api, runs } = await setup({}, { retries: 2 });
    api.failNext({ status: 503, count: 2 });
    await expect(runs.runsForEvent(eventId)).resolves.toEqual([]);
    api.failNext({ status: 502, count: 3 });
    await expect(runs.runsForEvent("01HWAVEB858VPPX47Z65GR6P6S")).rejects.toMatchObject({
      code: "server-error",
      status: 502,
    });
    expect(api.requests.map((request) => request.status)).toEqual([503, 503, 200, 502, 502, 502]);
  });

  it("explains the 500 the open-source server answers for an unknown run id", async () => {
    const { runs } = await setup({}, { retries: 0 });
    await expect(runs.getRun("01HWAVEB858VPPX47Z65GR6P6R")).rejects.toMatchObject({
      code: "server-error",
      status: 500,
      message: expect.stringContaining("answers 500 for a run id it does not know"),
    });
  });

  it("maps 404 to not-found and another 4xx to bad-request, keeping the server's message", async () => {
    const { api, runs } = await setup();
    api.failNext({ status: 404 });
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({ code: "not-found", status: 404 });
    api.failNext({ status: 400 });
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({
      code: "bad-request",
      message: expect.stringContaining("stand-in failure 400"),
    });
  });

  it("reports an unreachable API as request-failed", async () => {
    const standIn = await startRunsApiStandIn();
    const url = standIn.url;
    await standIn.close();
    const runs = createRunsClient({ baseUrl: url, isDev: true, retries: 0, environment: {} });
    await expect(runs.runsForEvent(eventId)).rejects.toMatchObject({
      code: "request-failed",
      message: expect.stringContaining("got no response"),
    });
  });

  it("stops with aborted when the signal is aborted", async () => {
    const { api, runs } = await setup();
    api.failNext({ status: 429, retryAfter: "5" });
    const controller = new AbortController();
    const pending = runs.runsForEvent(eventId, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 50);
    await expect(pending).rejects.toMatchObject({ code: "aborted" });
  });
});
