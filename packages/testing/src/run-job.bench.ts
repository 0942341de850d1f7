import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { bench, describe } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";

// Goal: a 30-day sequence of 10 sleeps and 10 steps runs "well under a second"; we aim for under 100 ms.
const goalMs = 100;
const quick = process.env.JOBKIT_BENCH_QUICK === "1";
const options = quick ? { time: 200, warmupTime: 50 } : { time: 1000, warmupTime: 200 };

const trialStarted = defineEvent("billing/trial.started", { schema: z.object({ userId: z.string() }) });
const started = trialStarted.create({ userId: "u1" });

const thirtyDays = defineEventFunction({
  id: "thirty-day-sequence",
  on: trialStarted,
  handler: async ({ step }) => {
    for (let index = 0; index < 10; index++) {
      await step.sleep(`wait-${index}`, "3d");
      await step.run(`send-${index}`, () => index);
    }
    return "done";
  },
});

const thousandSteps = defineEventFunction({
  id: "thousand-steps",
  on: trialStarted,
  handler: async ({ step }) => {
    let total = 0;
    for (let index = 0; index < 1000; index++) total += await step.run("add", () => 1);
    return total;
  },
});

/**
 * Times each run itself and prints the mean once the measured phase ends (tinybench fills in its own
 * statistics only after the teardown hook).
 */
function timed(name: string, run: () => Promise<void>, goal?: number) {
  let samples: number[] = [];
  return {
    fn: async () => {
      const begin = performance.now();
      await run();
      samples.push(performance.now() - begin);
    },
    hooks: {
      setup: () => {
        samples = [];
      },
      teardown: (_task: unknown, mode?: "warmup" | "run") => {
        if (mode !== "run" || samples.length === 0) return;
        const mean = samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
        const verdict = goal === undefined ? "" : ` (goal < ${goal} ms)${mean < goal ? "" : " ABOVE GOAL"}`;
        console.log(`${name}: ${mean.toFixed(1)} ms per run over ${samples.length} runs${verdict}`);
      },
    },
  };
}

const thirtyDayRun = timed(
  "30-day sequence (10 sleeps, 10 steps)",
  async () => {
    const run = await runJob(thirtyDays, { event: started, now: "2026-11-01T00:00:00Z" });
    if (run.elapsed !== 30 * 86_400_000) throw new Error(`expected 30 virtual days, got ${run.elapsed} ms`);
  },
  goalMs,
);
const thousandStepRun = timed("1000 steps in one run", async () => {
  const run = await runJob(thousandSteps, { event: started });
  if (run.output !== 1000) throw new Error(`expected 1000, got ${String(run.output)}`);
});

describe("runJob", () => {
  bench("30-day sequence: 10 sleeps, 10 steps", thirtyDayRun.fn, { ...options, ...thirtyDayRun.hooks });
  bench("1000 steps in one run", thousandStepRun.fn, { ...options, iterations: 3, ...thousandStepRun.hooks });
});
