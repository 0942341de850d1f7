import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { AppConfigError } from "../src/config";
import { closedPort, type RunningApp, recordingFetch, silentLogger, startApp } from "./http-harness";

const token = "test-admin-token-0123456789abcdef";

async function appWith(environment: Record<string, string>, answer?: Parameters<typeof recordingFetch>[0]) {
  const port = await closedPort();
  const sent = recordingFetch(answer);
  const app = await startApp({
    environment: { INNGEST_DEV: "1", INNGEST_BASE_URL: `http://127.0.0.1:${port}`, ...environment },
    fetch: sent.fetch,
    logger: silentLogger,
  });
  return { app, sent };
}

describe("the admin API without ADMIN_TOKEN", () => {
  let app: RunningApp;
  let sent: ReturnType<typeof recordingFetch>;
  beforeAll(async () => {
    ({ app, sent } = await appWith({}));
  });
  afterAll(() => app.close());

  it("is off: every admin route is a 404, whatever the token", async () => {
    const list = await fetch(`${app.url}/admin/jobs`, { headers: { authorization: `Bearer ${token}` } });
    const trigger = await fetch(`${app.url}/admin/jobs/user-signup-fan-out/trigger`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: { userId: "usr_1", email: "ada@example.com" } }),
    });
    expect([list.status, trigger.status]).toEqual([404, 404]);
    expect(sent.requests).toEqual([]);
  });
});

describe("ADMIN_TOKEN checks", () => {
  it("refuses to start with a short token, without printing it", () => {
    const build = () => createApp({ environment: { INNGEST_DEV: "1", ADMIN_TOKEN: "hunter2" } });
    expect(build).toThrow(AppConfigError);
    expect(build).toThrow(/ADMIN_TOKEN: a 7-character value\n {2}expected: at least 24 characters/);
    expect(build).not.toThrow(/hunter2/);
  });
});

describe("the admin API with ADMIN_TOKEN", () => {
  let app: RunningApp;
  let sent: ReturnType<typeof recordingFetch>;
  beforeAll(async () => {
    ({ app, sent } = await appWith({ ADMIN_TOKEN: token }));
  });
  afterAll(() => app.close());

  const admin = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token: given = token, ...rest } = init;
    return fetch(`${app.url}/admin${path}`, {
      ...rest,
      headers: {
        "content-type": "application/json",
        ...(given === null ? {} : { authorization: `Bearer ${given}` }),
        ...(rest.headers as Record<string, string> | undefined),
      },
    });
  };
  const trigger = (jobId: string, body: unknown, init: { token?: string | null } = {}) =>
    admin(`/jobs/${jobId}/trigger`, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    });
  const validSignup = { data: { userId: "usr_1", email: "ada@example.com" } };

  it("answers 401 with a Bearer challenge without a token", async () => {
    const response = await admin("/jobs", { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="admin"');
  });

  it("answers 401 to a wrong token, a token with a suffix, and another scheme", async () => {
    const statuses = await Promise.all([
      admin("/jobs", { token: "wrong-token-0123456789abcdef0123" }).then((response) => response.status),
      admin("/jobs", { token: `${token}x` }).then((response) => response.status),
      admin("/jobs", { token: null, headers: { authorization: `Basic ${token}` } }).then(
        (response) => response.status,
      ),
    ]);
    expect(statuses).toEqual([401, 401, 401]);
  });

  it("does not send anything for a trigger with a wrong token", async () => {
    const before = sent.requests.length;
    const response = await trigger("user-signup-fan-out", validSignup, {
      token: "wrong-token-0123456789abcdef0123",
    });
    expect(response.status).toBe(401);
    expect(sent.requests.length).toBe(before);
  });

  it("lists every job with its triggers and an example payload", async () => {
    const response = await admin("/jobs");
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as {
      jobs: {
        id: string;
        triggerEvents: { event: string; example: unknown }[];
        triggers: { nextRun?: string }[];
      }[];
    };
    expect(jobs.map((job) => job.id)).toEqual(app.jobs.map((job) => job.id));
    expect(jobs.find((job) => job.id === "cleanup-expired-records")?.triggerEvents).toEqual([
      { event: "system/cleanup", example: { scope: "sessions", olderThanDays: 30 } },
    ]);
    expect(jobs.find((job) => job.id === "daily-report")?.triggers[0]?.nextRun).toMatch(/Z$/);
  });

  it("sends the job's trigger event, validated, and answers 202 with its id", async () => {
    const before = sent.events().length;
    const response = await trigger("cleanup-expired-records", {
      data: { scope: "logs", olderThanDays: 90 },
      id: "manual-cleanup-logs",
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ job: "cleanup-expired-records", event: "system/cleanup" });
    expect(sent.events().slice(before)).toEqual([
      expect.objectContaining({
        name: "system/cleanup",
        id: "manual-cleanup-logs",
        data: { scope: "logs", olderThanDays: 90 },
      }),
    ]);
  });

  it("answers 400 naming the known jobs for an unknown job, and sends nothing", async () => {
    const before = sent.requests.length;
    const response = await trigger("send-welcom-email", validSignup);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe("unknown_job");
    expect(body.message).toMatch(/^Unknown job "send-welcom-email"; jobs: .*send-welcome-email/);
    expect(sent.requests.length).toBe(before);
  });

  it("answers 400 with the failing field for an invalid payload, and sends nothing", async () => {
    const before = sent.requests.length;
    const response = await trigger("user-signup-fan-out", {
      data: { userId: "usr_1", email: "not-an-email" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string; issues: { path: string }[] };
    expect(body.error).toBe("invalid_payload");
    expect(body.message).toContain('event "user/created"');
    expect(body.issues.map((issue) => issue.path)).toEqual(["data.email"]);
    expect(sent.requests.length).toBe(before);
  });

  it("answers 400 with an example when the body has no data object", async () => {
    const response = await trigger("trial-expiration", { userId: "usr_1" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; example: { data: { trialEndsAt: string } } };
    expect(body.message).toMatch(
      /^Expected a JSON body \{ "data": \{ … \} \} with the data of "trial\/started"/,
    );
    expect(body.example.data.trialEndsAt).toBeTypeOf("string");
  });

  it("answers 400 for malformed JSON", async () => {
    const response = await trigger("user-signup-fan-out", '{"data": {');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "entity_parse_failed",
      message: "The request body is not valid JSON",
    });
  });

  it("answers 400 for a scheduled job, which has no trigger event", async () => {
    const response = await trigger("daily-report", { data: {} });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe("not_triggerable");
    expect(body.message).toContain("TZ=America/New_York 0 9 * * *");
  });

  it("answers 502 when Inngest does not accept the event", async () => {
    const failing = await appWith({ ADMIN_TOKEN: token }, () => new Response("down", { status: 503 }));
    try {
      const response = await fetch(`${failing.app.url}/admin/jobs/user-signup-fan-out/trigger`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(validSignup),
      });
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: string }).error).toBe("send_failed");
    } finally {
      await failing.app.close();
    }
  });
});
