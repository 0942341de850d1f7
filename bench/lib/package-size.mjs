// Package size: minified + gzipped ESM entry of each package (dependencies and peers left out), and
// its runtime dependencies. Goal: no runtime dependencies beyond peers and one cron parser.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// Dependencies that cost nothing at run time, or are the one cron parser the goal allows.
const allowed = new Set(["croner", "@standard-schema/spec"]);

export async function packageSizes({ packagesDir }) {
  const rows = [];
  for (const name of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, name);
    const entry = join(dir, "dist", "index.js");
    if (!existsSync(entry)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const dependencies = Object.keys(manifest.dependencies ?? {});
    const external = [...dependencies, ...Object.keys(manifest.peerDependencies ?? {})].flatMap((dep) => [
      dep,
      `${dep}/*`,
    ]);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      write: false,
      external: [...external, "node:*"],
      logLevel: "silent",
    });
    const bytes = result.outputFiles[0].contents;
    const thirdParty = dependencies.filter((dep) => !dep.startsWith("@jobkit/"));
    rows.push({
      package: manifest.name,
      minifiedBytes: bytes.byteLength,
      gzippedBytes: gzipSync(bytes).byteLength,
      runtimeDependencies: thirdParty,
      // A command-line tool (a package with `bin`) runs in CI, not inside the app: the goal is for libraries.
      role: manifest.bin ? "tool" : "library",
      withinGoal: manifest.bin ? true : thirdParty.every((dep) => allowed.has(dep)),
    });
  }
  return rows;
}
