// Load benchmark of the serve path: the Express example's jobs served by jobkit vs their raw-Inngest twin,
// each behind `inngest/express` on 127.0.0.1 in its own process, driven by autocannon (another process) with
// signed executor calls that run real steps. Rounds alternate the sides (A B, B A, …) so load drifting on a shared
// machine hits both alike, and each starts on two quiet servers.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { listenOverflows, somaxconn } from "./listen-queue.mjs";
import { discoverCalls, resign, signedCall, startServer } from "./serve-server.mjs";
import { median } from "./stats.mjs";

const libDir = fileURLToPath(new URL(".", import.meta.url));
const run = promisify(execFile);

const orderEvent = {
  name: "order/placed",
  id: "evt_order_1",
  ts: Date.UTC(2026, 0, 6, 9),
  data: {
    orderId: "ord_1",
    userId: "usr_1",
    amount: 3998,
    currency: "USD",
    items: [{ productId: "prod_tee", variantId: "tee-m", quantity: 2, price: 1999 }],
    shippingAddress: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
  },
};
const cleanupEvent = {
  name: "system/cleanup",
  id: "evt_cleanup_1",
  ts: Date.UTC(2026, 0, 6, 9),
  data: { scope: "sessions", olderThanDays: 30 },
};
const emailEvent = {
  name: "email/send",
  id: "evt_email_1",
  ts: Date.UTC(2026, 0, 6, 9),
  data: {
    to: "ada@example.com",
    template: "order-confirmation",
    subject: "Your order",
    data: { orderId: "ord_1" },
  },
};

/**
 * The executor calls each connection cycles through, each running one real step: the cleanup's delete and
 * its final call, process-order's validation, inventory reservation and confirmation send (step.sendEvent),
 * and deliver-email's `email-sent` send. Calls that change state for good (the order's status, the outbox) are
 * played once during discovery and then re-seeded, never replayed.
 */
export async function serveCalls(server) {
  const cleanup = await discoverCalls(server.url, {
    functionId: "cleanup-expired-records",
    event: cleanupEvent,
    runId: "run_cleanup",
    calls: 2,
  });
  const order = await discoverCalls(server.url, {
    functionId: "process-order",
    event: orderEvent,
    runId: "run_order",
    calls: 4,
  });
  const email = await discoverCalls(server.url, {
    functionId: "deliver-email",
    event: emailEvent,
    runId: "run_email",
    calls: 2,
  });
  await server.call("seed");
  return [
    signedCall("cleanup-expired-records", cleanup[0]),
    signedCall("cleanup-expired-records", cleanup[1]),
    signedCall("process-order", order[0]),
    signedCall("process-order", order[1]),
    signedCall("process-order", order[3]),
    signedCall("deliver-email", email[1]),
  ];
}

/** Runs autocannon in its own process against `server` (`duration` seconds or `amount` requests). */
export async function autocannon(server, requests, { connections, duration, amount }) {
  const file = join(mkdtempSync(join(tmpdir(), "jobkit-bench-")), "load.json");
  writeFileSync(
    file,
    JSON.stringify({ url: server.url, connections, duration, amount, requests: resign(requests) }),
  );
  const { stdout } = await run(process.execPath, [join(libDir, "load-client.mjs"), file], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

/** Sums the failures of several autocannon results, each kind apart. */
function failures(list) {
  const sum = (key) => list.reduce((total, sample) => total + sample[key], 0);
  const codes = {};
  for (const sample of list)
    for (const [code, count] of Object.entries(sample.socketErrorCodes ?? {}))
      codes[code] = (codes[code] ?? 0) + count;
  return {
    errors: sum("errors"),
    non2xx: sum("non2xx"),
    timeouts: sum("timeouts"),
    socketErrors: sum("socketErrors"),
    socketErrorCodes: codes,
  };
}

/** Runs the load bench and returns `{ rounds, jobkit, baseline, ratios, goals }`. */
export async function serveLoad({ connections, duration, rounds, warmup }) {
  // Every connection's handshake must fit in the accept queue at once (see serve-app.mjs); the same on both
  // sides. The kernel silently caps a backlog at somaxconn, so a lower cap is reported rather than hidden.
  const backlog = Math.max(511, 2 * connections);
  const cap = somaxconn();
  if (cap !== undefined && cap < connections)
    console.warn(
      `  net.core.somaxconn is ${cap}, below ${connections} connections: the accept queue can overflow (raise it with sysctl)`,
    );
  const servers = {
    jobkit: await startServer("jobkit", { backlog }),
    raw: await startServer("raw", { backlog }),
  };
  // Before each round both servers finish the requests the previous round left running (see serve-app.mjs).
  const settle = () => Promise.all(Object.values(servers).map((server) => server.call("quiet")));
  // CPU time per request served is read between two quiet points, so it includes the requests the round left
  // running; unlike throughput, it hardly depends on the CPU share a busy machine leaves the server.
  const measure = async (side, options) => {
    await settle();
    const overflows = listenOverflows();
    const usage = await servers[side].call("usage");
    await servers[side].call("gate", { connections: options.connections });
    const result = await autocannon(servers[side], requests[side], options);
    const after = listenOverflows();
    await settle();
    const used = await servers[side].call("usage");
    return {
      ...result,
      // How long the server held the round's first requests while it accepted all its connections.
      gateMs: used.gate.waitedMs,
      accepted: used.gate.accepted,
      cpuMsPerRequest: (used.cpuMicros - usage.cpuMicros) / 1000 / (used.requests - usage.requests),
      listenOverflows: overflows === undefined ? undefined : after - overflows,
    };
  };
  let requests;
  try {
    requests = { jobkit: await serveCalls(servers.jobkit), raw: await serveCalls(servers.raw) };
    // The warm-up is for the JIT and the SDK's lazy state, not the queue: with at most 100 connections it
    // completes hundreds of calls even on a loaded machine, where 1,000 connections complete a handful in 5 s.
    for (const side of ["jobkit", "raw"])
      await measure(side, { connections: Math.min(connections, 100), duration: warmup });
    const samples = { jobkit: [], raw: [] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ["jobkit", "raw"] : ["raw", "jobkit"];
      for (const side of order) {
        const result = await measure(side, { connections, duration });
        samples[side].push(result);
        console.log(
          `  round ${round + 1} ${side}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${Math.round(result.p50)} ms, mean ${Math.round(result.mean)} ms, p99 ${Math.round(result.p99)} ms, CPU ${result.cpuMsPerRequest.toFixed(2)} ms/request, ` +
            `${result.accepted} connections accepted in ${result.gateMs} ms, ` +
            `errors ${result.errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts}, socket ${result.socketErrors}), listen overflows ${result.listenOverflows ?? "n/a"}`,
        );
      }
    }
    const summary = (list) => ({
      requestsPerSecond: median(list.map((sample) => sample.requestsPerSecond)),
      p50: median(list.map((sample) => sample.p50)),
      p99: median(list.map((sample) => sample.p99)),
      mean: median(list.map((sample) => sample.mean)),
      cpuMsPerRequest: median(list.map((sample) => sample.cpuMsPerRequest)),
      // Little's law for a closed loop: every connection always has one request out, so throughput × mean
      // latency is the number of requests in service, which should be the connection count.
      inService: median(list.map((sample) => sample.requestsPerSecond * (sample.mean / 1000))),
      ...failures(list),
      listenOverflows: list.some((sample) => sample.listenOverflows === undefined)
        ? undefined
        : list.reduce((sum, sample) => sum + sample.listenOverflows, 0),
      requests: list.reduce((sum, sample) => sum + sample.requests, 0),
      rounds: list,
    });
    const jobkit = summary(samples.jobkit);
    const baseline = summary(samples.raw);
    // Each ratio pairs the two sides of one round, run back to back, and takes the median over rounds: load that
    // drifts between rounds (or one round's descheduled second on one side) then moves one pair, not the verdict.
    const paired = (key) =>
      median(samples.jobkit.map((sample, round) => sample[key] / samples.raw[round][key]));
    const ratios = {
      throughput: paired("requestsPerSecond"),
      p50: paired("p50"),
      mean: paired("mean"),
      cpuPerRequest: paired("cpuMsPerRequest"),
      p99: paired("p99"),
    };
    const goals = {
      throughput: ratios.throughput >= 0.95,
      p99: ratios.p99 <= 1.1,
      // Judged on both sides: an error on the raw side means the harness, not jobkit, broke the comparison.
      errors: jobkit.errors === 0 && baseline.errors === 0,
    };
    return {
      connections,
      duration,
      rounds,
      backlog: cap === undefined ? backlog : Math.min(backlog, cap),
      calls: requests.jobkit.length,
      jobkit,
      baseline,
      ratios,
      goals,
    };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}
