import { defineConfig } from "vitest/config";
import { projects } from "./vitest.workspace.ts";

// Tests import sibling packages by name; the `@jobkit/source` export condition points those imports at
// `src/` so a change in one package is seen by the others' tests without a rebuild.
const sourceFirst = ["@jobkit/source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions: sourceFirst },
  ssr: { resolve: { conditions: sourceFirst, externalConditions: ["@jobkit/source", "node"] } },
  test: {
    projects,
    // CI also writes a JSON report so `.ci/run` can print one plain "N passed, N failed" line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: "coverage/test-results.json" }]]
      : ["default"],
  },
});
