import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runJob } from "../scripts/run-job";
import { mailer } from "../src/mailer";
import type { RunningServer } from "../src/server";
import { runBody, runToEnd, signedInit } from "./inngest-request";

const signingKey = `signkey-test-${"5eed".repeat(16)}`;
const appId = "jobkit-hono-test";

/** Events the app sent to the Inngest Event API, here a loopback server started by the test. */
const received: { name: string; data: Record<string, unknown> }[] = [];
let eventApi: Server;
let app: RunningServer;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

beforeAll(async () => {
  eventApi = createServer(async (request, response) => {
    const events = (await readJson(request)) as typeof received;
    received.push(...events);
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ ids: events.map((_, index) => `01JEVENT${index}`), status: 200 }));
  });
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", resolve));
  const eventApiPort = (eventApi.address() as AddressInfo).port;

  // Only loopback: the app under test and the Event API stand-in.
  const realFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.hostname !== "127.0.0.1") return Promise.reject(new Error(`refusing to reach ${url.origin}`));
    return realFetch(input, init);
  });

  // Cloud mode, as in production: every call to the endpoint must be signed with the signing key.
  vi.stubEnv("INNGEST_DEV", "0");
  vi.stubEnv("INNGEST_SIGNING_KEY", signingKey);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.stubEnv("INNGEST_APP_ID", appId);
  vi.stubEnv("INNGEST_BASE_URL", `http://127.0.0.1:${eventApiPort}/`);
  const { startServer } = await import("../src/server");
  app = await startServer({ port: 0, hostname: "127.0.0.1" });
});

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => eventApi?.close(resolve));
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** Runs a function of the app to the end over HTTP, signing each call like Inngest does. */
function runToEndOverHttp(functionId: string, event: { name: string; data: unknown }) {
  const url = `${app.url}/api/inngest?fnId=${appId}-${functionId}&stepId=step`;
  return runToEnd((init) => fetch(url, init), signingKey, event);
}

describe("the Hono app over HTTP", () => {
  it("reports health with the served jobs", async () => {
    const response = await fetch(`${app.url}/health`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; mode: string; jobs: { id: string }[] };
    expect(body.status).toBe("ok");
    expect(body.mode).toBe("cloud");
    expect(body.jobs.map((job) => job.id)).toEqual(["send-email", "cart-abandonment", "trial-expiration"]);
  });

  it("answers a signed introspection GET with the number of served functions", async () => {
    const response = await fetch(`${app.url}/api/inngest`, signedInit("GET", signingKey));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      mode: "cloud",
      authentication_succeeded: true,
      function_count: 3,
    });
  });

  it("lists every served function by id on a signed in-band sync", async () => {
    const url = `${app.url}/api/inngest`;
    const response = await fetch(
      url,
      signedInit("PUT", signingKey, { url }, { "x-inngest-sync-kind": "in_band" }),
    );

    expect(response.status).toBe(200);
    const { functions } = (await response.json()) as { functions: { id: string }[] };
    expect(functions.map((fn) => fn.id)).toEqual([
      `${appId}-send-email`,
      `${appId}-cart-abandonment`,
      `${appId}-trial-expiration`,
    ]);
  });

  it("refuses unsigned calls with 401, runs nothing and logs no payload", async () => {
    const send = vi.spyOn(mailer, "send");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const event = { name: "email/send", data: { to: "ada@example.com", subject: "Hi", template: "welcome" } };
    const post = await fetch(`${app.url}/api/inngest?fnId=${appId}-send-email&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(runBody(event)),
    });
    const get = await fetch(`${app.url}/api/inngest`);

    expect([post.status, get.status]).toEqual([401, 401]);
    expect(send).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalled();
    expect(JSON.stringify(logged.mock.calls)).not.toContain("ada@example.com");
    logged.mockRestore();
  });

  it("fails an event that breaks its catalog schema with 400, so Inngest does not retry it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const event = { name: "email/send", data: { to: "not-an-address", subject: "Hi", template: "welcome" } };

    const run = await runToEndOverHttp("send-email", event);

    expect(run.status).toBe(400);
    expect(run.noRetry).toBe("true");
    expect(JSON.stringify(run.result)).toContain("data.to");
    logged.mockRestore();
  });

  it("runs the cart reminder for signed calls: waits 24 hours, then emits the reminder email", async () => {
    const hour = 60 * 60 * 1000;
    const abandonedAt = new Date(Date.now() - hour).toISOString();
    const cart = {
      cartId: "cart_1",
      userId: "usr_1",
      email: "ada@example.com",
      items: [{ productId: "sku_1", quantity: 1, price: 1999 }],
      total: 1999,
      currency: "USD",
      abandonedAt,
    };

    const run = await runToEndOverHttp("cart-abandonment", { name: "cart/abandoned", data: cart });

    expect(run.status).toBe(200);
    const wakeAt = new Date(Date.parse(abandonedAt) + 24 * hour).toISOString();
    expect(run.ops).toContainEqual({ op: "Sleep", name: wakeAt });
    expect(run.result).toMatchObject({ sent: 1, reminders: [{ status: "sent" }] });
    expect(received).toContainEqual(
      expect.objectContaining({
        name: "email/send",
        data: expect.objectContaining({ to: "ada@example.com", template: "cart-abandoned" }),
      }),
    );
  });

  it("runs a job from `npm run job`: the email job delivers in one step", async () => {
    const send = vi.spyOn(mailer, "send");
    const event = { name: "email/send", data: { to: "ada@example.com", subject: "Hi", template: "welcome" } };

    const run = await runJob({ url: app.url, appId, jobId: "send-email", event, signingKey });

    expect(run.status).toBe(200);
    expect(run.ops).toEqual([{ op: "StepRun", name: "deliver" }]);
    expect(run.result).toMatchObject({ template: "welcome", messageId: expect.stringMatching(/^dev-/) });
    expect(send).toHaveBeenCalledOnce();
    send.mockRestore();
  });
});
