#!/usr/bin/env node
// A release dry run: in a temp copy of the workspace manifests, `changeset version` applies the pending
// changesets, then `pnpm pack` packs every public package. The check fails unless every tarball's
// package.json is what users should get:
//   - no `workspace:` range left: each internal dependency is a real range that the bumped version of
//     that package satisfies;
//   - no `@jobkit/source` condition in `exports` (publishConfig.exports replaced it);
//   - repository, homepage, bugs and keywords set;
// and unless every example's @jobkit/* ranges still match the bumped versions, so pnpm keeps linking
// the workspace packages into the examples after a release.
//
//   node scripts/check-release.mjs        (part of `pnpm check`; no build needed)
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();

/** pnpm as the running `pnpm check` invoked it, else the pinned one through npx. */
function pnpm(args, cwd) {
  const execPath = process.env.npm_execpath;
  const [command, prefix] =
    execPath && /pnpm/.test(execPath) && /\.c?js$/.test(execPath)
      ? [process.execPath, [execPath]]
      : ["npx", ["-y", "pnpm@10.34.9"]];
  return execFileSync(command, [...prefix, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Whether `version` satisfies a caret, tilde or exact range (the forms pnpm and changesets write). */
export function satisfies(version, range) {
  const match = /^([~^]?)(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const have = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match || !have) return false;
  const [want, got] = [match.slice(2).map(Number), have.slice(1).map(Number)];
  const atLeast = got[0] - want[0] || got[1] - want[1] || got[2] - want[2];
  if (match[1] === "") return atLeast === 0;
  if (atLeast < 0) return false;
  if (match[1] === "~") return got[0] === want[0] && got[1] === want[1];
  if (want[0] > 0) return got[0] === want[0];
  if (want[1] > 0) return got[0] === 0 && got[1] === want[1];
  return atLeast === 0;
}

const workspaceDirs = ["packages", "examples"].flatMap((folder) =>
  readdirSync(join(repo, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(repo, folder, entry.name, "package.json")))
    .map((entry) => `${folder}/${entry.name}`),
);

const temp = mkdtempSync(join(tmpdir(), "jobkit-release-"));
const problems = [];
try {
  // Only what `changeset version` and `pnpm pack` read: manifests, changelogs, the changesets.
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset"]) {
    cpSync(join(repo, file), join(temp, file), { recursive: true });
  }
  for (const dir of [...workspaceDirs, "docs", "bench"]) {
    mkdirSync(join(temp, dir), { recursive: true });
    for (const file of ["package.json", "CHANGELOG.md", "README.md"]) {
      if (existsSync(join(repo, dir, file))) cpSync(join(repo, dir, file), join(temp, dir, file));
    }
  }
  const changesets = readdirSync(join(temp, ".changeset")).filter(
    (file) => file.endsWith(".md") && file !== "README.md",
  );
  const changesetBin = join(repo, "node_modules", "@changesets", "cli", "bin.js");
  execFileSync(process.execPath, [changesetBin, "version"], { cwd: temp, stdio: ["ignore", "pipe", "pipe"] });

  const manifestOf = (dir) => JSON.parse(readFileSync(join(temp, dir, "package.json"), "utf8"));
  const versions = Object.fromEntries(
    workspaceDirs
      .filter((dir) => dir.startsWith("packages/"))
      .map((dir) => [manifestOf(dir).name, manifestOf(dir).version]),
  );

  // pnpm pack reads a workspace dependency's version from node_modules: link each one, as an install would.
  const dirOf = Object.fromEntries(workspaceDirs.map((dir) => [manifestOf(dir).name, dir]));
  for (const dir of workspaceDirs) {
    const manifest = manifestOf(dir);
    for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        const link = join(temp, dir, "node_modules", dependency);
        if (!range.startsWith("workspace:") || !(dependency in dirOf) || existsSync(link)) continue;
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(join(temp, dirOf[dependency]), link, "dir");
      }
    }
  }

  const tarballs = join(temp, "tarballs");
  pnpm(["-r", "--filter", "./packages/*", "pack", "--pack-destination", tarballs], temp);
  for (const tarball of readdirSync(tarballs).filter((file) => file.endsWith(".tgz"))) {
    const packed = JSON.parse(
      execFileSync("tar", ["-xzOf", join(tarballs, tarball), "package/package.json"], { encoding: "utf8" }),
    );
    const where = `${packed.name}@${packed.version} (packed)`;
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
      for (const [dependency, range] of Object.entries(packed[field] ?? {})) {
        if (range.startsWith("workspace:"))
          problems.push(`${where}: ${field}.${dependency} is still "${range}"`);
        else if (
          dependency in versions &&
          field !== "devDependencies" &&
          !satisfies(versions[dependency], range)
        ) {
          problems.push(
            `${where}: ${field}.${dependency} is "${range}", which ${dependency}@${versions[dependency]} does not satisfy`,
          );
        }
      }
    }
    if (JSON.stringify(packed.exports ?? {}).includes("@jobkit/source")) {
      problems.push(
        `${where}: exports still has the @jobkit/source condition (run node scripts/sync-publish-exports.mjs)`,
      );
    }
    for (const field of ["repository", "homepage", "bugs", "keywords"]) {
      if (packed[field] === undefined) problems.push(`${where}: no ${field}`);
    }
  }
  for (const dir of workspaceDirs.filter((dir) => dir.startsWith("examples/"))) {
    const manifest = manifestOf(dir);
    for (const field of ["dependencies", "devDependencies"]) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        if (dependency in versions && !satisfies(versions[dependency], range)) {
          problems.push(
            `${dir}: ${field}.${dependency} "${range}" does not match ${dependency}@${versions[dependency]} after changeset version`,
          );
        }
      }
    }
  }
  const summary = Object.entries(versions)
    .map(([name, version]) => `${name}@${version}`)
    .join(", ");
  if (problems.length === 0) {
    console.log(
      `release dry run: ${changesets.length} changesets → ${summary}; every tarball has real ranges (${Math.round((Date.now() - started) / 1000)}s)`,
    );
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`The release dry run found problems:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
