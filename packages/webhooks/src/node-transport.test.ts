import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackServer, startLoopbackServer, type TlsIdentity } from "../test/loopback-server";
import { createNodeTransport, nodeTransport } from "./node-transport";
import type { TransportRequest } from "./webhook-transport";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function requestTo(
  url: string,
  address: string,
  overrides: Partial<TransportRequest> = {},
): TransportRequest {
  return {
    method: "POST",
    url: new URL(url),
    address,
    family: 4,
    headers: { "content-type": "application/json" },
    body: '{"a":1}',
    maxResponseBytes: 64 * 1024,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("nodeTransport", () => {
  it("connects to the vetted address, never to what the host name resolves to", async () => {
    // The server listens on 127.0.0.2 only; "localhost" resolves to 127.0.0.1, so only a connection to the
    // vetted address can reach it.
    server = await startLoopbackServer((_, response) => response.writeHead(204).end(), "127.0.0.2");
    const response = await nodeTransport(requestTo(`http://localhost:${server.port}/hook?x=1`, "127.0.0.2"));
    expect(response.status).toBe(204);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/hook?x=1",
      body: '{"a":1}',
      headers: { host: `localhost:${server.port}`, "content-length": "7" },
    });
  });

  it("returns the status, lower-cased headers and the body", async () => {
    server = await startLoopbackServer((_, response) => {
      response.writeHead(503, "Busy", { "Retry-After": "7", "X-Trace": "abc" }).end("try later");
    });
    const response = await nodeTransport(requestTo(`${server.origin}/`, "127.0.0.1"));
    expect(response).toMatchObject({
      status: 503,
      statusText: "Busy",
      headers: { "retry-after": "7", "x-trace": "abc" },
    });
    expect(Buffer.from(response.body).toString()).toBe("try later");
  });

  it("stops reading after maxResponseBytes, even from a body that never ends", async () => {
    server = await startLoopbackServer((_, response) => {
      response.writeHead(200);
      const chunk = "x".repeat(16 * 1024);
      const timer = setInterval(() => response.write(chunk), 1);
      response.on("close", () => clearInterval(timer));
    });
    const response = await nodeTransport(
      requestTo(`${server.origin}/`, "127.0.0.1", { maxResponseBytes: 1000 }),
    );
    expect(response.body).toHaveLength(1000);
  });

  it("gives up when the signal aborts", async () => {
    server = await startLoopbackServer(() => {
      // never answers
    });
    const controller = new AbortController();
    const pending = nodeTransport(requestTo(`${server.origin}/`, "127.0.0.1", { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("time is up")), 20);
    await expect(pending).rejects.toThrow();
  });

  it("rejects when nothing listens at the address", async () => {
    server = await startLoopbackServer(() => {});
    const { port } = server;
    await server.close();
    server = undefined;
    await expect(nodeTransport(requestTo(`http://127.0.0.1:${port}/`, "127.0.0.1"))).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});

describe("createNodeTransport over https", () => {
  // A throw-away certificate for "hooks.test", made by openssl for this run only.
  let identity: TlsIdentity | undefined;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "jobkit-webhooks-tls-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
          "-days",
          "1",
          "-subj",
          "/CN=hooks.test",
          "-addext",
          "subjectAltName=DNS:hooks.test",
        ],
        { stdio: "ignore" },
      );
      identity = {
        key: readFileSync(join(dir, "key.pem"), "utf8"),
        cert: readFileSync(join(dir, "cert.pem"), "utf8"),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("verifies the certificate against the URL's host name while connecting to the vetted address", async () => {
    const tls = identity as TlsIdentity;
    server = await startLoopbackServer((_, response) => response.writeHead(202).end(), "127.0.0.1", tls);
    const transport = createNodeTransport({ ca: tls.cert });
    const response = await transport(requestTo(`https://hooks.test:${server.port}/hook`, "127.0.0.1"));
    expect(response.status).toBe(202);
    expect(server.requests[0]?.headers.host).toBe(`hooks.test:${server.port}`);
  });

  it("refuses a certificate made for another name", async () => {
    const tls = identity as TlsIdentity;
    server = await startLoopbackServer((_, response) => response.writeHead(202).end(), "127.0.0.1", tls);
    const transport = createNodeTransport({ ca: tls.cert });
    await expect(
      transport(requestTo(`https://other.test:${server.port}/`, "127.0.0.1")),
    ).rejects.toMatchObject({
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
    });
    expect(server.requests).toEqual([]);
  });

  it("refuses a certificate from an authority it does not trust", async () => {
    server = await startLoopbackServer((_, response) => response.writeHead(202).end(), "127.0.0.1", identity);
    await expect(nodeTransport(requestTo(`https://hooks.test:${server.port}/`, "127.0.0.1"))).rejects.toThrow(
      /self[- ]signed/,
    );
    expect(server.requests).toEqual([]);
  });
});
