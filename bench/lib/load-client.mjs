// Child process of the load bench: autocannon against one server, in its own process so the load generator
// never shares an event loop with the server. Reads its options from the JSON file named in argv (the signed
// calls are too many for a command line), prints the result as JSON.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { median } from "./stats.mjs";

const options = JSON.parse(readFileSync(process.argv[2], "utf8"));
const instance = autocannon({
  url: options.url,
  connections: options.connections,
  // A bounded duration (load bench) or a fixed number of requests (soak batches).
  ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount }),
  // Each connection cycles through the signed executor calls (one real step each).
  requests: options.requests,
  timeout: options.timeout ?? 30,
});

// Socket errors by code (ECONNRESET, EPIPE, …), so a report says what failed and not only how often.
const socketErrorCodes = {};
instance.on("reqError", (error) => {
  if (error.message === "request timed out") return;
  const code = error.code ?? error.message;
  socketErrorCodes[code] = (socketErrorCodes[code] ?? 0) + 1;
});

// The steady state: from the moment every connection has had its first answer to the end of the round. A
// connection's first answer also carries its connection setup and the server's wait for all connections (see
// connection-gate.mjs), the same on both sides but not the serve path's cost, so it is left out.
const answered = new Set();
let steadyFrom;
let lastAnswer;
const steady = [];
instance.on("response", (client, statusCode, _bytes, latency) => {
  const now = performance.now();
  if (!answered.has(client)) {
    answered.add(client);
    if (answered.size === options.connections) steadyFrom = now;
    return;
  }
  if (steadyFrom !== undefined && statusCode >= 200 && statusCode < 300) {
    steady.push(latency);
    lastAnswer = now;
  }
});

const result = await instance;
steady.sort((a, b) => a - b);
const tenths = (ms) => Math.round(ms * 10) / 10;
const percentile = (q) => steady[Math.min(steady.length - 1, Math.floor(q * steady.length))];
// Throughput over the steady window, from the first answer after it opens to the last one: a saturated server
// answers in bursts (it reads a batch of requests, runs them interleaved, answers them close together), and a
// window that ended on the round's clock would count one burst more or less depending on where the clock fell.
const steadySeconds = lastAnswer === undefined ? 0 : (lastAnswer - steadyFrom) / 1000;
// autocannon counts a timeout in `errors` too: split them so each failure is counted once.
const timeouts = result.timeouts;
const socketErrors = result.errors - timeouts;
const non2xx = result.non2xx ?? 0;
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: steady.length === 0 ? 0 : steady.length / steadySeconds,
    p50: steady.length === 0 ? 0 : tenths(median(steady)),
    p99: steady.length === 0 ? 0 : tenths(percentile(0.99)),
    mean: steady.length === 0 ? 0 : tenths(steady.reduce((sum, value) => sum + value, 0) / steady.length),
    steadyRequests: steady.length,
    steadySeconds,
    // autocannon's own figures over the whole round, first answers included.
    whole: {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.mean,
      max: result.latency.max,
    },
    requests: result.requests.total,
    errors: socketErrors + timeouts + non2xx,
    non2xx,
    timeouts,
    socketErrors,
    socketErrorCodes,
    statusCodes: result.statusCodeStats,
  })}\n`,
);
