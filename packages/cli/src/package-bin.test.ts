import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const packageDir = join(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  files: string[];
};

describe("the jobkit bin", () => {
  // pnpm links bins at install time; a bin inside dist/ does not exist yet in a fresh clone, and
  // `pnpm install` warns "Failed to create bin" for every workspace package that depends on the CLI.
  it("is a committed file outside dist/ that is shipped in the tarball", () => {
    const bin = manifest.bin.jobkit ?? "";
    expect(bin).not.toMatch(/(^|\/)dist\//);
    expect(existsSync(join(packageDir, bin))).toBe(true);
    expect(manifest.files).toContain(bin.replace(/^\.\//, "").split("/")[0]);
  });

  it("runs the built CLI with a node shebang", () => {
    const text = readFileSync(join(packageDir, manifest.bin.jobkit ?? ""), "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(text).toContain('import("../dist/bin.js")');
  });
});
