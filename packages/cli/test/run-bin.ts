import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const fixture = (name: string): string => join("test", "fixtures", name);

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface BinResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the `jobkit` binary as a user would, in a child process: `src/bin.ts` through tsx, with sibling
 * packages resolved to their sources (the `@jobkit/source` condition), so no build is needed first.
 */
export function runBin(args: readonly string[], cwd = packageDir): Promise<BinResult> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=@jobkit/source", "--import", tsxLoader, join(packageDir, "src", "bin.ts"), ...args],
      { cwd, env: { ...env, NO_COLOR: "1" }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
