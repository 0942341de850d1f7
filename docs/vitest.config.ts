import { defineConfig } from "vitest/config";

// The docs tests are not part of the root test run (docs/ is not a workspace project there): they need
// the built site, so `pnpm docs:test` runs them after `pnpm docs:build`.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
