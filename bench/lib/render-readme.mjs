// Renders bench/README.md from results.json, so the table and the numbers never disagree.
const fmt = (value, unit) =>
  unit === "ms" ? `${value.toFixed(1)} ms` : unit === "s" ? `${value.toFixed(2)} s` : String(value);

export function renderReadme(results) {
  const lines = [
    "# Benchmarks",
    "",
    "jobkit side by side with the same app written with raw Inngest v4 (`eventType` + `createFunction`),",
    "measured in one run so both sides share the machine's load. Regenerate with `pnpm bench`",
    "(`pnpm bench --quick` is what CI runs: few samples, no assertions on timings).",
    "",
    `Last run: ${results.generatedAt}, Node ${results.node}${results.quick ? ", **quick mode** (indicative only)" : ""}.`,
    "",
    "| benchmark | jobkit (median ± IQR) | baseline (median ± IQR) | ratio | goal | met |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const record of results.comparisons) {
    const spread = (side) => (side.spread === undefined ? "" : ` ±${side.spread.toFixed(0)}%`);
    const goal = record.goal.max !== undefined ? `≤ ${record.goal.max}×` : `≥ ${record.goal.min}×`;
    lines.push(
      `| ${record.name} | ${fmt(record.jobkit.median, record.unit)}${spread(record.jobkit)} | ${fmt(record.baseline.median, record.unit)}${spread(record.baseline)} | ${record.ratio.toFixed(2)} | ${goal} | ${record.met ? "yes" : "**no**"} |`,
    );
  }
  const typecheck = results.comparisons.filter((record) => record.jobkit.instantiations !== undefined);
  if (typecheck.length > 0) {
    lines.push("", "Type-check detail (`tsc --extendedDiagnostics`; no TS2589 on either side):", "");
    lines.push(
      "| app | side | total | check | memory | instantiations |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const record of typecheck) {
      for (const [side, data] of [
        ["jobkit", record.jobkit],
        ["raw Inngest", record.baseline],
      ]) {
        lines.push(
          `| ${record.name} | ${side} | ${data.totalSeconds.toFixed(2)} s | ${data.checkSeconds.toFixed(2)} s | ${data.memoryMB} MB | ${data.instantiations} |`,
        );
      }
    }
  }
  lines.push(
    "",
    "## Package size",
    "",
    "| package | gzipped | minified | runtime dependencies | goal met |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const row of results.sizes) {
    lines.push(
      `| ${row.package} | ${(row.gzippedBytes / 1024).toFixed(1)} KiB | ${(row.minifiedBytes / 1024).toFixed(1)} KiB | ${row.runtimeDependencies.join(", ") || "none"}${row.role === "tool" ? " (CLI tool)" : ""} | ${row.withinGoal ? "yes" : "**no**"} |`,
    );
  }
  lines.push(
    "",
    "## Reported by the vitest bench files",
    "",
    "Validation (`catalog.parse`, `create` vs zod `safeParse`, goal ≥ 0.9×), the test harness and fan-out planning.",
    "The validation ratios move between about 0.9 and 1.05 from run to run on a shared 2-core machine: jobkit",
    "adds one map lookup and the Standard Schema wrapper around zod's own `safeParse` per call.",
    "",
    "runJob (`packages/testing/src/run-job.bench.ts`): `runJob` against `@inngest/test` on the same raw function of",
    "10 `step.run` + 10 `step.sleep` (sleeps mocked by hand for `@inngest/test`, measured A-B-A; goal ratio ≤ 1),",
    "a 30-day reminder sequence (goal < 5 ms) and 1000 steps in one run (goal < 100 ms). runJob does every",
    "request the serve path does (per-request middleware, `wrapRequest`, checkpointing), so it skips no work the",
    "real executor does. Run only these with `pnpm bench --only run-job`.",
    "",
  );
  for (const line of results.reported) lines.push(`- ${line}`);
  lines.push("");
  return lines.join("\n");
}
