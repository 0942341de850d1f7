// Type-check scaling: `tsc --noEmit --extendedDiagnostics` on generated apps, jobkit vs raw Inngest.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { generateApp } from "./generate-app.mjs";

const tscBin = createRequire(import.meta.url).resolve("typescript/bin/tsc");

const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ["app.ts"],
};

function diagnostic(output, label) {
  const match = output.match(new RegExp(`^${label}:\\s+([\\d.]+)([sK]?)`, "m"));
  return match ? Number(match[1]) : Number.NaN;
}

function check(dir) {
  const result = spawnSync(process.execPath, [tscBin, "-p", dir, "--extendedDiagnostics"], {
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`;
  if (output.includes("TS2589")) throw new Error(`TS2589 (excessively deep instantiation) in ${dir}`);
  if (result.status !== 0)
    throw new Error(`tsc failed on ${dir}:\n${output.split("\n").slice(0, 20).join("\n")}`);
  return {
    checkSeconds: diagnostic(output, "Check time"),
    totalSeconds: diagnostic(output, "Total time"),
    memoryMB: Math.round(diagnostic(output, "Memory used") / 1024),
    instantiations: diagnostic(output, "Instantiations"),
  };
}

export function typecheckScaling({ workDir, size }) {
  const sides = {};
  for (const flavour of ["jobkit", "raw"]) {
    const dir = join(workDir, `tsc-${flavour}-${size}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "app.ts"),
      generateApp({ events: size, functions: size, flavour, typescript: true }),
    );
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    sides[flavour] = check(dir);
  }
  return {
    name: `type-check ${size} events + ${size} functions`,
    unit: "s",
    jobkit: { median: sides.jobkit.totalSeconds, ...sides.jobkit },
    baseline: { median: sides.raw.totalSeconds, ...sides.raw },
    ratio: sides.jobkit.totalSeconds / sides.raw.totalSeconds,
    goal: { max: 1.5 },
  };
}
