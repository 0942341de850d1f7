import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJob } from "../scripts/run-job";
import {
  canonicalJson,
  closedPort,
  inngestSignature,
  type RunningApp,
  recordingFetch,
  silentLogger,
  startApp,
} from "./http-harness";

const appId = "jobkit-express-example";
const signingKey = `signkey-test-${"5f".repeat(32)}`;
const jobIds = [
  "user-signup-fan-out",
  "send-welcome-email",
  "deliver-email",
  "process-order",
  "daily-report",
  "cleanup-schedule",
  "cleanup-expired-records",
  "cart-abandonment",
  "trial-expiration",
  "notification-digest",
  "user-report",
  "failure-tracker",
];

describe("GET /api/inngest in dev mode", () => {
  let app: RunningApp;
  beforeAll(async () => {
    const port = await closedPort();
    app = await startApp({
      environment: { INNGEST_DEV: "1", INNGEST_BASE_URL: `http://127.0.0.1:${port}` },
      fetch: recordingFetch().fetch,
      logger: silentLogger,
    });
  });
  afterAll(() => app.close());

  it("answers the introspection request without a signature and counts every job", async () => {
    const response = await fetch(`${app.url}/api/inngest`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ mode: "dev", function_count: jobIds.length });
  });

  it("lists every job id in an in-band sync", async () => {
    const body = JSON.stringify({ url: `${app.url}/api/inngest` });
    const response = await fetch(`${app.url}/api/inngest`, {
      method: "PUT",
      body,
      headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    });
    expect(response.status).toBe(200);
    const { functions } = (await response.json()) as { functions: { id: string }[] };
    expect(functions.map((fn) => fn.id).sort()).toEqual(jobIds.map((id) => `${appId}-${id}`).sort());
  });
});

describe("/api/inngest in cloud mode with a signing key", () => {
  let app: RunningApp;
  let sent: ReturnType<typeof recordingFetch>;
  beforeAll(async () => {
    const port = await closedPort();
    sent = recordingFetch();
    app = await startApp({
      environment: {
        INNGEST_SIGNING_KEY: signingKey,
        INNGEST_EVENT_KEY: "test-event-key",
        INNGEST_BASE_URL: `http://127.0.0.1:${port}`,
      },
      fetch: sent.fetch,
      logger: silentLogger,
    });
  });
  afterAll(() => app.close());

  const endpoint = (query = "") => `${app.url}/api/inngest${query}`;
  const post = (query: string, body: string, signature?: string) =>
    fetch(endpoint(query), {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        ...(signature ? { "x-inngest-signature": signature } : {}),
      },
    });

  it("refuses an unsigned introspection request", async () => {
    const response = await fetch(endpoint());
    expect(response.status).toBe(401);
  });

  it("answers a signed introspection request as authenticated, counting every job", async () => {
    const response = await fetch(endpoint(), {
      headers: { "x-inngest-signature": inngestSignature("", signingKey) },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      mode: "cloud",
      authentication_succeeded: true,
      app_id: appId,
      function_count: jobIds.length,
    });
  });

  it("lists every job id in a signed in-band sync", async () => {
    const body = canonicalJson({ url: endpoint() });
    const response = await fetch(endpoint(), {
      method: "PUT",
      body,
      headers: {
        "content-type": "application/json",
        "x-inngest-sync-kind": "in_band",
        "x-inngest-signature": inngestSignature(body, signingKey),
      },
    });
    expect(response.status).toBe(200);
    const { functions } = (await response.json()) as { functions: { id: string }[] };
    expect(functions.map((fn) => fn.id).sort()).toEqual(jobIds.map((id) => `${appId}-${id}`).sort());
  });

  const cleanupRequest = () => {
    const event = {
      name: "system/cleanup",
      id: "evt_cleanup_1",
      ts: Date.now(),
      data: { scope: "sessions", olderThanDays: 30 },
    };
    return canonicalJson({
      event,
      events: [event],
      steps: {},
      ctx: { run_id: "run_cleanup", attempt: 0, stack: { stack: [], current: 0 } },
      version: 2,
    });
  };
  const cleanupQuery = `?fnId=${appId}-cleanup-expired-records&stepId=step`;

  it("refuses an unsigned execution request without running the function", async () => {
    app.store.records.sessions = [{ id: "sess_old", createdAt: new Date(Date.now() - 60 * 86_400_000) }];
    const response = await post(cleanupQuery, cleanupRequest());
    expect(response.status).toBe(401);
    expect(app.store.records.sessions).toHaveLength(1);
  });

  it("refuses an execution request signed with another key", async () => {
    const body = cleanupRequest();
    const response = await post(
      cleanupQuery,
      body,
      inngestSignature(body, `signkey-test-${"00".repeat(32)}`),
    );
    expect(response.status).toBe(401);
  });

  it("refuses a correctly signed request whose timestamp is over five minutes old", async () => {
    const body = cleanupRequest();
    const response = await post(
      cleanupQuery,
      body,
      inngestSignature(body, signingKey, new Date(Date.now() - 6 * 60_000)),
    );
    expect(response.status).toBe(401);
  });

  it("refuses a signed request whose body was changed after signing", async () => {
    const body = cleanupRequest();
    const response = await post(
      cleanupQuery,
      body.replace('"olderThanDays":30', '"olderThanDays":1'),
      inngestSignature(body, signingKey),
    );
    expect(response.status).toBe(401);
  });

  it("runs a step of a signed execution request and returns it as an opcode", async () => {
    app.store.records.sessions = [
      { id: "sess_old", createdAt: new Date(Date.now() - 60 * 86_400_000) },
      { id: "sess_new", createdAt: new Date() },
    ];
    const body = cleanupRequest();
    const response = await post(cleanupQuery, body, inngestSignature(body, signingKey));
    expect(response.status).toBe(206);
    const [op] = (await response.json()) as { op: string; displayName: string; data: unknown }[];
    expect(op).toMatchObject({ op: "StepRun", displayName: "delete-records", data: 1 });
    expect(app.store.records.sessions.map((record) => record.id)).toEqual(["sess_new"]);
    // Inngest checks the SDK's answer with the same key.
    expect(response.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
  });

  it("drives process-order to completion the way the Inngest executor does, and returns its result", async () => {
    app.store.users.set("usr_1", {
      id: "usr_1",
      email: "ada@example.com",
      role: "customer",
      createdAt: new Date(),
    });
    app.store.orders.set("ord_1", {
      id: "ord_1",
      userId: "usr_1",
      amount: 3998,
      currency: "USD",
      status: "pending",
      createdAt: new Date(),
    });
    app.store.stock.set("tee-m", { available: 5, reserved: 0 });
    const event = {
      name: "order/placed",
      id: "evt_order_1",
      ts: Date.now(),
      data: {
        orderId: "ord_1",
        userId: "usr_1",
        amount: 3998,
        currency: "USD",
        items: [{ productId: "prod_tee", variantId: "tee-m", quantity: 2, price: 1999 }],
        shippingAddress: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
      },
    };
    const eventsBefore = sent.events().length;
    // Memoized step results by hashed id, and the order they completed in: what Inngest sends back.
    const steps: Record<string, { type: "data"; data: unknown }> = {};
    const stack: string[] = [];
    const ran: string[] = [];
    let response: Response | undefined;
    for (let request = 0; request < 20; request++) {
      const body = canonicalJson({
        event,
        events: [event],
        steps,
        ctx: { run_id: "run_order_1", attempt: 0, stack: { stack, current: stack.length } },
        version: 2,
      });
      response = await post(
        `?fnId=${appId}-process-order&stepId=step`,
        body,
        inngestSignature(body, signingKey),
      );
      if (response.status !== 206) break;
      for (const op of (await response.json()) as { id: string; displayName: string; data?: unknown }[]) {
        steps[op.id] = { type: "data", data: op.data ?? null };
        stack.push(op.id);
        ran.push(op.displayName);
      }
    }
    expect(response?.status).toBe(200);
    expect(await response?.json()).toEqual({
      orderId: "ord_1",
      status: "processing",
      confirmationEmail: true,
      fulfillment: true,
    });
    expect(ran).toEqual([
      "validate-order",
      "reserve-inventory",
      "update-order-status",
      "send-confirmation-email",
      "trigger-fulfillment",
      "update-analytics",
    ]);
    expect(app.store.stock.get("tee-m")).toEqual({ available: 3, reserved: 2 });
    expect(
      sent
        .events()
        .slice(eventsBefore)
        .map((sentEvent) => sentEvent.name),
    ).toEqual(["email/send", "order/fulfillment/requested", "analytics/track"]);
  });
});

describe("npm run job against the cloud-mode server", () => {
  let app: RunningApp;
  beforeAll(async () => {
    const port = await closedPort();
    app = await startApp({
      environment: { INNGEST_SIGNING_KEY: signingKey, INNGEST_BASE_URL: `http://127.0.0.1:${port}` },
      fetch: recordingFetch().fetch,
      logger: silentLogger,
    });
  });
  afterAll(() => app.close());

  it("runs the cleanup job to its end with signed calls and reports its step and result", async () => {
    const old = new Date(Date.UTC(2024, 0, 1));
    app.store.records.sessions = [{ id: "sess_old", createdAt: old }];
    const event = { name: "system/cleanup", data: { scope: "sessions", olderThanDays: 30 } };

    const run = await runJob({ url: app.url, appId, jobId: "cleanup-expired-records", event, signingKey });

    expect(run.status).toBe(200);
    expect(run.ops).toEqual([{ op: "StepRun", name: "delete-records" }]);
    expect(run.result).toMatchObject({ scope: "sessions", deleted: 1 });
    expect(app.store.records.sessions).toEqual([]);
  });
});
