import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import { app } from "./app";

/** A listening server: its base URL and a way to stop it. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the app on Node's HTTP server; `port: 0` picks a free port. */
export function startServer(options: { port?: number; hostname?: string } = {}): Promise<RunningServer> {
  const { port = 3000, hostname } = options;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, (info) => {
      server.off("error", reject);
      resolve({
        url: `http://${hostname ?? "localhost"}:${info.port}`,
        close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once("error", reject);
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer({
    port: Number(process.env.PORT ?? 3000),
    ...(process.env.HOST ? { hostname: process.env.HOST } : {}),
  });
  console.info(`Listening on ${server.url}; Inngest endpoint: ${server.url}/api/inngest`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}
