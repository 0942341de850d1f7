// Holds a round's requests until all its connections are accepted, so the load bench serves every connection it
// opens. libuv (1.45+, Node 20) accepts one connection per event-loop iteration, and a server busy with a few
// hundred requests spends a second or more per iteration: connections that arrive once it is busy wait in the
// kernel's accept queue for most of a round, and only part of them are ever served.

/**
 * Wraps `app` (a `(request, response)` handler) for `server`. `arm(connections)` parks every request from then on
 * until `connections` new connections have been accepted (or `timeoutMs` has passed), then hands the parked ones
 * to `app` in arrival order and resolves with how long that took and how many connections arrived. Unarmed, the
 * handler calls `app` directly.
 */
export function connectionGate(server, app, { timeoutMs = 15_000 } = {}) {
  let handle = app;
  let accepted = 0;
  let expected = Number.POSITIVE_INFINITY;
  let open;
  server.on("connection", () => {
    accepted += 1;
    if (accepted >= expected) open?.();
  });
  return {
    handler: (request, response) => handle(request, response),
    arm(connections) {
      const parked = [];
      const started = Date.now();
      accepted = 0;
      expected = connections;
      handle = (request, response) => parked.push([request, response]);
      return new Promise((resolve) => {
        const timer = setTimeout(() => open(), timeoutMs);
        open = () => {
          clearTimeout(timer);
          open = undefined;
          expected = Number.POSITIVE_INFINITY;
          handle = app;
          resolve({ waitedMs: Date.now() - started, accepted });
          for (const [request, response] of parked) app(request, response);
        };
      });
    },
  };
}
