import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inngestSignature, runBody, runToEnd, signedInit } from "./inngest-request";

const signingKey = `signkey-test-${"5eed".repeat(16)}`;
const appId = "jobkit-nextjs-test";
const endpoint = "http://127.0.0.1:3000/api/inngest";
const signup = { name: "user/created", data: { userId: "usr_1", email: "ada@example.com", name: "Ada" } };

/** Events the functions sent to the Inngest Event API, recorded instead of leaving the machine. */
const sent: { name: string; data: Record<string, unknown> }[] = [];

async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.hostname !== "127.0.0.1") throw new Error(`refusing to reach ${url.origin} from a test`);
  const events = JSON.parse(String(init?.body)) as typeof sent;
  sent.push(...events);
  return Response.json({ ids: events.map((_, index) => `01JEVENT${index}`), status: 200 });
}

let route: typeof import("../app/api/inngest/route");
let mailer: typeof import("../lib/services/mailer").mailer;

/** Calls a route handler the way Next.js does: a `NextRequest` and the segment context. */
function call(method: "GET" | "POST" | "PUT", url: string, init: RequestInit = { method }) {
  return route[method](new NextRequest(new Request(url, init)), { params: Promise.resolve({}) });
}

function run(functionId: string, event: { name: string; data: unknown }) {
  const url = `${endpoint}?fnId=${appId}-${functionId}&stepId=step`;
  return runToEnd((init) => call("POST", url, init), signingKey, event);
}

beforeAll(async () => {
  // Cloud mode, as in production: every call to the endpoint must be signed with the signing key.
  vi.stubEnv("INNGEST_DEV", "0");
  vi.stubEnv("INNGEST_SIGNING_KEY", signingKey);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.stubEnv("INNGEST_APP_ID", appId);
  vi.stubEnv("INNGEST_BASE_URL", "http://127.0.0.1:8288/");
  vi.stubGlobal("fetch", recordingFetch);
  route = await import("../app/api/inngest/route");
  ({ mailer } = await import("../lib/services/mailer"));
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("app/api/inngest", () => {
  it("answers a signed introspection GET with the number of served functions", async () => {
    const response = await call("GET", endpoint, signedInit("GET", signingKey));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      mode: "cloud",
      authentication_succeeded: true,
      function_count: 7,
    });
  });

  it("lists every served function by id on a signed in-band sync", async () => {
    const init = signedInit("PUT", signingKey, { url: endpoint }, { "x-inngest-sync-kind": "in_band" });
    const response = await call("PUT", endpoint, init);

    expect(response.status).toBe(200);
    const { functions } = (await response.json()) as { functions: { id: string }[] };
    expect(functions.map((fn) => fn.id)).toEqual([
      `${appId}-batch-scan`,
      `${appId}-scan-page`,
      `${appId}-analyze-page`,
      `${appId}-image-processing`,
      `${appId}-send-notification`,
      `${appId}-send-welcome-email`,
      `${appId}-user-signup-fan-out`,
    ]);
  });

  it("syncs the flow control Inngest enforces: throttled analysis per provider, capped scans and image work", async () => {
    const init = signedInit("PUT", signingKey, { url: endpoint }, { "x-inngest-sync-kind": "in_band" });
    const response = await call("PUT", endpoint, init);

    type SyncedFunction = { id: string; throttle?: unknown; concurrency?: unknown; timeouts?: unknown };
    const { functions } = (await response.json()) as { functions: SyncedFunction[] };
    const synced = (id: string) => functions.find((fn) => fn.id === `${appId}-${id}`);
    expect(synced("analyze-page")?.throttle).toMatchObject({
      limit: 20,
      period: "1m",
      key: "event.data.provider",
    });
    expect(synced("scan-page")?.concurrency).toEqual({ limit: 5 });
    expect(synced("image-processing")).toMatchObject({
      concurrency: { limit: 2 },
      timeouts: { finish: "5m" },
    });
  });

  it("refuses unsigned calls with 401, runs nothing and logs no payload", async () => {
    const send = vi.spyOn(mailer, "send");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const url = `${endpoint}?fnId=${appId}-send-welcome-email&stepId=step`;

    const post = await call("POST", url, { method: "POST", body: JSON.stringify(runBody(signup)) });
    const get = await call("GET", endpoint);

    expect([post.status, get.status]).toEqual([401, 401]);
    expect(send).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalled();
    expect(JSON.stringify(logged.mock.calls)).not.toContain("ada@example.com");
    logged.mockRestore();
  });

  it("refuses a call signed with another key", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const otherKey = `signkey-test-${"0ther".repeat(12)}`;
    const url = `${endpoint}?fnId=${appId}-send-welcome-email&stepId=step`;

    const response = await call("POST", url, signedInit("POST", otherKey, runBody(signup)));

    expect(response.status).toBe(401);
    logged.mockRestore();
  });

  it("runs the welcome email for signed calls and returns the function's result", async () => {
    const send = vi.spyOn(mailer, "send").mockResolvedValue({ messageId: "msg_1" });

    const outcome = await run("send-welcome-email", signup);

    expect(outcome.status).toBe(200);
    expect(outcome.result).toEqual({ userId: "usr_1", messageId: "msg_1" });
    expect(outcome.ops).toEqual([{ op: "StepRun", name: "send-email" }]);
    // Once the step's result is memoized, the replay that finishes the run does not send again.
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({ to: "ada@example.com", template: "welcome" }),
    );
    send.mockRestore();
  });

  it("runs the sign-up fan-out: four events for the new user, none of them a second welcome email", async () => {
    sent.length = 0;

    const outcome = await run("user-signup-fan-out", signup);

    expect(outcome.status).toBe(200);
    expect(outcome.result).toMatchObject({ jobsTriggered: 4 });
    expect(sent.map((event) => event.name).sort()).toEqual([
      "marketing/subscribe",
      "notification/slack",
      "user/profile/create",
      "user/settings/initialize",
    ]);
  });

  it("signs its responses with the same key, so Inngest can trust them", async () => {
    const response = await call("GET", endpoint, signedInit("GET", signingKey));
    const body = await response.text();
    const signature = response.headers.get("x-inngest-signature") ?? "";
    const timestamp = new Date(Number(new URLSearchParams(signature).get("t")) * 1000);

    expect(signature).toBe(inngestSignature(body, signingKey, timestamp));
  });
});
