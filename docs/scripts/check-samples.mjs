// Type-checks the TypeScript samples of the docs: every ```ts block of docs/**/*.md becomes a module
// under docs/.samples/ and tsc compiles them all against the workspace packages' sources.
//
// - A block titled like a file, ```ts [src/inngest/events.ts], is written at that path inside its
//   page's folder, so later blocks of the same page can import it ("./events").
// - ```ts no-check skips a block (a fragment, or a deliberate mistake).
// - ```ts isolated compiles a block in a program of its own: for `declare module` augmentations such as
//   `Register`, which would otherwise change the types of every other sample.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const docs = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(docs, ".samples");
const skipped = new Set(["node_modules", ".vitepress", ".samples", "api", "generated"]);

function pages(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

rmSync(out, { recursive: true, force: true });
const fence = /^```(ts|typescript)([^\n]*)\n([\s\S]*?)^```$/gm;
let count = 0;
let skippedCount = 0;
const origins = new Map();
for (const page of pages(docs)) {
  const pageDir = join(out, relative(docs, page).replace(/\.md$/, ""));
  const text = readFileSync(page, "utf8");
  let index = 0;
  for (const match of text.matchAll(fence)) {
    index += 1;
    const info = match[2] ?? "";
    if (/\bno-check\b/.test(info)) {
      skippedCount += 1;
      continue;
    }
    const title = /\[([^\]]+\.ts)\]/.exec(info)?.[1];
    const isolated = /\bisolated\b/.test(info);
    const file = isolated
      ? join(out, "isolated", `${relative(docs, page).replace(/\.md$/, "").replace(/\//g, "-")}-${index}.ts`)
      : join(pageDir, title ?? `sample-${index}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, match[3]);
    const line = text.slice(0, match.index).split("\n").length;
    origins.set(relative(docs, file), `${relative(docs, page)}:${line}`);
    count += 1;
  }
}

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
function compile(project) {
  execFileSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], {
    cwd: docs,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

// One program for the shared samples, one per isolated sample.
const isolated = [...origins.keys()].filter((file) => file.startsWith(".samples/isolated/"));
const projects = [join(docs, "tsconfig.samples.json")];
for (const file of isolated) {
  const project = join(docs, file.replace(/\.ts$/, ".tsconfig.json"));
  writeFileSync(
    project,
    JSON.stringify({
      extends: "../../tsconfig.samples.json",
      include: [],
      files: [relative(dirname(project), join(docs, file))],
    }),
  );
  projects.push(project);
}
try {
  for (const project of projects) compile(project);
} catch (error) {
  // Point each error at the Markdown page and line the block starts on.
  const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.replace(
    /^(\.samples\/[^(]+)\((\d+),(\d+)\)/gm,
    (_, file, line, column) => {
      const origin = origins.get(file);
      return origin ? `${origin} (block line ${line}, column ${column})` : `${file}(${line},${column})`;
    },
  );
  console.error(`docs: code samples do not type-check\n${output}`);
  process.exit(1);
}
console.log(`docs: ${count} code samples type-check (${skippedCount} marked no-check)`);
