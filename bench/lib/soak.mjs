// Soak check: many signed step calls (mixed jobs, fan-out chunks, webhook deliveries to a loopback receiver)
// through one jobkit server; RSS and heap after a forced GC (settled-memory.mjs) sampled every `every` calls.
// Flat within 10 % after warm-up means nothing grows per event, run or id.
import { createServer } from "node:http";
import { autocannon, serveCalls } from "./serve-load.mjs";
import { discoverCalls, signedCall, startServer } from "./serve-server.mjs";
import { executorBody } from "./signed-request.mjs";

/** A loopback webhook receiver that answers 204 and counts deliveries. */
async function startReceiver() {
  let deliveries = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      deliveries += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    deliveries: () => deliveries,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Calls whose events carry a different id every time would show a per-event leak best, but autocannon replays
 * fixed bodies; so the soak signs a pool of distinct runs (distinct event ids, run ids, order of calls) and
 * cycles through them: `variants` runs per job, each a different event and run id.
 */
async function soakCalls(server, receiverUrl, variants) {
  const calls = [...(await serveCalls(server))];
  for (let index = 0; index < variants; index++) {
    const ts = Date.UTC(2026, 0, 6, 9) + index;
    const signup = {
      name: "user/created",
      id: `evt_signup_${index}`,
      ts,
      data: { userId: `usr_soak_${index}`, email: `soak${index}@example.com`, source: "web" },
    };
    const fanOut = await discoverCalls(server.url, {
      functionId: "user-signup-fan-out",
      event: signup,
      runId: `run_signup_${index}`,
      calls: 3,
    });
    for (const body of fanOut) calls.push(signedCall("user-signup-fan-out", body));
    const deliver = {
      name: "webhook/deliver",
      id: `evt_webhook_${index}`,
      ts,
      data: {
        webhookId: `wh_${index % 7}`,
        url: `${receiverUrl}/hook/${index}`,
        eventType: "invoice.paid",
        payload: { invoiceId: `inv_${index}`, amount: 1900 },
      },
    };
    const body = executorBody({ event: deliver, runId: `run_webhook_${index}` });
    calls.push({
      ...signedCall("webhook-delivery", body),
      path: `/api/webhooks-inngest?fnId=jobkit-webhooks-soak-webhook-delivery&stepId=step`,
    });
    const cleanup = {
      name: "system/cleanup",
      id: `evt_cleanup_${index}`,
      ts,
      data: { scope: "tokens", olderThanDays: 1 + (index % 30) },
    };
    calls.push(
      signedCall("cleanup-expired-records", executorBody({ event: cleanup, runId: `run_cleanup_${index}` })),
    );
  }
  return calls;
}

/** Runs the soak and returns the memory curve. */
export async function soak({ total, every, connections, variants = 50, subBatch = 2500 }) {
  const receiver = await startReceiver();
  const server = await startServer("jobkit", { env: { BENCH_RECEIVER_URL: receiver.url } });
  try {
    const requests = await soakCalls(server, receiver.url, variants);
    const samples = [];
    const sample = async (done, errors) => {
      const { rss, heapUsed, rssReadings, settleMs } = await server.call("memory");
      const mb = (bytes) => bytes / 2 ** 20;
      samples.push({
        requests: done,
        rssMB: mb(rss),
        heapMB: mb(heapUsed),
        rssReadingsMB: rssReadings.map(mb),
        settleMs,
        errors,
      });
      console.log(
        `  after ${done} calls: RSS ${mb(rss).toFixed(1)} MB (readings ${rssReadings.map((value) => mb(value).toFixed(1)).join(", ")}; settled in ${settleMs} ms), heap ${mb(heapUsed).toFixed(1)} MB, errors ${errors}`,
      );
    };
    await sample(0, 0);
    let errors = 0;
    for (let done = 0; done < total; done += every) {
      // Sub-batches, each signed afresh (signatures expire after five minutes on a slow machine).
      for (let sent = 0; sent < every; sent += subBatch) {
        const amount = Math.min(subBatch, every - sent);
        const result = await autocannon(server, requests, { connections, amount });
        errors += result.errors;
      }
      await sample(done + every, errors);
    }
    // Warm-up: the first two batches (JIT, lazy SDK state, connection pools); flatness is judged after them.
    const settled = samples.slice(Math.min(2, samples.length - 1));
    const growth = (key) => {
      const first = settled[0][key];
      return (Math.max(...settled.map((point) => point[key])) - first) / first;
    };
    const rssGrowth = growth("rssMB");
    const heapGrowth = growth("heapMB");
    return {
      total,
      every,
      connections,
      distinctRuns: requests.length,
      webhookDeliveries: receiver.deliveries(),
      samples,
      rssGrowth,
      heapGrowth,
      errors,
      met: rssGrowth <= 0.1 && heapGrowth <= 0.1 && errors === 0,
    };
  } finally {
    await server.stop();
    await receiver.close();
  }
}
