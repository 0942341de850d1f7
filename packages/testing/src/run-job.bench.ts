import { InngestTestEngine } from "@inngest/test";
import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { Inngest } from "inngest";
import { bench, describe } from "vitest";
import { z } from "zod";
import { runJob } from "./run-job";

// Goals (issue 22): runJob at least as fast as @inngest/test on a raw function of 10 step.run + 10 step.sleep
// (its sleeps mocked by hand, since it cannot run them), a 30-day reminder sequence under 5 ms, 1000 steps
// in one run under 100 ms.
const quick = process.env.JOBKIT_BENCH_QUICK === "1";
const options = quick ? { time: 200, warmupTime: 50 } : { time: 1500, warmupTime: 300 };

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

// The same raw function for both harnesses, on a client with the SDK's default logger. It counts the step
// bodies it runs, so each side proves after every run that it did the same work: all 10 `step.run` bodies.
let stepBodiesRun = 0;
const inngest = new Inngest({ id: "bench", isDev: true });
const tenAndTen = inngest.createFunction(
  { id: "ten-and-ten", triggers: [{ event: "bench/start" }] },
  async ({ step }) => {
    for (let index = 0; index < 10; index++) {
      await step.run(`step-${index}`, () => {
        stepBodiesRun++;
        return index;
      });
      await step.sleep(`sleep-${index}`, "1d");
    }
    return "done";
  },
);
const benchEvent = { name: "bench/start", data: {} };
/**
 * A fresh list of sleep mocks for each @inngest/test run: `InngestTestEngine` pushes every step result it gets
 * into the `steps` array it was given, so a list shared between runs would hand the next run all ten step
 * results as mocks (one execution, no step body run) and time a tenth of the work.
 */
const sleepMocks = () =>
  Array.from({ length: 10 }, (_, index) => ({ id: `sleep-${index}`, handler: () => null }));

/** Throws unless the run just finished ran every step body once, as a run from scratch must. */
function expectAllStepBodiesRun(harness: string): void {
  const ran = stepBodiesRun;
  stepBodiesRun = 0;
  if (ran !== 10) throw new Error(`${harness}: expected 10 step bodies to run, ${ran} ran`);
}

/**
 * The median of the samples: a garbage-collection pause lands in whichever run happens to be going (often the
 * baseline run after runJob's, collecting runJob's garbage), so a mean swings with where the pauses fall.
 */
function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Times each run itself (median per run); tinybench fills in its own statistics only after the teardown hook. */
function timed(run: () => Promise<void>, onMedian: (median: number, runs: number) => void) {
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
        onMedian(median(samples), samples.length);
      },
    },
  };
}

function underGoal(name: string, goalMs: number) {
  return (median: number, runs: number) =>
    console.log(
      `${name}: ${median.toFixed(1)} ms per run (median of ${runs} runs, goal < ${goalMs} ms)${median < goalMs ? "" : " ABOVE GOAL"}`,
    );
}

/**
 * runJob and @inngest/test on the same function, measured A-B-A (baseline before and after, averaged) so
 * load from other processes that drifts during the run shifts both sides alike.
 */
const medians: { before?: number; jobkit?: number; after?: number } = {};
function reportComparison() {
  if (medians.before === undefined || medians.jobkit === undefined || medians.after === undefined) return;
  const baseline = (medians.before + medians.after) / 2;
  const ratio = medians.jobkit / baseline;
  console.log(
    `runJob vs @inngest/test, raw function of 10 step.run + 10 step.sleep: jobkit ${medians.jobkit.toFixed(1)} ms, ` +
      `baseline ${baseline.toFixed(1)} ms per run (medians), ratio ${ratio.toFixed(2)} (goal ≤ 1×)${ratio <= 1 ? "" : " ABOVE GOAL"}`,
  );
}
const side = (key: keyof typeof medians, run: () => Promise<void>) =>
  timed(run, (median) => {
    medians[key] = median;
    reportComparison();
  });
const withInngestTest = async () => {
  const { result } = await new InngestTestEngine({
    function: tenAndTen,
    events: [benchEvent],
    steps: sleepMocks(),
  }).execute();
  if (result !== "done") throw new Error(`@inngest/test: expected "done", got ${String(result)}`);
  expectAllStepBodiesRun("@inngest/test");
};
const withRunJob = async () => {
  const run = await runJob(tenAndTen, { event: benchEvent });
  if (run.output !== "done") throw new Error(`runJob: expected "done", got ${String(run.output)}`);
  expectAllStepBodiesRun("runJob");
};
const before = side("before", withInngestTest);
const jobkit = side("jobkit", withRunJob);
const after = side("after", withInngestTest);

const thirtyDayRun = timed(
  async () => {
    const run = await runJob(thirtyDays, { event: started, now: "2026-11-01T00:00:00Z" });
    if (run.elapsed !== 30 * 86_400_000) throw new Error(`expected 30 virtual days, got ${run.elapsed} ms`);
  },
  underGoal("runJob 30-day reminder sequence (10 sleeps, 10 steps)", 5),
);
const thousandStepRun = timed(
  async () => {
    const run = await runJob(thousandSteps, { event: started });
    if (run.output !== 1000) throw new Error(`expected 1000, got ${String(run.output)}`);
  },
  underGoal("runJob 1000 steps in one run", 100),
);

describe("runJob", () => {
  bench("@inngest/test (before)", before.fn, { ...options, ...before.hooks });
  bench("runJob", jobkit.fn, { ...options, ...jobkit.hooks });
  bench("@inngest/test (after)", after.fn, { ...options, ...after.hooks });
  bench("30-day sequence: 10 sleeps, 10 steps", thirtyDayRun.fn, { ...options, ...thirtyDayRun.hooks });
  bench("1000 steps in one run", thousandStepRun.fn, { ...options, iterations: 3, ...thousandStepRun.hooks });
});
