/**
 * Why a job module could not be used.
 *
 * @example Treat a missing file as a usage mistake
 * ```ts
 * import type { ModuleLoadErrorReason } from "@jobkit/cli";
 *
 * const exitCode = (reason: ModuleLoadErrorReason) => (reason === "not-found" ? 2 : 1);
 * ```
 */
export type ModuleLoadErrorReason = "not-found" | "import-failed" | "ambiguous-catalog" | "bad-definitions";

/**
 * A job module that could not be found, threw while it was imported, or exports something the CLI
 * cannot read (two catalogs, a `definitions` export that is not a list of definitions).
 *
 * @example Report a module that throws on import
 * ```ts
 * import { loadJobModule, ModuleLoadError } from "@jobkit/cli";
 *
 * try {
 *   await loadJobModule("src/jobs.ts");
 * } catch (error) {
 *   if (error instanceof ModuleLoadError) console.error(error.reason, error.modulePath);
 * }
 * ```
 */
export class ModuleLoadError extends Error {
  override readonly name = "ModuleLoadError";
  /** The module path as given on the command line. */
  readonly modulePath: string;
  readonly reason: ModuleLoadErrorReason;

  constructor(modulePath: string, reason: ModuleLoadErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.modulePath = modulePath;
    this.reason = reason;
  }
}
