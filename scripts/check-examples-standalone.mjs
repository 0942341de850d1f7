#!/usr/bin/env node
// Proves every example runs on its own, as a user gets it: copied out of this repository and installed
// with npm, the @jobkit packages coming from `pnpm pack` tarballs in place of the published ones.
//
//   node scripts/check-examples-standalone.mjs [example …]    (after `pnpm build`; part of `pnpm check`)
//
// For every examples/<name>/ with a package.json (or only the names given), in a temp folder outside the
// repository:
//   1. packs every public package (packages/*) once, with `pnpm pack` — the tarballs `pnpm publish`
//      would upload (workspace: ranges rewritten, publishConfig applied);
//   2. copies the example without node_modules, build output or .env;
//   3. points each @jobkit/* dependency at its tarball, and adds npm `overrides` so that the packages'
//      own @jobkit/* dependencies resolve to the tarballs too (nothing comes from the registry's @jobkit);
//   4. `npm install --no-audit --no-fund`; imports its @jobkit/* dependencies with plain node and the
//      repository-only `--conditions=@jobkit/source` set (published exports must not know it); then
//      `npm test` and `npm run typecheck`.
//
// What an example must have to pass (examples/nextjs included):
//   - package.json: @jobkit/* dependencies as semver ranges (e.g. "^0.1.0"), never "workspace:", and
//     every tool its scripts call (vitest, typescript, tsx, …) in its own devDependencies;
//   - scripts "test" (runs its tests from its own folder, e.g. "vitest run") and "typecheck"
//     (e.g. "tsc --noEmit");
//   - its own tsconfig.json with no "extends" outside the folder, and its own vitest config if any;
//   - no file that reaches outside its folder (../../…): shared test helpers are copied per example;
//   - tests that pass against the built packages (dist), with no `@jobkit/source` condition.
//
// Environment: JOBKIT_KEEP_TEMP=1 keeps the temp folder for a look; npm uses its usual cache.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)}s`;

/** pnpm as the running `pnpm check` invoked it, else the pinned one through npx. */
function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(basename(execPath)) && /\.c?js$/.test(execPath)) {
    return [process.execPath, [execPath]];
  }
  return ["npx", ["-y", "pnpm@10.34.9"]];
}

/** Runs a command, streaming nothing unless it fails; then its output is shown with the step's name. */
function run(step, command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, CI: "1", FORCE_COLOR: "0", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `${step} failed (exit ${code}): ${command} ${args.join(" ")} in ${cwd}\n${output.slice(-6000)}`,
          ),
        );
    });
  });
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

const workspacePackages = readdirSync(join(repo, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(repo, "packages", entry.name, "package.json")))
  .map((entry) => ({
    dir: join(repo, "packages", entry.name),
    manifest: readJson(join(repo, "packages", entry.name, "package.json")),
  }))
  .filter(({ manifest }) => manifest.private !== true);

const requested = process.argv.slice(2);
const examples = readdirSync(join(repo, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(repo, "examples", entry.name, "package.json")))
  .map((entry) => entry.name)
  .filter((name) => requested.length === 0 || requested.includes(name));
if (requested.length > 0 && examples.length !== requested.length) {
  throw new Error(`unknown example(s): ${requested.filter((name) => !examples.includes(name)).join(", ")}`);
}

/** Problems a copy would hit that are cheaper to name here than to read out of an npm error. */
function staticProblems(name) {
  const dir = join(repo, "examples", name);
  const manifest = readJson(join(dir, "package.json"));
  const problems = [];
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|link|file|portal):/.test(range)) {
        problems.push(`${field}.${dependency} is "${range}": use a semver range such as "^0.1.0"`);
      }
    }
  }
  for (const script of ["test", "typecheck", "start"]) {
    if (typeof manifest.scripts?.[script] !== "string")
      problems.push(`package.json has no "${script}" script`);
  }
  for (const [script, command] of Object.entries(manifest.scripts ?? {})) {
    if (/\.\.\/|--root\b|@jobkit\/source/.test(command)) {
      problems.push(
        `script "${script}" reaches outside the example or uses the repository's source condition: ${command}`,
      );
    }
  }
  const tsconfig = join(dir, "tsconfig.json");
  if (!existsSync(tsconfig)) problems.push("no tsconfig.json");
  else {
    const text = readFileSync(tsconfig, "utf8");
    if (/"extends"\s*:\s*"\.\.\//.test(text))
      problems.push("tsconfig.json extends a file outside the example");
    if (/@jobkit\/source/.test(text))
      problems.push("tsconfig.json uses the repository's @jobkit/source condition");
  }
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(
      /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](\.{1,2}\/[^"']*)["']/g,
    )) {
      const target = resolve(dirname(file), specifier);
      if (relative(dir, target).startsWith("..")) {
        problems.push(
          `${relative(dir, file)} imports "${specifier}", outside the example: copy what it needs into the folder`,
        );
      }
    }
  }
  return problems;
}

/** The example's own code: every script and module outside node_modules and build output. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (["node_modules", ".next", "dist", "coverage"].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) ? [path] : [];
  });
}

const problems = examples.flatMap((name) =>
  staticProblems(name).map((problem) => `examples/${name}: ${problem}`),
);
if (problems.length > 0) {
  console.error(`Examples that would not run on their own:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}

const missingBuild = workspacePackages.filter(({ dir }) => !existsSync(join(dir, "dist")));
if (missingBuild.length > 0) {
  console.error(
    `Not built: ${missingBuild.map(({ manifest }) => manifest.name).join(", ")}. Run \`pnpm build\` first: the tarballs ship dist/.`,
  );
  process.exit(1);
}

const temp = mkdtempSync(join(tmpdir(), "jobkit-standalone-"));
const tarballs = join(temp, "tarballs");
mkdirSync(tarballs);
let failed = false;
try {
  const [pnpm, pnpmArgs] = pnpmCommand();
  await run(
    "pnpm pack",
    pnpm,
    [...pnpmArgs, "-r", "--filter", "./packages/*", "pack", "--pack-destination", tarballs],
    repo,
  );
  /** @type {Record<string, string>} package name → file: spec of its tarball */
  const tarballOf = {};
  for (const { manifest } of workspacePackages) {
    const file = join(
      tarballs,
      `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`,
    );
    if (!existsSync(file)) throw new Error(`pnpm pack wrote no ${relative(temp, file)} for ${manifest.name}`);
    tarballOf[manifest.name] = `file:${file}`;
  }
  console.log(`standalone examples: packed ${workspacePackages.length} packages (${seconds()})`);

  const results = await Promise.allSettled(
    examples.map(async (name) => {
      const source = join(repo, "examples", name);
      const app = join(temp, "apps", name);
      const skipped = new Set(["node_modules", ".next", "dist", ".env", "coverage", ".turbo"]);
      cpSync(source, app, {
        recursive: true,
        filter: (path) => !skipped.has(basename(path)) && !basename(path).endsWith(".tsbuildinfo"),
      });
      const manifest = readJson(join(app, "package.json"));
      for (const field of ["dependencies", "devDependencies"]) {
        for (const dependency of Object.keys(manifest[field] ?? {})) {
          if (dependency.startsWith("@jobkit/")) {
            if (!tarballOf[dependency])
              throw new Error(
                `examples/${name} depends on ${dependency}, which no package in packages/ provides`,
              );
            manifest[field][dependency] = tarballOf[dependency];
          }
        }
      }
      manifest.overrides = { ...manifest.overrides, ...tarballOf };
      writeFileSync(join(app, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

      await run(
        `${name}: npm install`,
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
        app,
      );
      console.log(`standalone examples: ${name} installed with npm (${seconds()})`);
      // The repository-only export condition must not reach users: with it set, node still loads dist/.
      const imports = Object.keys(manifest.dependencies ?? {})
        .filter((dependency) => dependency.startsWith("@jobkit/"))
        .map((dependency) => `await import(${JSON.stringify(dependency)});`)
        .join(" ");
      await run(
        `${name}: node --conditions=@jobkit/source`,
        process.execPath,
        ["--conditions=@jobkit/source", "--input-type=module", "-e", imports],
        app,
      );
      await run(`${name}: npm test`, "npm", ["test"], app);
      await run(`${name}: npm run typecheck`, "npm", ["run", "typecheck"], app);
      console.log(`standalone examples: ${name} passes npm test and npm run typecheck (${seconds()})`);
    }),
  );
  for (const result of results) {
    if (result.status === "rejected") {
      failed = true;
      console.error(String(result.reason?.message ?? result.reason));
    }
  }
} finally {
  if (process.env.JOBKIT_KEEP_TEMP === "1") console.log(`standalone examples: kept ${temp}`);
  else {
    // A gigabyte of node_modules takes minutes to unlink on a busy disk: the check does not wait for it.
    spawn("rm", ["-rf", temp], { detached: true, stdio: "ignore" }).unref();
  }
}
if (failed) process.exit(1);
console.log(`standalone examples: ${examples.join(", ")} run on their own (${seconds()})`);
