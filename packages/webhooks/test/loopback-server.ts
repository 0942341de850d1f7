import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";

/** A request the test server received, body read in full. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers one request; leave `response` open to simulate a receiver that never answers. */
export type RequestHandler = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

/** A PEM key and certificate, to serve https. */
export interface TlsIdentity {
  readonly key: string;
  readonly cert: string;
}

/** An HTTP server on a loopback address, started and stopped by a test. */
export interface LoopbackServer {
  /** `http://<host>:<port>` (or `https:`). */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts an HTTP server (HTTPS with `tls`) on `host`, a loopback address: tests never leave the machine.
 * It listens on a random port; `handler` answers each request.
 */
export async function startLoopbackServer(
  handler: RequestHandler,
  host = "127.0.0.1",
  tls?: TlsIdentity,
): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const listener = (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = {
        method: incoming.method ?? "",
        path: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      handler(request, response, requests.length - 1);
    });
  };
  const server = tls === undefined ? createServer(listener) : createTlsServer(tls, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = tls === undefined ? "http" : "https";
  return {
    origin: `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
