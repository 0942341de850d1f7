// Cold start: a fresh Node process imports and registers the generated app, jobkit vs raw Inngest.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateApp } from "./generate-app.mjs";
import { summarize } from "./stats.mjs";

function timeProcess(file) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [file], { encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`cold start of ${file} failed:\n${result.stderr}`);
  return elapsed;
}

/** Runs both sides alternately (ABAB…) so machine load drifting during the run hits both alike. */
export function coldStart({ workDir, events, functions, samples, warmup }) {
  mkdirSync(workDir, { recursive: true });
  const files = {};
  for (const flavour of ["jobkit", "raw"]) {
    files[flavour] = join(workDir, `cold-${flavour}.mjs`);
    writeFileSync(files[flavour], generateApp({ events, functions, flavour, typescript: false }));
  }
  for (let index = 0; index < warmup; index++)
    for (const flavour of ["jobkit", "raw"]) timeProcess(files[flavour]);
  const times = { jobkit: [], raw: [] };
  for (let index = 0; index < samples; index++) {
    const order = index % 2 === 0 ? ["jobkit", "raw"] : ["raw", "jobkit"];
    for (const flavour of order) times[flavour].push(timeProcess(files[flavour]));
  }
  const jobkit = summarize(times.jobkit);
  const baseline = summarize(times.raw);
  return {
    name: `cold start (${functions} functions on ${events} events)`,
    unit: "ms",
    jobkit,
    baseline,
    ratio: jobkit.median / baseline.median,
    goal: { max: 1.05 },
  };
}
