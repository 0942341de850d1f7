import type { Catalog } from "@jobkit/events";
import type { AnyFunctionDefinition } from "@jobkit/functions";
import { CliError } from "./cli-error";

/**
 * What the CLI found in a job module: its catalog (if any) and its definitions.
 */
export interface JobExports {
  /** The catalog, or `undefined` when the module exports none. */
  readonly catalog: Catalog | undefined;
  /** The export the catalog came from, e.g. `"catalog"` or `"standardCatalog"`. */
  readonly catalogExport: string | undefined;
  /** Every definition found, each once: in `definitions` order, else in export-name order. */
  readonly definitions: readonly AnyFunctionDefinition[];
}

const kinds = new Set(["event", "cron", "step"]);

/**
 * Whether a value looks like a job definition from `@jobkit/functions` (by shape, so definitions from
 * another copy of the package count too).
 */
export function isFunctionDefinition(value: unknown): value is AnyFunctionDefinition {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof AnyFunctionDefinition, unknown>>;
  return (
    typeof candidate.kind === "string" &&
    kinds.has(candidate.kind) &&
    typeof candidate.id === "string" &&
    Array.isArray(candidate.triggers) &&
    typeof candidate.config === "object" &&
    candidate.config !== null &&
    Array.isArray(candidate.sends)
  );
}

/**
 * Whether a value is a catalog made with `defineCatalog` (by shape).
 */
export function isCatalog(value: unknown): value is Catalog {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof Catalog, unknown>>;
  return (
    candidate.kind === "jobkit.catalog" &&
    Array.isArray(candidate.events) &&
    typeof candidate.toJSONSchema === "function" &&
    typeof candidate.toMarkdown === "function"
  );
}

function definitionsIn(value: unknown): AnyFunctionDefinition[] {
  if (isFunctionDefinition(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isFunctionDefinition)) return value;
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// A CommonJS module (`module.exports = { catalog, definitions }`) arrives as a `default` object: read
// its properties like named exports; named exports win.
function withDefaultObject(moduleExports: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const fallback = moduleExports.default;
  if (!isPlainObject(fallback) || isCatalog(fallback) || isFunctionDefinition(fallback))
    return { ...moduleExports };
  const { default: _default, ...named } = moduleExports;
  return { ...fallback, ...named };
}

/**
 * Finds the catalog and the definitions among a module's exports.
 *
 * - Catalog: the export named `catalog` if it is a catalog; otherwise the one export that is a catalog.
 *   Two or more catalog exports and no `catalog` export is an error: the CLI will not guess.
 * - Definitions: the export named `definitions` (a list of definitions) if there is one; otherwise every
 *   export that is a definition or a list of definitions, in export-name order (as in any ES module
 *   namespace), each definition once.
 * - A `default` export that is a plain object (a CommonJS `module.exports`) is read like named exports.
 */
export function findJobExports(
  moduleExports: Readonly<Record<string, unknown>>,
  modulePath: string,
): JobExports {
  const namespace = withDefaultObject(moduleExports);
  const entries = Object.entries(namespace);
  const catalogs = entries.filter(([, value]) => isCatalog(value));
  const named = catalogs.find(([name]) => name === "catalog");
  const uniqueCatalogs = new Set(catalogs.map(([, value]) => value));
  if (named === undefined && uniqueCatalogs.size > 1) {
    throw new CliError({
      code: "module-load",
      modulePath,
      reason: "ambiguous-catalog",
      message:
        `Module "${modulePath}" exports ${uniqueCatalogs.size} catalogs: ${catalogs.map(([name]) => name).join(", ")}\n` +
        "  expected: one catalog, or the one to use exported as `catalog`, e.g. export const catalog = defineCatalog([...])",
    });
  }
  const [catalogExport, catalog] = named ?? catalogs[0] ?? [undefined, undefined];

  let definitions: AnyFunctionDefinition[];
  if ("definitions" in namespace) {
    const listed = namespace.definitions;
    if (!Array.isArray(listed) || !listed.every(isFunctionDefinition)) {
      const bad = Array.isArray(listed) ? listed.findIndex((entry) => !isFunctionDefinition(entry)) : -1;
      throw new CliError({
        code: "module-load",
        modulePath,
        reason: "bad-definitions",
        message:
          `Module "${modulePath}" exports \`definitions\`, but ${
            bad >= 0 ? `definitions[${bad}] is not a job definition` : "it is not an array"
          }\n` +
          "  expected: an array of definitions from defineEventFunction, defineCronFunction or defineStepFunction, " +
          "e.g. export const definitions = [sendWelcomeEmail, dailyReport]",
      });
    }
    definitions = listed;
  } else {
    definitions = entries.flatMap(([, value]) => definitionsIn(value));
  }
  return {
    catalog: catalog as Catalog | undefined,
    catalogExport,
    definitions: [...new Set(definitions)],
  };
}
