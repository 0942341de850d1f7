#!/usr/bin/env node
// `pnpm bench [--quick] [--only <text>]`: jobkit side by side with hand-written Inngest code, in one run, as
// ratios. Writes bench/results.json and bench/README.md (a quick or filtered run writes them under bench/.tmp).
// `--quick` (CI) runs every benchmark with few samples so the scripts cannot rot; it asserts nothing about
// timings. `--only <text>` runs just the vitest bench files whose path contains <text> (e.g. `--only run-job`),
// skipping cold start, type-check scaling and package size.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { coldStart } from "./lib/cold-start.mjs";
import { packageSizes } from "./lib/package-size.mjs";
import { renderReadme } from "./lib/render-readme.mjs";
import { typecheckScaling } from "./lib/typecheck-scaling.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, "..");
const workDir = join(benchDir, ".tmp");
const quick = process.argv.includes("--quick");
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];

function formatNumber(value, unit) {
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  if (unit === "s") return `${value.toFixed(2)} s`;
  return `${Math.round(value)} ${unit}`;
}

function printComparison(record) {
  const goal = record.goal.max !== undefined ? `≤ ${record.goal.max}×` : `≥ ${record.goal.min}×`;
  const met =
    record.goal.max !== undefined ? record.ratio <= record.goal.max : record.ratio >= record.goal.min;
  const spread = (side) => (side.spread === undefined ? "" : ` ±${side.spread.toFixed(0)}%`);
  console.log(
    `${record.name}: jobkit ${formatNumber(record.jobkit.median, record.unit)}${spread(record.jobkit)}, ` +
      `baseline ${formatNumber(record.baseline.median, record.unit)}${spread(record.baseline)}, ` +
      `ratio ${record.ratio.toFixed(2)} (goal ${goal})${met ? "" : " — MISSED"}`,
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
  const result = spawnSync("pnpm", ["exec", "vitest", "bench", "--run", ...(only ? [only] : [])], {
    cwd: root,
    encoding: "utf8",
    // CI="" keeps the root vitest config from writing its CI test report (the test summary) for a bench run.
    env: { ...process.env, CI: "", JOBKIT_BENCH_QUICK: quick ? "1" : "", FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
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
if (!only) {
  console.log(`\n== cold start${quick ? " (quick)" : ""}`);
  comparisons.push(
    printComparison(
      coldStart({ workDir, events: 50, functions: 100, samples: quick ? 3 : 15, warmup: quick ? 1 : 3 }),
    ),
  );

  console.log("\n== type-check scaling");
  for (const size of quick ? [50] : [100, 500])
    comparisons.push(printComparison(typecheckScaling({ workDir, size })));
}

console.log("\n== package size (minified + gzipped ESM entry, dependencies and peers excluded)");
const sizes = only ? [] : await packageSizes({ packagesDir: join(root, "packages") });
for (const row of sizes) {
  console.log(
    `${row.package}: ${(row.gzippedBytes / 1024).toFixed(1)} KiB gzipped (${(row.minifiedBytes / 1024).toFixed(1)} KiB minified), ` +
      `runtime deps: ${row.runtimeDependencies.join(", ") || "none"}${row.role === "tool" ? " (command-line tool, not bundled into apps)" : ""}${row.withinGoal ? "" : " — MISSED (goal: peers + one cron parser)"}`,
  );
}

console.log("\n== validation, harness and fan-out (vitest bench)");
const reported = vitestBenches();

const results = {
  generatedAt: new Date().toISOString(),
  quick,
  node: process.version,
  comparisons,
  sizes,
  reported,
};
// A quick run (CI) proves the scripts work; its figures are too rough to replace the committed ones, and a
// filtered run has only some of them.
const outDir = quick || only ? workDir : benchDir;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, "README.md"), renderReadme(results));
console.log(
  `\nwrote ${quick || only ? "bench/.tmp" : "bench"}/results.json and README.md${quick ? " (quick mode: indicative only)" : ""}`,
);
