import type { Options } from "tsup";

/**
 * The one tsup config every package uses: ESM + CJS + types for each entry point.
 *
 * Entry points map 1:1 to the package's `exports` map; pass extra ones for subpath exports.
 *
 * @example Package with a subpath export
 * ```ts
 * export default packageConfig({ entry: ["src/index.ts", "src/standard.ts"] });
 * ```
 */
export function packageConfig(overrides: Partial<Options> = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    target: "node20",
    platform: "node",
    // Types resolve sibling packages to their built `dist`, never to `src` through the dev-only
    // `@jobkit/source` condition, so one package's declarations never inline another's.
    dts: { compilerOptions: { customConditions: [] } },
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    outDir: "dist",
    ...overrides,
  };
}
