// Child process of the load bench: autocannon against one server, in its own process so the load generator
// never shares an event loop with the server. Reads its options from the JSON file named in argv (the signed
// calls are too many for a command line), prints the result as JSON.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

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
const result = await instance;
// autocannon counts a timeout in `errors` too: split them so each failure is counted once.
const timeouts = result.timeouts;
const socketErrors = result.errors - timeouts;
const non2xx = result.non2xx ?? 0;
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    max: result.latency.max,
    errors: socketErrors + timeouts + non2xx,
    non2xx,
    timeouts,
    socketErrors,
    socketErrorCodes,
    statusCodes: result.statusCodeStats,
  })}\n`,
);
