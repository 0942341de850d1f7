/**
 * A mistake in how `jobkit` was called (unknown command, missing argument, bad option value); the CLI
 * prints it with the usage text and exits with code 2.
 *
 * @example Tell a usage error from a failed check
 * ```ts
 * import { CliUsageError, runCli } from "@jobkit/cli";
 *
 * try {
 *   await runCli(["graph"]);
 * } catch (error) {
 *   if (error instanceof CliUsageError) console.error(error.command, error.message);
 * }
 * ```
 */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
  /** The command whose usage to show, or `undefined` for the top-level usage. */
  readonly command: string | undefined;

  constructor(message: string, command?: string, options?: ErrorOptions) {
    super(message, options);
    this.command = command;
  }
}
