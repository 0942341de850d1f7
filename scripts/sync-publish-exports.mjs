#!/usr/bin/env node
// Writes each package's `publishConfig.exports`: its `exports` map without the `@jobkit/source`
// condition. In this repository that condition points imports at `src/` so packages see each other's
// changes without a build; published, it would make tsx (and any tool started with the condition) run
// TypeScript out of node_modules, and plain `node --conditions=@jobkit/source` fail with
// ERR_UNKNOWN_FILE_EXTENSION. `pnpm pack`/`pnpm publish` put `publishConfig.exports` in the tarball.
//
//   node scripts/sync-publish-exports.mjs          rewrite the package.json files
//   node scripts/sync-publish-exports.mjs --check  exit 1 when one is out of date (scripts/checks runs this)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The exports map a user gets: every `@jobkit/source` condition removed, at any depth. */
export function publishedExports(exports) {
  if (Array.isArray(exports)) return exports.map(publishedExports);
  if (exports === null || typeof exports !== "object") return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([condition]) => condition !== "@jobkit/source")
      .map(([key, value]) => [key, publishedExports(value)]),
  );
}

/** Every public package's manifest file. */
export function packageManifests() {
  return readdirSync(join(repo, "packages"), { withFileTypes: true })
    .map((entry) => join(repo, "packages", entry.name, "package.json"))
    .filter((file) => existsSync(file))
    .filter((file) => JSON.parse(readFileSync(file, "utf8")).private !== true);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  const stale = [];
  for (const file of packageManifests()) {
    const text = readFileSync(file, "utf8");
    const manifest = JSON.parse(text);
    const wanted = publishedExports(manifest.exports);
    if (JSON.stringify(manifest.publishConfig?.exports) === JSON.stringify(wanted)) continue;
    stale.push(manifest.name);
    if (!check) {
      manifest.publishConfig = { ...manifest.publishConfig, exports: wanted };
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    }
  }
  if (check && stale.length > 0) {
    console.error(
      `publishConfig.exports is out of date in ${stale.join(", ")}: run node scripts/sync-publish-exports.mjs`,
    );
    process.exit(1);
  }
  console.log(
    stale.length === 0
      ? "publishConfig.exports: up to date"
      : `publishConfig.exports: updated ${stale.join(", ")}`,
  );
}
