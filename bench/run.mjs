#!/usr/bin/env node
// `pnpm bench [--quick] [--only <text>] [--bench <names>]`: jobkit side by side with hand-written Inngest code,
// in one run, as ratios. Writes bench/results.json and bench/README.md (a quick or filtered run writes them under
// bench/.tmp). `--quick` (CI) runs every benchmark with few samples so the scripts cannot rot; it asserts nothing
// about timings and judges no goal. `--only <text>` runs just the vitest bench files whose path contains <text>
// (e.g. `--only run-job`), skipping everything else. `--bench <names>` runs only the named benchmarks, comma
// separated: cold-start, typecheck, size, load, soak, bundle, validation, vitest.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { bundleSizes } from "./lib/bundle-size.mjs";
import { coldStart } from "./lib/cold-start.mjs";
import { packageSizes } from "./lib/package-size.mjs";
import { renderReadme } from "./lib/render-readme.mjs";
import { serveLoad } from "./lib/serve-load.mjs";
import { soak } from "./lib/soak.mjs";
import { typecheckScaling } from "./lib/typecheck-scaling.mjs";
import { validation } from "./lib/validation.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, "..");
const workDir = join(benchDir, ".tmp");
const quick = process.argv.includes("--quick");
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const benchIndex = process.argv.indexOf("--bench");
const selected = benchIndex === -1 ? undefined : new Set(process.argv[benchIndex + 1].split(","));
const runs = (name) => (only ? name === "vitest" : selected === undefined || selected.has(name));
const filtered = only !== undefined || selected !== undefined;
/** Pass/fail against a goal: judged in a full run only (quick figures are too rough). */
const verdict = (met) => (quick ? "" : met ? " — pass" : " — MISSED");

function formatNumber(value, unit) {
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  if (unit === "s") return `${value.toFixed(2)} s`;
  return `${Math.round(value)} ${unit}`;
}

function printComparison(record) {
  const goal = record.goal.max !== undefined ? `≤ ${record.goal.max}×` : `≥ ${record.goal.min}×`;
  const met = quick
    ? undefined
    : record.goal.max !== undefined
      ? record.ratio <= record.goal.max
      : record.ratio >= record.goal.min;
  const spread = (side) => (side.spread === undefined ? "" : ` ±${side.spread.toFixed(0)}%`);
  console.log(
    `${record.name}: jobkit ${formatNumber(record.jobkit.median, record.unit)}${spread(record.jobkit)}, ` +
      `baseline ${formatNumber(record.baseline.median, record.unit)}${spread(record.baseline)}, ` +
      `ratio ${record.ratio.toFixed(2)} (goal ${goal})${met === undefined ? "" : verdict(met)}`,
  );
  return { ...record, met };
}

function ensureBuilt() {
  const packagesDir = join(root, "packages");
  const missing = readdirSync(packagesDir).filter(
    (name) => !existsSync(join(packagesDir, name, "dist", "index.js")),
  );
  if (missing.length === 0) return;
  console.log(`building packages (no dist for ${missing.join(", ")})…`);
  const result = spawnSync("pnpm", ["-r", "--filter", "./packages/*", "run", "build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs every `*.bench.ts` in the workspace with vitest bench and keeps the lines they report. */
function vitestBenches() {
  // vitest's own entry run by this Node: no `pnpm` on PATH needed (`node bench/run.mjs` works as well as `pnpm bench`).
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const result = spawnSync(process.execPath, [vitest, "bench", "--run", ...(only ? [only] : [])], {
    cwd: root,
    encoding: "utf8",
    // CI="" keeps the root vitest config from writing its CI test report (the test summary) for a bench run.
    env: { ...process.env, CI: "", JOBKIT_BENCH_QUICK: quick ? "1" : "", FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.status !== 0) throw new Error(`vitest bench exited with ${result.status}`);
  // Bench files report their figures as "name: …" lines; vitest's own table rows start with spaces or
  // symbols, and its summary names the bench file.
  return result.stdout
    .split("\n")
    .map((line) => stripVTControlCharacters(line).trim())
    .filter((line) => /^[A-Za-z0-9@][^|]*: .*(ratio|ms|steps|chunks|bytes|per run)/.test(line))
    .filter((line) => !line.includes(".bench.ts"));
}

rmSync(workDir, { recursive: true, force: true });
ensureBuilt();

const comparisons = [];
if (runs("cold-start")) {
  console.log(`\n== cold start${quick ? " (quick)" : ""}`);
  comparisons.push(
    printComparison(
      coldStart({ workDir, events: 50, functions: 100, samples: quick ? 3 : 21, warmup: quick ? 1 : 3 }),
    ),
  );
}
if (runs("typecheck")) {
  console.log("\n== type-check scaling");
  for (const size of quick ? [50] : [100, 500])
    comparisons.push(printComparison(typecheckScaling({ workDir, size })));
}

let sizes = [];
if (runs("size")) {
  console.log("\n== package size (minified + gzipped ESM entry, dependencies and peers excluded)");
  sizes = await packageSizes({ packagesDir: join(root, "packages") });
  for (const row of sizes) {
    console.log(
      `${row.package}: ${(row.gzippedBytes / 1024).toFixed(1)} KiB gzipped (${(row.minifiedBytes / 1024).toFixed(1)} KiB minified), ` +
        `runtime deps: ${row.runtimeDependencies.join(", ") || "none"}${row.typeOnlyDependencies.length > 0 ? ` (types only: ${row.typeOnlyDependencies.join(", ")})` : ""}${row.role === "tool" ? " (command-line tool, not bundled into apps)" : ""}${row.withinGoal ? "" : " — MISSED (goal: no runtime dependency beyond the peers)"}`,
    );
  }
}

let bundle;
if (runs("bundle")) {
  console.log("\n== bundle in an app (esbuild: tree-shaken ESM, minified, gzipped; peers external)");
  bundle = await bundleSizes({ goalKiB: 6 });
  for (const row of bundle.rows) {
    console.log(
      `${row.name}: ${(row.gzippedBytes / 1024).toFixed(1)} KiB (${(row.addedGzippedBytes / 1024).toFixed(1)} KiB of it this import; goal ≤ ${bundle.goalKiB} KiB)${verdict(row.met)}`,
    );
  }
}

let load;
if (runs("load")) {
  const options = quick
    ? { connections: 50, duration: 2, rounds: 2, warmup: 1 }
    : { connections: 1000, duration: 20, rounds: 4, warmup: 5 };
  console.log(
    `\n== serve path under load (Express example's jobs, inngest/express, ${options.connections} connections, ${options.rounds} × ${options.duration} s per side, interleaved)`,
  );
  load = await serveLoad(options);
  const { jobkit, baseline, ratios, goals } = load;
  console.log(
    `throughput: jobkit ${Math.round(jobkit.requestsPerSecond)} req/s, raw ${Math.round(baseline.requestsPerSecond)} req/s, ratio ${ratios.throughput.toFixed(2)} (goal ≥ 0.95×)${verdict(goals.throughput)}\n` +
      `latency p50: jobkit ${Math.round(jobkit.p50)} ms, raw ${Math.round(baseline.p50)} ms, ratio ${ratios.p50.toFixed(2)}\n` +
      `latency p99: jobkit ${Math.round(jobkit.p99)} ms, raw ${Math.round(baseline.p99)} ms, ratio ${ratios.p99.toFixed(2)} (goal ≤ 1.1×)${verdict(goals.p99)}\n` +
      `errors: jobkit ${jobkit.errors}, raw ${baseline.errors} (goal 0)${verdict(goals.errors)}`,
  );
}

let soakResult;
if (runs("soak")) {
  const options = quick
    ? { total: 1000, every: 500, connections: 20, variants: 5 }
    : { total: 100_000, every: 10_000, connections: 100, variants: 50 };
  console.log(
    `\n== soak (${options.total} signed step calls, memory after forced GC every ${options.every})`,
  );
  soakResult = await soak(options);
  console.log(
    `after warm-up: RSS +${(soakResult.rssGrowth * 100).toFixed(1)} %, heap +${(soakResult.heapGrowth * 100).toFixed(1)} % (goal ≤ 10 %), errors ${soakResult.errors}${verdict(soakResult.met)}`,
  );
}

let validationResult;
if (runs("validation")) {
  const options = quick ? { runs: 3, rounds: 30, perRound: 200 } : { runs: 3, rounds: 300, perRound: 500 };
  console.log(
    `\n== validation vs zod safeParse (${options.runs} runs × ${options.rounds} interleaved rounds × ${options.perRound} calls)`,
  );
  validationResult = validation(options);
  for (const row of validationResult) {
    console.log(
      `${row.name}: ratio ${row.ratio.toFixed(3)} (runs ${row.medians.map((value) => value.toFixed(3)).join(", ")}; ` +
        `runs within ±${(row.deviation * 100).toFixed(1)} %) (goal ≥ ${row.goal.min}×, runs within ±${row.goal.stability * 100} %)${verdict(row.met)}`,
    );
  }
}

let reported = [];
if (runs("vitest")) {
  console.log("\n== validation, harness and fan-out (vitest bench)");
  reported = vitestBenches();
}

const results = {
  generatedAt: new Date().toISOString(),
  quick,
  node: process.version,
  comparisons,
  sizes,
  bundle,
  load,
  soak: soakResult,
  validation: validationResult,
  reported,
};
// A quick run (CI) proves the scripts work; its figures are too rough to replace the committed ones, and a
// filtered run has only some of them.
const outDir = quick || filtered ? workDir : benchDir;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, "README.md"), renderReadme(results));
console.log(
  `\nwrote ${quick || filtered ? "bench/.tmp" : "bench"}/results.json and README.md${quick ? " (quick mode: indicative only)" : ""}`,
);
