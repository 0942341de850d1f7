#!/usr/bin/env node
// Creates packages/<name> from scripts/package-template: `pnpm new:package <name> ["description"]`.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [name, description = `The ${process.argv[2]} pattern for jobkit.`] = process.argv.slice(2);

if (!name || !/^[a-z][a-z0-9-]{0,49}$/.test(name)) {
  console.error(
    `Invalid package name: ${JSON.stringify(name ?? "")}\n` +
      '  expected: lower-case letters, digits and dashes, starting with a letter (e.g. "fan-out")\n' +
      "  usage: pnpm new:package <name> [description]",
  );
  process.exit(1);
}
const target = join(root, "packages", name);
if (existsSync(target)) {
  console.error(`packages/${name} already exists; pick another name or delete it first.`);
  process.exit(1);
}

cpSync(join(root, "scripts", "package-template"), target, { recursive: true });

const fill = (dir) => {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) fill(path);
    else
      writeFileSync(
        path,
        readFileSync(path, "utf8").replaceAll("__NAME__", name).replaceAll("__DESCRIPTION__", description),
      );
  }
};
fill(target);

console.log(`Created packages/${name} (@jobkit/${name}). Next: pnpm install && pnpm check`);
