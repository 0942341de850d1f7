/**
 * A file given to `jobkit diff` that is not a catalog JSON Schema export (`catalog.toJSONSchema()` or
 * `jobkit catalog --format json-schema`).
 *
 * @example Explain a bad input file
 * ```ts
 * import { CatalogSchemaError, diffCatalogs } from "@jobkit/cli";
 *
 * try {
 *   diffCatalogs({ oneOf: [] }, { type: "object" });
 * } catch (error) {
 *   if (error instanceof CatalogSchemaError) console.error(error.side, error.path, error.message);
 * }
 * ```
 */
export class CatalogSchemaError extends Error {
  override readonly name = "CatalogSchemaError";
  /** Which input was wrong. */
  readonly side: "old" | "new";
  /** Where in the document, e.g. `"oneOf[3].properties.name.const"`. */
  readonly path: string;

  constructor(side: "old" | "new", path: string, problem: string, options?: ErrorOptions) {
    super(
      `Invalid ${side} catalog schema at ${path}: ${problem}\n` +
        '  expected: the output of catalog.toJSONSchema() or "jobkit catalog <module> --format json-schema", ' +
        'e.g. { "oneOf": [{ "properties": { "name": { "const": "user/created" }, "v": { "const": "1.0.0" }, "data": { … } } }] }',
      options,
    );
    this.side = side;
    this.path = path;
  }
}
