import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type CreateAppOptions, createApp, type ExampleApp } from "../src/app";

/** A running app on an ephemeral loopback port. */
export interface RunningApp extends ExampleApp {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 and a port the OS picks. */
export async function startApp(options: CreateAppOptions): Promise<RunningApp> {
  const built = createApp(options);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = built.app.listen(0, "127.0.0.1", (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...built,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A loopback port nothing listens on, for base URLs that must never be reached. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One request the Inngest client made. */
export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly body: unknown;
}

/**
 * A `fetch` for the Inngest client that answers event sends like the Event API and records them.
 * Anything but a loopback address throws, so a test can never reach the network.
 */
export function recordingFetch(answer: (request: RecordedRequest) => Response | undefined = () => undefined) {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
      throw new Error(`test fetch refused a non-loopback address: ${url.origin}`);
    }
    const text = typeof init?.body === "string" ? init.body : "";
    const request = {
      url: url.href,
      method: init?.method ?? "GET",
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(request);
    const custom = answer(request);
    if (custom) return custom;
    const count = Array.isArray(request.body) ? request.body.length : 1;
    const ids = Array.from({ length: count }, (_, index) => `evt_${requests.length}_${index}`);
    return Response.json({ ids, status: 200 });
  };
  /** The events sent, in order, across every request. */
  const events = () =>
    requests
      .filter((request) => /\/e\//.test(new URL(request.url).pathname))
      .flatMap((request) => (Array.isArray(request.body) ? request.body : [request.body])) as {
      name: string;
      data: Record<string, unknown>;
      id?: string;
    }[];
  return { fetch, requests, events };
}

// Signing is the same in every example (test/inngest-request.ts, kept identical across them).
export { canonicalJson, inngestSignature } from "./inngest-request";

/** A logger that drops the SDK's lines (expected "Signature validation failed" errors, among others). */
export const silentLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
};
