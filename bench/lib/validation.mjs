// Validation bench that can decide: jobkit's catalog.parse / create vs zod's safeParse on the same schema,
// interleaved in many short rounds (validation-rounds.mjs), each run in a fresh process, three runs. Reports
// the median ratio (jobkit throughput / zod throughput) of each run, its spread, and how far the three runs'
// medians are apart. Goal: ≥ 0.97× and the three runs within ±5 % of their mean.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, spreadPercent } from "./stats.mjs";

const script = join(fileURLToPath(new URL(".", import.meta.url)), "validation-rounds.mjs");

export function validation({ runs, rounds, perRound, goal = 0.97, stability = 0.05 }) {
  const perRun = [];
  for (let run = 0; run < runs; run++) {
    const stdout = execFileSync(process.execPath, [script, JSON.stringify({ rounds, perRound })], {
      encoding: "utf8",
    });
    perRun.push(JSON.parse(stdout).ratios);
  }
  return Object.keys(perRun[0]).map((name) => {
    const medians = perRun.map((ratios) => median(ratios[name]));
    const spreads = perRun.map((ratios) => spreadPercent(ratios[name]));
    const mean = medians.reduce((sum, value) => sum + value, 0) / medians.length;
    const deviation = Math.max(...medians.map((value) => Math.abs(value - mean) / mean));
    const ratio = median(medians);
    return {
      name,
      runs,
      rounds,
      perRound,
      medians,
      spreads,
      ratio,
      deviation,
      goal: { min: goal, stability },
      met: ratio >= goal && deviation <= stability,
      stable: deviation <= stability,
    };
  });
}
