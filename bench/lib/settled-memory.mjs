// Memory after a forced GC, read once the process has finished giving memory back: the soak's sample.
import { median } from "./stats.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RSS and heap used after two forced GCs (needs `--expose-gc`), `readings` times, medians reported with every
 * RSS reading. A GC frees V8 heap pages (256 KiB each) but hands them to a background thread that unmaps them,
 * so RSS read right after `gc()` still counts 30–90 MB of freed pages, or not, depending on which thread ran
 * first: that was the soak's 170/230 MB swing. Each reading therefore waits until RSS has stopped moving
 * (`stablePolls` polls `pollMs` apart within 512 KiB). Retained memory is not given back by waiting, so a
 * leak still shows.
 */
export async function settledMemory({
  readings = 3,
  pollMs = 100,
  stablePolls = 3,
  timeoutMs = 10_000,
} = {}) {
  const samples = [];
  for (let index = 0; index < readings; index++) {
    globalThis.gc();
    globalThis.gc();
    const started = Date.now();
    let rss = process.memoryUsage.rss();
    let still = 0;
    while (still < stablePolls && Date.now() - started < timeoutMs) {
      await sleep(pollMs);
      const now = process.memoryUsage.rss();
      still = Math.abs(now - rss) < 512 * 1024 ? still + 1 : 0;
      rss = now;
    }
    samples.push({ rss, heapUsed: process.memoryUsage().heapUsed, settleMs: Date.now() - started });
  }
  return {
    rss: median(samples.map((sample) => sample.rss)),
    heapUsed: median(samples.map((sample) => sample.heapUsed)),
    rssReadings: samples.map((sample) => sample.rss),
    settleMs: Math.max(...samples.map((sample) => sample.settleMs)),
  };
}
