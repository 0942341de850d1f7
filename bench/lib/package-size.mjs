// Package size: minified + gzipped ESM entry of each package (dependencies and peers left out), and
// the third-party dependencies its built code imports at run time. Goal: none beyond the peers (inngest, zod).
// A dependency the published types need but the JavaScript never imports (type-fest, @standard-schema/spec)
// costs an app nothing at run time, so it is listed apart and does not count against the goal.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The bare package name of an import specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

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
      metafile: true,
      external: [...external, "node:*"],
      logLevel: "silent",
    });
    const bytes = result.outputFiles[0].contents;
    const thirdParty = dependencies.filter((dep) => !dep.startsWith("@jobkit/"));
    const imported = new Set(
      Object.values(result.metafile.outputs)
        .flatMap((output) => output.imports)
        .filter((entry) => entry.external && !entry.path.startsWith("node:"))
        .map((entry) => packageOf(entry.path)),
    );
    rows.push({
      package: manifest.name,
      minifiedBytes: bytes.byteLength,
      gzippedBytes: gzipSync(bytes).byteLength,
      runtimeDependencies: thirdParty.filter((dep) => imported.has(dep)),
      typeOnlyDependencies: thirdParty.filter((dep) => !imported.has(dep)),
      // A command-line tool (a package with `bin`) runs in CI, not inside the app: the goal is for libraries.
      role: manifest.bin ? "tool" : "library",
      withinGoal: manifest.bin ? true : thirdParty.every((dep) => !imported.has(dep)),
    });
  }
  return rows;
}
