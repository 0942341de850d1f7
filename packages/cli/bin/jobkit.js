#!/usr/bin/env node
// The `jobkit` command. This file is committed rather than built so that the bin exists as soon as the
// package is installed, also in this repository before `pnpm build` (a bin pointing into dist/ makes
// `pnpm install` warn "Failed to create bin"). It runs the built CLI.
import("../dist/bin.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/bin.js")) {
    process.stderr.write(
      "jobkit: the CLI is not built (dist/bin.js is missing); run `pnpm build` in packages/cli\n",
    );
    process.exitCode = 1;
    return;
  }
  throw error;
});
