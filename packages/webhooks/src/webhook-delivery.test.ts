import { createHmac } from "node:crypto";
import { webhookDeliver, webhookDelivered, webhookFailed } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { type JobRun, type RetryEntry, runJob } from "@jobkit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type LoopbackServer, type RequestHandler, startLoopbackServer } from "../test/loopback-server";
import type { WebhookResolver } from "./check-webhook-url";
import { decodeWebhookSecret } from "./decode-webhook-secret";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { verifyWebhook } from "./verify-webhook";
import { webhookDelivery } from "./webhook-delivery";
import type { WebhookDeliveryOptions } from "./webhook-delivery-options";
import type { WebhookTransport } from "./webhook-transport";

// The system resolver must never run in tests: a real name would leave the machine.
vi.mock("node:dns/promises", () => ({
  lookup: () => Promise.reject(new Error("tests must inject a resolver")),
}));

const secret = generateWebhookSecret();
const now = "2026-01-01T00:00:00Z";
const start = Date.parse(now);
// The test server is plain http on 127.0.0.1: allowed explicitly, and only that address.
const loopbackOnly = { allowHttp: true, allowHosts: ["127.0.0.1"] } as const;

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: RequestHandler): Promise<LoopbackServer> {
  server = await startLoopbackServer(handler);
  return server;
}

/** Answers each request with the next status, then 200. */
function statuses(...answers: (number | [number, Record<string, string>, string?])[]): RequestHandler {
  return (_, response, index) => {
    const answer = answers[index] ?? 200;
    const [status, headers, body] = typeof answer === "number" ? [answer, {}, ""] : answer;
    response.writeHead(status, headers).end(body ?? "");
  };
}

type EventData = Parameters<typeof webhookDeliver.create>[0];

function deliver(
  url: string,
  options: Partial<WebhookDeliveryOptions> = {},
  data: Partial<EventData> = {},
): Promise<JobRun> {
  const definition = webhookDelivery({ secretFor: () => secret, ...loopbackOnly, ...options });
  return runJob(definition, {
    event: webhookDeliver.create(
      { webhookId: "wh_1", url, payload: { invoiceId: "inv_1" }, ...data },
      { id: "evt_1", ts: start },
    ),
    now,
  });
}

function retries(run: JobRun): RetryEntry[] {
  return run.timeline.filter((entry): entry is RetryEntry => entry.type === "retry");
}

function sentData(run: JobRun, name: string): Record<string, unknown> | undefined {
  return run.sent.find((event) => event.name === name)?.data as Record<string, unknown> | undefined;
}

describe("webhookDelivery against a real server on 127.0.0.1", () => {
  it("POSTs the signed payload and sends webhook/delivered", async () => {
    const { origin, requests } = await serve(statuses(200));
    const run = await deliver(`${origin}/hooks/acme`, {}, { messageId: "msg_42" });

    expect(run.status).toBe("completed");
    expect(run.output).toMatchObject({ webhookId: "wh_1", messageId: "msg_42", status: 200, attempts: 1 });
    expect(sentData(run, "webhook/delivered")).toMatchObject({
      webhookId: "wh_1",
      messageId: "msg_42",
      url: `${origin}/hooks/acme`,
      status: 200,
      attempts: 1,
      deliveredAt: "2026-01-01T00:00:00.000Z",
    });
    const [request] = requests;
    expect(request?.body).toBe('{"invoiceId":"inv_1"}');
    expect(request?.headers).toMatchObject({
      "webhook-id": "msg_42",
      "webhook-timestamp": String(start / 1000),
    });
    // The receiver's check, and an independent one written here with node:crypto from the specification.
    expect(
      verifyWebhook(secret, request?.headers ?? {}, request?.body ?? "", { now: start }).payload,
    ).toEqual({
      invoiceId: "inv_1",
    });
    const signed = `msg_42.${start / 1000}.${request?.body}`;
    const expected = createHmac("sha256", decodeWebhookSecret(secret, "secret"))
      .update(signed)
      .digest("base64");
    expect(request?.headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("retries a 500 with the exponential backoff and delivers on the next attempt", async () => {
    const { origin, requests } = await serve(statuses(500, 200));
    const run = await deliver(`${origin}/`);

    expect(run.status).toBe("completed");
    expect(run.output).toMatchObject({ status: 200, attempts: 2 });
    const [retry] = retries(run);
    expect(retry?.error.message).toBe(
      `Webhook wh_1 attempt 1 to ${origin}/ failed, will retry: HTTP 500 Internal Server Error`,
    );
    // 30 s, raised by up to 20 % of jitter.
    expect(retry?.delay).toBeGreaterThanOrEqual(30_000);
    expect(retry?.delay).toBeLessThanOrEqual(36_000);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers["webhook-id"]).toBe(requests[0]?.headers["webhook-id"]);
    expect(Number(requests[1]?.headers["webhook-timestamp"])).toBe(start / 1000 + (retry?.delay ?? 0) / 1000);
    expect(sentData(run, "webhook/delivered")).toMatchObject({ attempts: 2 });
  });

  it("waits the 7 seconds a 429 asks for in Retry-After", async () => {
    const { origin, requests } = await serve(statuses([429, { "retry-after": "7" }, "slow down"], 200));
    const run = await deliver(`${origin}/`);

    expect(run.status).toBe("completed");
    expect(retries(run).map((entry) => entry.delay)).toEqual([7000]);
    expect(requests.map((request) => request.headers["webhook-timestamp"])).toEqual([
      String(start / 1000),
      String(start / 1000 + 7),
    ]);
  });

  it("waits until the date a 503 gives in Retry-After, measured by the server's own clock", async () => {
    // The receiver's clock runs 3 hours ahead of the run's (skew within a day is trusted).
    const serverNow = new Date(start + 3 * 60 * 60 * 1000);
    const retryAt = new Date(serverNow.getTime() + 90_000);
    const { origin } = await serve(
      statuses([503, { date: serverNow.toUTCString(), "retry-after": retryAt.toUTCString() }], 200),
    );
    const run = await deliver(`${origin}/`);
    expect(retries(run).map((entry) => entry.delay)).toEqual([90_000]);
  });

  it("fails at once on a 400, with the status and a body excerpt, and sends webhook/failed", async () => {
    const { origin, requests } = await serve(statuses([400, {}, '{"error":"unknown field invoiceId"}']));
    const run = await deliver(`${origin}/hook`);

    expect(run.status).toBe("failed");
    expect(retries(run)).toEqual([]);
    expect(requests).toHaveLength(1);
    // Non-retriable, so Inngest ends the run at once; the WebhookError is its cause.
    expect(run.error?.name).toBe("NonRetriableError");
    expect(run.error?.cause).toMatchObject({ code: "delivery-failed" });
    expect(run.error?.message).toBe(
      [
        `Webhook wh_1 (message msg_evt_1) not delivered to ${origin}/hook after 1 attempt(s): HTTP 400 Bad Request: {"error":"unknown field invoiceId"}`,
        "  expected: a 2xx response; the subscriber must fix the endpoint, then send webhook/deliver again",
      ].join("\n"),
    );
    expect(sentData(run, "webhook/failed")).toEqual({
      webhookId: "wh_1",
      messageId: "msg_evt_1",
      url: `${origin}/hook`,
      status: 400,
      attempts: 1,
      error: 'HTTP 400 Bad Request: {"error":"unknown field invoiceId"}',
      failedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it.each([
    [200, "webhook/delivered"],
    [400, "webhook/failed"],
  ])("keeps the URL's query string, which may hold a token, out of %s's %s event", async (status, name) => {
    const { origin, requests } = await serve(statuses(status));
    const run = await deliver(`${origin}/hook?token=s3cr3t-token#frag`);

    expect(requests[0]?.path).toBe("/hook?token=s3cr3t-token");
    expect(sentData(run, name)?.url).toBe(`${origin}/hook?(redacted)`);
    expect(JSON.stringify(run.sent)).not.toContain("s3cr3t-token");
  });

  it("retries a receiver that does not answer within requestTimeout, then fails without a status", async () => {
    const { origin, requests } = await serve(() => {
      // never answers
    });
    const run = await deliver(`${origin}/`, { requestTimeout: 150 }, { retryCount: 1 });

    expect(run.status).toBe("failed");
    expect(requests).toHaveLength(2);
    expect(retries(run)).toHaveLength(1);
    const failed = sentData(run, "webhook/failed");
    expect(failed).toMatchObject({ attempts: 2, error: "no response within 150ms" });
    expect(failed).not.toHaveProperty("status");
  });

  it("refuses a redirect to a refused address: the target gets nothing", async () => {
    const { origin, port, requests } = await serve((request, response) => {
      if (request.path === "/start")
        response.writeHead(307, { location: `http://localhost:${port}/admin` }).end();
      else response.writeHead(200).end();
    });
    const run = await deliver(`${origin}/start`, { maxRedirects: 3 });

    expect(run.status).toBe("failed");
    expect(retries(run)).toEqual([]);
    expect(requests.map((request) => request.path)).toEqual(["/start"]);
    expect(sentData(run, "webhook/failed")?.error).toMatch(
      /^Refused webhook redirect target http:\/\/localhost:\d+\/admin: host "localhost" is a loopback address;/,
    );
  });

  it("fails a redirect without following it by default", async () => {
    const { origin, requests } = await serve(statuses([301, { location: "https://new.example/hook" }]));
    const run = await deliver(`${origin}/`);
    expect(run.status).toBe("failed");
    expect(requests).toHaveLength(1);
    expect(sentData(run, "webhook/failed")).toMatchObject({ status: 301 });
  });
});

describe("webhookDelivery's SSRF guard", () => {
  it.each([
    (port: number) => `http://127.0.0.1:${port}/`,
    (port: number) => `http://localhost:${port}/`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/`,
    (port: number) => `http://2130706433:${port}/`,
    (port: number) => `http://127.1:${port}/`,
    (port: number) => `http://0x7f000001:${port}/`,
    (port: number) => `http://loopback.example.test:${port}/`,
  ])("refuses the loopback spelling %s with the guard on: the server receives nothing", async (urlFor) => {
    const { port, requests } = await serve(statuses(200));
    const resolve: WebhookResolver = async (hostname) =>
      ({ localhost: ["127.0.0.1"], "loopback.example.test": ["127.0.0.1"] })[hostname] ?? [];
    const definition = webhookDelivery({ secretFor: () => secret, allowHttp: true, resolve });
    const run = await runJob(definition, {
      event: webhookDeliver.create({ webhookId: "wh_1", url: urlFor(port), payload: {} }),
      now,
    });

    expect(run.status).toBe("failed");
    expect(retries(run)).toEqual([]);
    expect(sentData(run, "webhook/failed")?.error).toMatch(/loopback address/);
    expect(requests).toEqual([]);
  });

  it.each([
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.5/hook",
    "https://[fd00::1]/hook",
    "https://[::ffff:10.0.0.5]/hook",
    "https://2852039166/",
    "https://0xa9fea9fe/",
    "https://0x0a000005/",
    "https://internal.example.com/hook",
    "https://metadata.example.com/",
    "https://rebind.example.com/",
  ])("refuses %s without ever calling the transport", async (url) => {
    const transport = vi.fn<WebhookTransport>(async (request) => {
      throw new Error(`the test tried to connect to ${request.address}`);
    });
    const table: Record<string, string[]> = {
      "internal.example.com": ["10.0.0.5"],
      "metadata.example.com": ["169.254.169.254"],
      "rebind.example.com": ["93.184.215.14", "127.0.0.1"],
    };
    const resolve: WebhookResolver = async (hostname) => table[hostname] ?? [];
    const run = await runJob(webhookDelivery({ secretFor: () => secret, transport, resolve }), {
      event: webhookDeliver.create({ webhookId: "wh_1", url, payload: {} }),
      now,
    });

    expect(run.status).toBe("failed");
    expect(sentData(run, "webhook/failed")?.error).toMatch(
      /^Refused webhook URL .*(private|metadata|loopback)/,
    );
    expect(transport).not.toHaveBeenCalled();
  });

  it("resolves once per attempt and connects to the address it checked", async () => {
    const resolve = vi.fn<WebhookResolver>(async () => ["93.184.215.14"]);
    const transport = vi.fn<WebhookTransport>(async () => ({
      status: 204,
      statusText: "",
      headers: {},
      body: new Uint8Array(),
    }));
    const run = await runJob(webhookDelivery({ secretFor: () => secret, transport, resolve }), {
      event: webhookDeliver.create({ webhookId: "wh_1", url: "https://hooks.example.com/acme", payload: {} }),
      now,
    });
    expect(run.status).toBe("completed");
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(transport.mock.calls[0]?.[0]).toMatchObject({ address: "93.184.215.14", family: 4 });
    expect(transport.mock.calls[0]?.[0].url.hostname).toBe("hooks.example.com");
  });
});

describe("webhookDelivery retries", () => {
  it("gives up after the retries the event allows and reports every attempt", async () => {
    const { origin, requests } = await serve(statuses(503, 503, 503, 503));
    const run = await deliver(`${origin}/`, {}, { retryCount: 2 });

    expect(run.status).toBe("failed");
    expect(requests).toHaveLength(3);
    expect(retries(run)).toHaveLength(2);
    expect(sentData(run, "webhook/failed")).toMatchObject({
      status: 503,
      attempts: 3,
      error: "HTTP 503 Service Unavailable",
    });
    expect(run.error?.message).toContain("after 3 attempt(s)");
  });

  it.each([600, 999])(
    "treats a status of %s like a broken response and still sends webhook/failed (defect 1)",
    async (status) => {
      const { origin, requests } = await serve(statuses(status, status));
      const run = await deliver(`${origin}/`, {}, { retryCount: 1 });

      expect(requests).toHaveLength(2);
      expect(run.error?.name).toBe("NonRetriableError");
      expect(run.error?.cause).toMatchObject({ code: "delivery-failed" });
      const failed = sentData(run, "webhook/failed");
      expect(failed).toMatchObject({ attempts: 2, error: `invalid HTTP status ${status} from the endpoint` });
      expect(failed).not.toHaveProperty("status");
    },
  );

  it("never retries more than the definition allows, whatever retryCount says", async () => {
    const { origin, requests } = await serve(statuses(500, 500, 500));
    const run = await deliver(`${origin}/`, { retries: 1 }, { retryCount: 5 });
    expect(run.status).toBe("failed");
    expect(requests).toHaveLength(2);
  });

  it("follows the definition's own backoff policy", async () => {
    const { origin } = await serve(statuses(500, 500, 200));
    const run = await deliver(`${origin}/`, {
      retries: { attempts: 3, backoff: "linear", minTimeout: "10s" },
    });
    expect(retries(run).map((entry) => entry.delay)).toEqual([10_000, 20_000]);
  });

  it("retries a failing secret lookup, then fails naming it", async () => {
    const secretFor = vi.fn(async () => {
      throw new Error("vault unavailable");
    });
    const transport = vi.fn<WebhookTransport>();
    const run = await runJob(webhookDelivery({ secretFor, transport, retries: 1 }), {
      event: webhookDeliver.create({ webhookId: "wh_7", url: "https://hooks.example.com/", payload: {} }),
      now,
    });
    expect(secretFor).toHaveBeenCalledTimes(2);
    expect(secretFor).toHaveBeenCalledWith("wh_7", expect.objectContaining({ name: "webhook/deliver" }));
    expect(sentData(run, "webhook/failed")?.error).toBe('secretFor("wh_7") failed: Error: vault unavailable');
    expect(transport).not.toHaveBeenCalled();
  });
});

describe("webhookDelivery secrets", () => {
  const everything = (run: JobRun): string =>
    JSON.stringify(run, (_, value: unknown) =>
      value instanceof Error
        ? { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause }
        : value,
    );

  it("never puts the secret in step outputs, logs, errors or sent events", async () => {
    const encoded = secret.slice("whsec_".length);
    const { origin } = await serve(statuses(500, [429, { "retry-after": "1" }], 200));
    const delivered = await deliver(`${origin}/`);
    await server?.close();
    const failing = await serve(statuses([400, {}, "nope"]));
    const rejected = await deliver(`${failing.origin}/`);
    const noNetwork = vi.fn<WebhookTransport>();
    const refused = await deliver("https://10.0.0.5/", { allowHosts: [], transport: noNetwork });
    const badSecret = `whsec_${encoded.slice(0, 20)}`;
    const misconfigured = await deliver("https://10.0.0.5/", {
      secretFor: () => badSecret,
      transport: noNetwork,
    });
    expect(noNetwork).not.toHaveBeenCalled();

    for (const run of [delivered, rejected, refused, misconfigured]) {
      expect(run.timeline.length).toBeGreaterThan(0);
      const text = everything(run);
      expect(text).not.toContain(encoded);
      expect(text).not.toContain(encoded.slice(0, 20));
      expect(text).not.toContain("whsec_");
    }
    expect(delivered.logs.length).toBeGreaterThan(0);
    expect(rejected.error?.message).toContain("HTTP 400");
    expect(sentData(misconfigured, "webhook/failed")?.error).toMatch(/^Invalid webhook signing secret/);
  });

  it("signs with every secret secretFor returns during a rotation", async () => {
    const next = generateWebhookSecret();
    const { origin, requests } = await serve(statuses(200));
    await deliver(`${origin}/`, { secretFor: () => [secret, next] });
    const [request] = requests;
    expect(String(request?.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const key of [secret, next]) {
      expect(verifyWebhook(key, request?.headers ?? {}, request?.body ?? "", { now: start }).id).toBe(
        "msg_evt_1",
      );
    }
  });

  it("fails without retrying when the secret is not a Standard Webhooks secret", async () => {
    const transport = vi.fn<WebhookTransport>();
    const run = await runJob(webhookDelivery({ secretFor: () => "hunter2", transport }), {
      event: webhookDeliver.create({ webhookId: "wh_1", url: "https://hooks.example.com/", payload: {} }),
      now,
    });
    expect(run.status).toBe("failed");
    expect(retries(run)).toEqual([]);
    expect(everything(run)).not.toContain("hunter2");
    expect(transport).not.toHaveBeenCalled();
  });
});

describe("webhookDelivery options", () => {
  it("sends the Standard Webhooks envelope with envelope: true", async () => {
    const { origin, requests } = await serve(statuses(200));
    await deliver(`${origin}/`, { envelope: true }, { eventType: "invoice.paid" });
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      type: "invoice.paid",
      timestamp: "2026-01-01T00:00:00.000Z",
      data: { invoiceId: "inv_1" },
    });
  });

  it("sends the event's extra headers and a custom user-agent", async () => {
    const { origin, requests } = await serve(statuses(200));
    await deliver(`${origin}/`, { userAgent: "acme-webhooks/2.0" }, { headers: { "x-tenant": "acme" } });
    expect(requests[0]?.headers).toMatchObject({ "x-tenant": "acme", "user-agent": "acme-webhooks/2.0" });
  });

  it("sends no events with emitEvents: false", async () => {
    const { origin } = await serve(statuses(200, [404, {}, ""]));
    const delivered = await deliver(`${origin}/`, { emitEvents: false });
    const failed = await deliver(`${origin}/`, { emitEvents: false });
    expect([delivered.status, failed.status]).toEqual(["completed", "failed"]);
    expect([...delivered.sent, ...failed.sent]).toEqual([]);
    expect(webhookDelivery({ secretFor: () => secret, emitEvents: false }).sends).toEqual([]);
  });

  it("refuses a messageId that cannot be a webhook-id, without sending anything", async () => {
    const { origin, requests } = await serve(statuses(200));
    const run = await deliver(`${origin}/`, {}, { messageId: "msg.1" });
    expect(run.status).toBe("failed");
    expect(sentData(run, "webhook/failed")?.error).toContain('contains "."');
    expect(requests).toEqual([]);
  });

  it("is an event definition on webhook/deliver with per-endpoint concurrency and its events declared", () => {
    const definition = webhookDelivery({ secretFor: () => secret });
    expect(definition).toMatchObject({ kind: "event", id: "webhook-delivery" });
    expect(definition.triggers).toEqual([
      expect.objectContaining({ type: "event", event: "webhook/deliver" }),
    ]);
    expect(definition.config.concurrency).toEqual([
      { limit: 10, key: "event.data.webhookId", scope: undefined },
    ]);
    expect(definition.config.retries).toMatchObject({
      attempts: 10,
      backoff: "exponential",
      minTimeoutMs: 30_000,
    });
    expect(definition.sends).toEqual([webhookDelivered, webhookFailed]);
    const custom = webhookDelivery({ id: "billing-webhooks", secretFor: () => secret, concurrency: 2 });
    expect(custom.id).toBe("billing-webhooks");
    expect(custom.config.concurrency).toEqual([{ limit: 2, key: undefined, scope: undefined }]);
  });

  it.each([
    [{}, "secretFor"],
    [{ secretFor: () => secret, retries: { attempts: 3, retry: () => true } }, "retries.retry"],
    [{ secretFor: () => secret, allowHosts: ["10.0.0.0/40"] }, "allowHosts[0]"],
    [{ secretFor: () => secret, maxRedirects: 9 }, "maxRedirects"],
    [{ secretFor: () => secret, requestTimeout: "1h" }, "requestTimeout"],
    [{ secretFor: () => secret, envelope: "yes" }, "envelope"],
  ])("rejects %j at definition time, naming %s", (options, path) => {
    let caught: unknown;
    try {
      webhookDelivery(options as WebhookDeliveryOptions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JobError);
    expect(caught).toMatchObject({ functionId: "webhook-delivery", path });
  });
});

describe("the README's testing example", () => {
  it("retries after Retry-After, then reports the 503 in webhook/failed", async () => {
    const transport: WebhookTransport = async (request) => {
      if (request.address !== "127.0.0.1") throw new Error(`test tried to reach ${request.address}`);
      return { status: 503, statusText: "", headers: { "retry-after": "7" }, body: new Uint8Array() };
    };
    const run = await runJob(
      webhookDelivery({
        secretFor: () => generateWebhookSecret(),
        transport,
        allowHttp: true,
        allowHosts: ["127.0.0.1"],
      }),
      {
        event: webhookDeliver.create({
          webhookId: "wh_1",
          url: "http://127.0.0.1:9/hook",
          payload: {},
          retryCount: 1,
        }),
      },
    );
    expect(retries(run).map((entry) => entry.delay)).toEqual([7000]);
    expect(sentData(run, "webhook/failed")).toMatchObject({ status: 503, attempts: 2 });
  });
});
