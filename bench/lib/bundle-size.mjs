// Bundle cost in an app: esbuild bundles a one-line app (tree-shaken ESM, minified) importing what a user
// imports, and we gzip it. Peers (inngest, zod) stay external: the app has them anyway. jobkit's own runtime
// dependencies would be counted, since installing jobkit brings them (today it has none at run time).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// The Express example depends on every pattern package: resolve imports from there.
const resolveDir = join(fileURLToPath(new URL(".", import.meta.url)), "../../examples/express");
const base = { module: "@jobkit/functions", names: ["defineEventFunction", "register"] };
export const bundleCases = [
  { package: "@jobkit/fan-out", names: ["defineFanOut"] },
  { package: "@jobkit/batching", names: ["defineBatchFunction"] },
  { package: "@jobkit/reminders", names: ["defineReminderSequence"] },
  { package: "@jobkit/webhooks", names: ["webhookDelivery"] },
  { package: "@jobkit/runs", names: ["defineFailureTracker"] },
];

async function bundle(imports) {
  const contents = imports
    .map(
      ({ module, names }) =>
        `import { ${names.join(", ")} } from "${module}";\nconsole.log(${names.join(", ")});`,
    )
    .join("\n");
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile: "app.mjs" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "node",
    write: false,
    metafile: true,
    external: ["inngest", "inngest/*", "zod", "zod/*", "node:*"],
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  // Which files make up the bundle, biggest first (bytes they contribute after minification).
  const largest = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({
      file: file
        .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "")
        .replace(/^\.\.\/\.\.\/packages\//, "@jobkit/"),
      bytes: bytesInOutput,
    }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6);
  return { minifiedBytes: bytes.byteLength, gzippedBytes: gzipSync(bytes, { level: 9 }).byteLength, largest };
}

/** The base app's size, and each pattern package's main definer on top of it. */
export async function bundleSizes({ goalKiB = 6 } = {}) {
  const baseSize = await bundle([base]);
  const rows = [
    {
      name: `${base.module}: ${base.names.join(" + ")}`,
      ...baseSize,
      addedGzippedBytes: baseSize.gzippedBytes,
    },
  ];
  for (const entry of bundleCases) {
    const size = await bundle([base, { module: entry.package, names: entry.names }]);
    rows.push({
      name: `+ ${entry.package}: ${entry.names.join(" + ")}`,
      ...size,
      addedGzippedBytes: size.gzippedBytes - baseSize.gzippedBytes,
    });
  }
  for (const row of rows) row.met = row.addedGzippedBytes <= goalKiB * 1024;
  return { goalKiB, rows };
}
