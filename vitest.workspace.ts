import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";

/**
 * The test projects: one per workspace package or example that has a `package.json`.
 *
 * Every project shares the root config (`extends: true`): unit tests are `*.test.ts` beside the code,
 * type tests are `*.test-d.ts`, checked with the package's own `tsconfig.json`.
 */
function projectFor(dir: string): TestProjectInlineConfiguration {
  const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string };
  return {
    extends: true,
    test: {
      name,
      root: dir,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: {
        enabled: true,
        include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"],
        tsconfig: join(dir, "tsconfig.json"),
      },
    },
  };
}

const repoRoot = dirname(fileURLToPath(import.meta.url));

const workspaceDirs = ["packages", "examples"].flatMap((folder) => {
  const parent = join(repoRoot, folder);
  return existsSync(parent)
    ? readdirSync(parent, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(parent, entry.name, "package.json")))
        .map((entry) => join(parent, entry.name))
    : [];
});

/** Checks across every package (documentation of the public API), kept once at the root. */
const repoChecks: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "repo",
    root: repoRoot,
    include: ["scripts/checks/**/*.test.ts"],
    benchmark: { include: [] },
  },
};

export const projects: TestProjectInlineConfiguration[] = [...workspaceDirs.map(projectFor), repoChecks];

export default projects;
