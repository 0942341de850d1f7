#!/usr/bin/env node
// `pnpm demo`: the README's first command. The seed scenarios arrive with the examples issue.
console.log("jobkit: no demo yet. Run `pnpm check` to build and test every package.");
