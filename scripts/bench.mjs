#!/usr/bin/env node
// `pnpm bench [--quick]`: runs every `*.bench.ts` under packages/ with vitest bench.
import { spawnSync } from "node:child_process";

const quick = process.argv.includes("--quick");
const result = spawnSync(
  "vitest",
  ["bench", "--run", ...(quick ? ["--outputJson", "bench/.tmp/quick.json"] : [])],
  {
    stdio: "inherit",
    env: { ...process.env, JOBKIT_BENCH_QUICK: quick ? "1" : "" },
  },
);
process.exit(result.status ?? 1);
