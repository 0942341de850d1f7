// Child process of the load and soak benches: serves one side (`jobkit` = the Express example's own app,
// `raw` = its raw-Inngest twin) on 127.0.0.1 in cloud mode with the bench's test signing key. Started with
// tsx's loader (to import the example's TypeScript) and `--expose-gc`; it answers `{ type: "memory" }` IPC
// messages with RSS and heap after a forced GC (settled-memory.mjs), so the soak can sample them between batches.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { connectionGate } from "./connection-gate.mjs";
import { settledMemory } from "./settled-memory.mjs";
import { benchSigningKey } from "./signed-request.mjs";

const side = process.argv[2];
const exampleDir = join(fileURLToPath(new URL(".", import.meta.url)), "../../examples/express");
const requireFromExample = createRequire(join(exampleDir, "package.json"));
const load = (specifier) => import(pathToFileURL(requireFromExample.resolve(specifier)).href);

// Event sends (step.sendEvent) reach this stub instead of the Event API: answered in-process, the same on both
// sides, so the figures are the serve path's and never the network's. Anything but loopback is refused.
const receiverUrl = process.env.BENCH_RECEIVER_URL;
async function loopbackFetch(input, init) {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
    throw new Error(`bench fetch refused a non-loopback address: ${url.origin}`);
  if (receiverUrl !== undefined && url.href.startsWith(receiverUrl)) return fetch(input, init);
  const text = typeof init?.body === "string" ? init.body : "[]";
  const count = text.startsWith("[") ? JSON.parse(text).length : 1;
  return Response.json({ ids: Array.from({ length: count }, (_, index) => `evt_${index}`), status: 200 });
}
const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };
const environment = {
  INNGEST_SIGNING_KEY: benchSigningKey,
  INNGEST_EVENT_KEY: "bench-event-key",
  // Never reached: every call of the client goes through loopbackFetch.
  INNGEST_BASE_URL: "http://127.0.0.1:9",
};

const { createStore } = await import(pathToFileURL(join(exampleDir, "src/store.ts")).href);
const store = createStore();
seed(store);

let app;
if (side === "jobkit") {
  const { createApp } = await import(pathToFileURL(join(exampleDir, "src/app.ts")).href);
  ({ app } = createApp({ environment, store, fetch: loopbackFetch, logger: silentLogger }));
  if (receiverUrl !== undefined) app = await withWebhookDelivery(app);
} else {
  const { createRawApp } = await import("./raw-express-app.mjs");
  for (const [key, value] of Object.entries(environment)) process.env[key] = value;
  ({ app } = createRawApp({
    express: (await load("express")).default,
    inngest: await load("inngest"),
    serve: (await load("inngest/express")).serve,
    store,
    fetch: loopbackFetch,
    logger: silentLogger,
  }));
}

/**
 * The soak also delivers webhooks (`@jobkit/webhooks`' ready-made job) to a loopback receiver: served by its own
 * client at /api/webhooks-inngest, since the example's app has no webhook sender. Loopback needs the two
 * options the README calls dangerous; the signing and the URL check still run on every delivery.
 */
async function withWebhookDelivery(exampleApp) {
  const { webhookDelivery } = await load("@jobkit/webhooks");
  const { createInngestClient, register } = await load("@jobkit/functions");
  const { standardCatalog } = await load("@jobkit/events/standard");
  const { serve } = await load("inngest/express");
  const express = (await load("express")).default;
  const client = createInngestClient({
    id: "jobkit-webhooks-soak",
    catalog: standardCatalog,
    environment,
    fetch: loopbackFetch,
    logger: silentLogger,
  });
  const delivery = webhookDelivery({
    secretFor: () => `whsec_${Buffer.from("bench-webhook-secret-32-bytes!!!").toString("base64")}`,
    allowHttp: true,
    allowPrivateNetworks: true,
  });
  const functions = register(client, [delivery], { catalog: standardCatalog });
  const outer = express();
  outer.use("/api/webhooks-inngest", express.json({ limit: "10mb" }), serve({ client, functions }));
  outer.use(exampleApp);
  return outer;
}

// Node's default listen backlog is 511: with 1,000 connections opening at once, the kernel's accept queue
// overflows, the surplus handshakes are dropped and retried after 1, 3, 7 s…, and a half-open connection the
// kernel prunes under that pressure answers the client's request with a reset (autocannon's socket errors).
// The bench passes a backlog above its connection count (the kernel caps it at net.core.somaxconn).
const backlog = Number(process.env.BENCH_BACKLOG ?? 511);
const server = createServer();
const gate = connectionGate(server, app);
server.on("request", gate.handler);
server.listen({ port: 0, host: "127.0.0.1", backlog }, () => {
  process.send({ type: "ready", port: server.address().port });
});
// 1,000+ concurrent keep-alive connections: a long keep-alive so autocannon reuses them.
server.keepAliveTimeout = 60_000;
// Requests received, for the CPU time per request the load bench reports (the same counter on both sides).
let received = 0;
let lastGate;
server.on("request", () => {
  received += 1;
});

process.on("message", (message) => {
  if (message.type === "memory") {
    settledMemory().then((memory) => process.send({ type: "memory", ...memory }));
  } else if (message.type === "seed") {
    seed(store);
    process.send({ type: "seeded" });
  } else if (message.type === "usage") {
    const { user, system } = process.cpuUsage();
    process.send({ type: "usage", cpuMicros: user + system, requests: received, gate: lastGate });
  } else if (message.type === "gate") {
    // Answered at once, so the harness can start the round; the next usage answer says how the gate opened.
    gate.arm(message.connections).then(({ waitedMs, accepted }) => {
      lastGate = { waitedMs, accepted };
    });
    process.send({ type: "gate" });
  } else if (message.type === "quiet") {
    waitUntilQuiet().then((waitedMs) => process.send({ type: "quiet", waitedMs }));
  } else if (message.type === "stop") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

/**
 * Resolves (with the time waited) once the event loop has been nearly idle for two windows in a row. When
 * autocannon stops a round it drops its connections, but the requests already read keep running here for
 * seconds: a round started before then would share the CPU with the previous round's leftovers (its own side's
 * or the other server's), and its first seconds would measure those instead of its own requests.
 */
async function waitUntilQuiet({ windowMs = 250, threshold = 0.05, timeoutMs = 120_000 } = {}) {
  const started = Date.now();
  let quietWindows = 0;
  let previous = performance.eventLoopUtilization();
  while (quietWindows < 2 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const current = performance.eventLoopUtilization();
    quietWindows =
      performance.eventLoopUtilization(current, previous).utilization < threshold ? quietWindows + 1 : 0;
    previous = current;
  }
  return Date.now() - started;
}

/** Users, orders and plenty of stock, so every step the bench drives succeeds however often it runs. */
function seed(target) {
  target.users.set("usr_1", {
    id: "usr_1",
    email: "ada@example.com",
    name: "Ada",
    role: "customer",
    createdAt: new Date(),
  });
  target.orders.set("ord_1", {
    id: "ord_1",
    userId: "usr_1",
    amount: 3998,
    currency: "USD",
    status: "pending",
    createdAt: new Date(),
  });
  target.stock.set("tee-m", { available: Number.MAX_SAFE_INTEGER, reserved: 0 });
}
