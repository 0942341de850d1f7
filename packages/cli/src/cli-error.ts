/**
 * Why a {@link CliError} was thrown:
 * - `usage`: `jobkit` was called wrongly (unknown command or option, missing argument, bad option value,
 *   an input file that cannot be read or is not JSON); the CLI prints the usage text and exits with 2.
 * - `module-load`: a job module could not be found, threw while it was imported, or exports something the
 *   CLI cannot read; {@link CliError.reason} says which. Exit code 2 when not found, else 1.
 * - `catalog-schema`: a file given to `jobkit diff` is not a catalog JSON Schema export; exit code 2.
 *
 * @example Map a code to an exit code
 * ```ts
 * import type { CliErrorCode } from "@jobkit/cli";
 *
 * const exitCode = (code: CliErrorCode): number => (code === "module-load" ? 1 : 2);
 * ```
 */
export type CliErrorCode = "usage" | "module-load" | "catalog-schema";

/**
 * The fields of a {@link CliError}, by code.
 *
 * @example Refuse a bad argument of your own wrapper script like the CLI does
 * ```ts
 * import { CliError, type CliErrorDetails } from "@jobkit/cli";
 *
 * const details: CliErrorDetails = {
 *   code: "usage",
 *   command: "check",
 *   message: 'jobkit check: --format "xml" is not one of text, json',
 * };
 * throw new CliError(details);
 * ```
 */
export type CliErrorDetails =
  | {
      readonly code: "usage";
      /** The whole message: what was wrong and, where it helps, what was expected. */
      readonly message: string;
      /** The command whose usage to show; absent for the top-level usage. */
      readonly command?: string | undefined;
    }
  | {
      readonly code: "module-load";
      readonly message: string;
      /** The module path as given on the command line. */
      readonly modulePath: string;
      /** What went wrong with the module. */
      readonly reason: "not-found" | "import-failed" | "ambiguous-catalog" | "bad-definitions";
    }
  | {
      readonly code: "catalog-schema";
      /** Which input was wrong. */
      readonly side: "old" | "new";
      /** Where in the document, e.g. `"oneOf[3].properties.name.const"`. */
      readonly path: string;
      /** What is wrong there, e.g. `the event name is not a string`; the message adds what is expected. */
      readonly problem: string;
    };

type ModuleLoadDetails = Extract<CliErrorDetails, { code: "module-load" }>;
type CatalogSchemaDetails = Extract<CliErrorDetails, { code: "catalog-schema" }>;

function messageOf(details: CliErrorDetails): string {
  if (details.code !== "catalog-schema") return details.message;
  return (
    `Invalid ${details.side} catalog schema at ${details.path}: ${details.problem}\n` +
    '  expected: the output of catalog.toJSONSchema() or "jobkit catalog <module> --format json-schema", ' +
    'e.g. { "oneOf": [{ "properties": { "name": { "const": "user/created" }, "v": { "const": "1.0.0" }, "data": { … } } }] }'
  );
}

/**
 * The one error `@jobkit/cli` throws, told apart by {@link CliError.code}: a usage mistake, a job module
 * that cannot be used, or a file that is not a catalog JSON Schema export. `runCli` turns each into its exit
 * code and message; calls of `diffCatalogs` throw it for a bad input document.
 *
 * @example Tell a bad input file from other failures
 * ```ts
 * import { CliError, diffCatalogs } from "@jobkit/cli";
 *
 * try {
 *   diffCatalogs({ oneOf: [] }, { type: "object" });
 * } catch (error) {
 *   if (error instanceof CliError && error.code === "catalog-schema") console.error(error.side, error.path);
 *   else throw error;
 * }
 * ```
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly code: CliErrorCode;
  /** `usage`: the command whose usage to show, `undefined` for the top-level usage. */
  readonly command: string | undefined;
  /** `module-load`: the module path as given on the command line. */
  readonly modulePath: string | undefined;
  /** `module-load`: what went wrong with the module (`not-found`, `import-failed`, …). */
  readonly reason: ModuleLoadDetails["reason"] | undefined;
  /** `catalog-schema`: which input was wrong. */
  readonly side: CatalogSchemaDetails["side"] | undefined;
  /** `catalog-schema`: where in the document, e.g. `"oneOf[3].properties.name.const"`. */
  readonly path: string | undefined;

  constructor(details: CliErrorDetails, options?: ErrorOptions) {
    super(messageOf(details), options);
    this.code = details.code;
    this.command = details.code === "usage" ? details.command : undefined;
    this.modulePath = details.code === "module-load" ? details.modulePath : undefined;
    this.reason = details.code === "module-load" ? details.reason : undefined;
    this.side = details.code === "catalog-schema" ? details.side : undefined;
    this.path = details.code === "catalog-schema" ? details.path : undefined;
  }
}

/** A `usage` {@link CliError}: the CLI shows `command`'s usage (the top-level one without it) after the message. */
export function usageError(message: string, command?: string, options?: ErrorOptions): CliError {
  return new CliError({ code: "usage", message, command }, options);
}
