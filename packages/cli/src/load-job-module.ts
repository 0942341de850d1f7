import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { CliError } from "./cli-error";
import { findJobExports, type JobExports } from "./find-job-exports";

/**
 * A loaded job module: where it is and what it exports.
 */
export interface JobModule extends JobExports {
  /** The absolute path of the module file. */
  readonly file: string;
}

/**
 * Options of {@link loadJobModule}.
 */
export interface LoadJobModuleOptions {
  /** The directory a relative module path is resolved from; defaults to `process.cwd()`. */
  readonly cwd?: string;
}

function firstLines(error: unknown, count: number): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split("\n").slice(0, count).join("\n    ");
}

/**
 * Imports a TypeScript or JavaScript module (TypeScript through `tsx`, no build step) and finds its
 * catalog and definitions with {@link findJobExports}.
 */
export async function loadJobModule(
  modulePath: string,
  options: LoadJobModuleOptions = {},
): Promise<JobModule> {
  const file = resolve(options.cwd ?? process.cwd(), modulePath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CliError({
      code: "module-load",
      modulePath,
      reason: "not-found",
      message:
        `Cannot find module file "${modulePath}" (looked at ${file})\n` +
        "  expected: a path to a .ts, .mts, .js or .mjs file that exports a catalog and definitions, e.g. src/inngest/jobs.ts",
    });
  }
  let namespace: Record<string, unknown>;
  try {
    const url = pathToFileURL(file).href;
    namespace = await tsImport(url, { parentURL: url });
  } catch (error) {
    throw new CliError(
      {
        code: "module-load",
        modulePath,
        reason: "import-failed",
        message:
          `Cannot load module "${modulePath}": importing it threw\n    ${firstLines(error, 12)}\n` +
          "  expected: a module that imports without throwing; fix the error above (run the module with tsx to see its stack)",
      },
      { cause: error },
    );
  }
  return { file, ...findJobExports(namespace, modulePath) };
}
