import { createHmac } from "node:crypto";
import { JobError } from "@jobkit/functions";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type LoopbackServer, type RequestHandler, startLoopbackServer } from "../test/loopback-server";
import { checkWebhookUrl, type WebhookResolver } from "./check-webhook-url";
import { decodeWebhookSecret } from "./decode-webhook-secret";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { nodeTransport } from "./node-transport";
import type { SendWebhookOptions } from "./send-policy";
import { sendWebhook, type WebhookAttempt } from "./send-webhook";
import { verifyWebhook } from "./verify-webhook";
import { WebhookError } from "./webhook-error";
import type { WebhookTransport } from "./webhook-transport";

// The system resolver must never run in tests: a real name would leave the machine.
vi.mock("node:dns/promises", () => ({
  lookup: () => Promise.reject(new Error("tests must inject a resolver")),
}));

const secret = generateWebhookSecret();
// The test server is plain http on 127.0.0.1: allowed explicitly, and only by address.
const loopbackOnly: SendWebhookOptions = { allowHttp: true, allowHosts: ["127.0.0.1"] };

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: RequestHandler): Promise<LoopbackServer> {
  server = await startLoopbackServer(handler);
  return server;
}

function send(
  url: string,
  options: SendWebhookOptions = {},
  headers?: Record<string, string>,
): Promise<WebhookAttempt> {
  return sendWebhook(
    { url, id: "msg_1", payload: { invoiceId: "inv_1" }, secret, ...(headers ? { headers } : {}) },
    { ...loopbackOnly, ...options },
  );
}

const failingTransport: WebhookTransport = async (request) => {
  throw new Error(`the test must not connect anywhere, but tried ${request.address}`);
};

describe("sendWebhook", () => {
  it("POSTs the JSON payload with Standard Webhooks headers and reports the 2xx", async () => {
    const { origin, requests } = await serve((_, response) => response.writeHead(200).end("ok"));
    const attempt = await send(`${origin}/hooks/acme?tenant=1`, {}, { "x-tenant": "acme" });
    expect(attempt).toMatchObject({ ok: true, status: 200 });
    const [request] = requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/hooks/acme?tenant=1",
      body: '{"invoiceId":"inv_1"}',
    });
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "jobkit-webhooks",
      "x-tenant": "acme",
      "webhook-id": "msg_1",
      "webhook-timestamp": expect.stringMatching(/^\d{10}$/),
    });
    // Checked twice: by verifyWebhook, and by HMAC computed here with node:crypto from the specification.
    const headers = request?.headers ?? {};
    expect(verifyWebhook(secret, headers, request?.body ?? "").payload).toEqual({ invoiceId: "inv_1" });
    const expected = createHmac("sha256", decodeWebhookSecret(secret, "secret"))
      .update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${request?.body}`)
      .digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it.each([
    [201, true, undefined],
    [204, true, undefined],
    [400, false, false],
    [401, false, false],
    [404, false, false],
    [410, false, false],
    [422, false, false],
    [408, false, true],
    [429, false, true],
    [500, false, true],
    [502, false, true],
    [503, false, true],
    [504, false, true],
  ])("classifies HTTP %i: ok %s, retriable %s", async (status, ok, retriable) => {
    const { origin } = await serve((_, response) => response.writeHead(status).end());
    const attempt = await send(`${origin}/`);
    expect(attempt.ok).toBe(ok);
    if (!attempt.ok) expect(attempt).toMatchObject({ status, retriable });
  });

  it("describes a failure by status and a short excerpt of the body", async () => {
    const { origin } = await serve((_, response) =>
      response
        .writeHead(422, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "x".repeat(500) })),
    );
    const attempt = await send(`${origin}/`, { bodyExcerptLength: 30 });
    expect(attempt).toMatchObject({
      ok: false,
      error: `HTTP 422 Unprocessable Entity: {"error":"${"x".repeat(20)}…`,
    });
  });

  it("tells the sender to disable an endpoint that answers 410 Gone", async () => {
    const { origin } = await serve((_, response) => response.writeHead(410).end());
    expect(await send(`${origin}/`)).toMatchObject({
      error: "HTTP 410 Gone (the endpoint is gone; disable it)",
    });
  });

  it("reads Retry-After on retriable answers only", async () => {
    const { origin } = await serve((request, response) =>
      response.writeHead(request.path === "/busy" ? 503 : 400, { "retry-after": "120" }).end(),
    );
    expect(await send(`${origin}/busy`)).toMatchObject({ retriable: true, retryAfterMs: 120_000 });
    expect(await send(`${origin}/bad`)).not.toHaveProperty("retryAfterMs");
  });

  it("does not follow redirects by default: a 3xx fails without retrying", async () => {
    const { origin, requests } = await serve((_, response) =>
      response.writeHead(302, { location: "https://elsewhere.example/hook?token=x" }).end(),
    );
    expect(await send(`${origin}/`)).toMatchObject({
      ok: false,
      retriable: false,
      status: 302,
      error:
        "HTTP 302 Found redirect to https://elsewhere.example/hook?(redacted) not followed; update the webhook URL",
    });
    expect(requests).toHaveLength(1);
  });

  it("follows 307 and 308 up to maxRedirects, re-POSTing the same signed body", async () => {
    const { origin, requests } = await serve((request, response) => {
      if (request.path === "/old") response.writeHead(308, { location: "/new" }).end();
      else response.writeHead(204).end();
    });
    expect(await send(`${origin}/old`, { maxRedirects: 1 })).toMatchObject({ ok: true, status: 204 });
    expect(requests.map((request) => [request.method, request.path, request.body])).toEqual([
      ["POST", "/old", '{"invoiceId":"inv_1"}'],
      ["POST", "/new", '{"invoiceId":"inv_1"}'],
    ]);
    expect(requests[1]?.headers["webhook-signature"]).toBe(requests[0]?.headers["webhook-signature"]);
  });

  it("does not follow a 301, 302 or 303 even when redirects are allowed: they would turn the POST into a GET", async () => {
    const { origin, requests } = await serve((_, response) =>
      response.writeHead(303, { location: "/next" }).end(),
    );
    expect(await send(`${origin}/`, { maxRedirects: 3 })).toMatchObject({
      ok: false,
      retriable: false,
      status: 303,
    });
    expect(requests).toHaveLength(1);
  });

  it("stops after maxRedirects", async () => {
    const { origin, requests } = await serve((_, response) =>
      response.writeHead(307, { location: "/again" }).end(),
    );
    expect(await send(`${origin}/`, { maxRedirects: 2 })).toMatchObject({
      ok: false,
      retriable: false,
      error: expect.stringMatching(/^more than 2 redirect\(s\)/),
    });
    expect(requests).toHaveLength(3);
  });

  it("refuses a redirect to a refused address: the target gets no request", async () => {
    const { origin, port, requests } = await serve((request, response) => {
      if (request.path === "/start")
        response.writeHead(307, { location: `http://localhost:${port}/internal` }).end();
      else response.writeHead(200).end("internal data");
    });
    const attempt = await send(`${origin}/start`, { maxRedirects: 3 });
    expect(attempt).toMatchObject({ ok: false, retriable: false });
    expect(!attempt.ok && attempt.cause).toMatchObject({ name: "WebhookError", code: "invalid-url" });
    expect(!attempt.ok && attempt.cause).toMatchObject({ reason: "address", addressClass: "loopback" });
    expect(!attempt.ok && attempt.error).toContain(`redirected from: ${origin}/start`);
    expect(requests.map((request) => request.path)).toEqual(["/start"]);
  });

  it("refuses a redirect to the metadata address without ever connecting to it", async () => {
    const { origin } = await serve((_, response) =>
      response.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/iam" }).end(),
    );
    const addresses: string[] = [];
    const loopbackTransport: WebhookTransport = (request) => {
      addresses.push(request.address);
      if (request.address !== "127.0.0.1") throw new Error(`connection to ${request.address} attempted`);
      return nodeTransport(request);
    };
    const attempt = await send(`${origin}/`, { maxRedirects: 3, transport: loopbackTransport });
    expect(!attempt.ok && attempt.cause).toMatchObject({
      addressClass: "metadata",
      address: "169.254.169.254",
    });
    expect(addresses).toEqual(["127.0.0.1"]);
  });

  it("sends custom headers such as authorization to the original origin only, not to a redirect's other origin", async () => {
    const table: Record<string, string[]> = {
      "hooks.example.com": ["93.184.215.14"],
      "other.example.net": ["93.184.215.15"],
      "internal.example.net": ["10.0.0.5"],
    };
    const resolve = vi.fn<WebhookResolver>(async (hostname) => table[hostname] ?? []);
    const redirects: Record<string, string> = {
      "https://hooks.example.com/start": "/same",
      "https://hooks.example.com/same": "https://other.example.net/elsewhere",
      "https://other.example.net/elsewhere": "https://hooks.example.com/back",
      "https://hooks.example.com/private": "https://internal.example.net/hook",
    };
    const seen: { url: string; address: string; headers: Readonly<Record<string, string>> }[] = [];
    // A stub: answers from the table above and never opens a connection.
    const transport: WebhookTransport = async (request) => {
      seen.push({ url: request.url.href, address: request.address, headers: request.headers });
      const location = redirects[request.url.href];
      const headers: Record<string, string> = location === undefined ? {} : { location };
      return { status: location === undefined ? 204 : 307, statusText: "", headers, body: new Uint8Array() };
    };
    const custom = { authorization: "Bearer s3cr3t", "x-tenant": "acme" };
    const message = { id: "msg_1", payload: {}, secret, headers: custom };

    const attempt = await sendWebhook(
      { ...message, url: "https://hooks.example.com/start" },
      { maxRedirects: 3, transport, resolve },
    );
    expect(attempt).toMatchObject({ ok: true, status: 204 });
    expect(seen.map((request) => [request.url, request.headers.authorization])).toEqual([
      ["https://hooks.example.com/start", "Bearer s3cr3t"],
      ["https://hooks.example.com/same", "Bearer s3cr3t"],
      ["https://other.example.net/elsewhere", undefined],
      // Back on the original origin after leaving it: still without the custom headers.
      ["https://hooks.example.com/back", undefined],
    ]);
    const crossOrigin = seen[2];
    expect(crossOrigin?.address).toBe("93.184.215.15");
    expect(Object.keys(crossOrigin?.headers ?? {}).sort()).toEqual([
      "content-type",
      "user-agent",
      "webhook-id",
      "webhook-signature",
      "webhook-timestamp",
    ]);
    expect(crossOrigin?.headers["webhook-signature"]).toBe(seen[0]?.headers["webhook-signature"]);
    expect(resolve).toHaveBeenCalledWith("other.example.net");

    // The SSRF guard still checks a cross-origin target: one resolving to a private address gets nothing.
    seen.length = 0;
    const refused = await sendWebhook(
      { ...message, url: "https://hooks.example.com/private" },
      { maxRedirects: 3, transport, resolve },
    );
    expect(!refused.ok && refused.cause).toMatchObject({ addressClass: "private", address: "10.0.0.5" });
    expect(seen.map((request) => request.url)).toEqual(["https://hooks.example.com/private"]);
  });

  it("never calls the transport for a refused URL", async () => {
    const transport = vi.fn(failingTransport);
    for (const url of [
      "https://10.0.0.5/",
      "https://[fd00::1]/",
      "https://169.254.169.254/",
      "https://0xa9fea9fe/",
    ]) {
      expect(await sendWebhook({ url, id: "msg_1", payload: {}, secret }, { transport })).toMatchObject({
        ok: false,
        retriable: false,
      });
    }
    expect(transport).not.toHaveBeenCalled();
  });

  it("gives up after requestTimeout and calls it retriable", async () => {
    const { origin } = await serve(() => {
      // never answers
    });
    const attempt = await send(`${origin}/`, { requestTimeout: 100 });
    expect(attempt).toMatchObject({ ok: false, retriable: true, error: "no response within 100ms" });
    expect(!attempt.ok && attempt.cause).toBeInstanceOf(WebhookError);
    expect(!attempt.ok && attempt.cause).toMatchObject({ code: "request-failed", reason: "timeout" });
  });

  it("counts a resolver that hangs against the time limit", async () => {
    const attempt = await sendWebhook(
      { url: "https://slow-dns.example/", id: "msg_1", payload: {}, secret },
      { requestTimeout: 50, resolve: () => new Promise(() => {}), transport: failingTransport },
    );
    expect(attempt).toMatchObject({ ok: false, retriable: true, error: "no response within 50ms" });
  });

  it("calls a refused connection retriable", async () => {
    const { port } = await serve(() => {});
    await server?.close();
    server = undefined;
    const attempt = await send(`http://127.0.0.1:${port}/`);
    expect(attempt).toMatchObject({
      ok: false,
      retriable: true,
      error: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it.each([
    [{ "webhook-signature": "v1,forged" }, 'header "webhook-signature" is set by the delivery itself'],
    [{ Host: "internal" }, 'header "Host" is set by the delivery itself'],
    [
      { "x-bad": "a\r\nInjected: yes" },
      'header "x-bad" has a value that is not a string without line breaks',
    ],
    [{ "bad name": "x" }, 'header name "bad name" is not a valid token'],
  ])("refuses the extra headers %j without sending anything", async (headers, error) => {
    const resolve = vi.fn(async () => ["93.184.215.14"]);
    const attempt = await send(
      "https://hooks.example.com/",
      { transport: failingTransport, resolve },
      headers,
    );
    expect(attempt).toMatchObject({ ok: false, retriable: false, error });
  });

  it.each([
    [{ maxRedirects: 6 }, "maxRedirects"],
    [{ maxResponseBytes: 0 }, "maxResponseBytes"],
    [{ requestTimeout: "10m" }, "requestTimeout"],
    [{ userAgent: "bad\nagent" }, "userAgent"],
  ] as const)("rejects the option %j", async (options, path) => {
    const attempt = sendWebhook({ url: "https://hooks.example.com/", id: "m", payload: {}, secret }, options);
    await expect(attempt).rejects.toBeInstanceOf(JobError);
    await expect(attempt).rejects.toMatchObject({ path });
  });
});

describe("sendWebhook: inputs and responses it cannot use", () => {
  const transportAnswering =
    (status: number): WebhookTransport =>
    async () => ({ status, statusText: "", headers: {}, body: new Uint8Array() });

  it.each([600, 999, 0, 99, 200.5])(
    "treats a response status of %s as a broken, retriable response without a status (defect 1)",
    async (status) => {
      const attempt = await sendWebhook(
        // A fake transport on the loopback address: no connection is made at all.
        { url: "http://127.0.0.1:9/", id: "msg_1", payload: {}, secret },
        { ...loopbackOnly, transport: transportAnswering(status) },
      );
      expect(attempt).toMatchObject({ ok: false, retriable: true });
      expect(attempt).not.toHaveProperty("status");
      expect(!attempt.ok && attempt.error).toContain(`invalid HTTP status ${status}`);
    },
  );

  const cyclic: Record<string, unknown> = { name: "loop" };
  cyclic.self = cyclic;
  it.each([
    ["a BigInt", { amount: 10n }, "message.payload.amount"],
    ["a cycle", { order: cyclic }, "message.payload.order.self"],
    ["a Date", { at: new Date(0) }, "message.payload.at"],
    ["NaN", { items: [1, Number.NaN] }, "message.payload.items[1]"],
    ["undefined", { note: undefined }, "message.payload.note"],
    ["a function", { run: () => 1 }, "message.payload.run"],
    ["a Map", { tags: new Map() }, "message.payload.tags"],
    ["an odd key", { "a b": 1n }, 'message.payload["a b"]'],
    [
      "a getter that throws",
      {
        get broken(): never {
          throw new Error("boom");
        },
      },
      "message.payload.broken",
    ],
    [
      "nesting deeper than 1000 levels",
      { deep: JSON.parse(`${"[".repeat(1001)}${"]".repeat(1001)}`) },
      `${`message.payload.deep${"[0]".repeat(1000)}`.slice(0, 300)}…`,
    ],
  ])("refuses a payload holding %s with an error naming the path (defect 9)", async (_, payload, path) => {
    const transport = vi.fn(failingTransport);
    const attempt = sendWebhook(
      { url: "https://hooks.example.com/", id: "msg_1", payload, secret },
      { transport },
    );
    await expect(attempt).rejects.toMatchObject({ name: "WebhookError", code: "invalid-input", path });
    await expect(attempt).rejects.not.toBeInstanceOf(TypeError);
    expect(transport).not.toHaveBeenCalled();
  });
});

describe("misspelt options", () => {
  it("refuses an unknown option of sendWebhook, checkWebhookUrl and verifyWebhook with a suggestion", async () => {
    const message = { url: "http://127.0.0.1:9/", id: "msg_1", payload: {}, secret };
    await expect(sendWebhook(message, { requestTimout: "1s" } as never)).rejects.toMatchObject({
      name: "JobError",
      path: "requestTimout",
      message: expect.stringContaining('"requestTimeout"'),
    });
    await expect(
      checkWebhookUrl("https://hooks.example.com/", { allowHost: [] } as never),
    ).rejects.toMatchObject({
      name: "JobError",
      path: "allowHost",
    });
    expect(() => verifyWebhook(secret, {}, "{}", { tolerence: "10m" } as never)).toThrow(
      expect.objectContaining({ name: "JobError", path: "options.tolerence" }),
    );
  });
});
