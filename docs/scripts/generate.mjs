// Writes the generated pages of the site with the jobkit CLI (run from source, no build needed):
// the standard event catalog, the event-flow graph of docs/jobs/shop-jobs.ts and that of the Express example.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { reliabilityTables } from "./reliability-report.mjs";

const docs = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(docs, "..");
const generated = join(docs, "generated");
const cli = join(docs, "..", "packages", "cli", "src", "bin.ts");
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
// Paths relative to the repository root: the pages show the commands as a reader would type them in a
// checkout, never this machine's folders.
const jobs = "docs/jobs/shop-jobs.ts";
const expressJobs = "examples/express/src/jobs/job-graph.ts";

function jobkit(...args) {
  const output = execFileSync(
    process.execPath,
    ["--conditions=@jobkit/source", "--import", tsx, cli, ...args],
    {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (output.includes(repo)) {
    throw new Error(`jobkit ${args.join(" ")} printed this machine's path ${repo}: generated pages must not`);
  }
  return output;
}

mkdirSync(generated, { recursive: true });

// The page has its own title; drop the reference's heading line.
const catalog = jobkit("catalog", jobs).split("\n").slice(1).join("\n").trimStart();
writeFileSync(join(generated, "standard-catalog.md"), catalog);

writeFileSync(join(generated, "event-flow.md"), jobkit("graph", jobs, "--format", "md"));
writeFileSync(join(generated, "event-flow-check.txt"), jobkit("check", jobs));
writeFileSync(join(generated, "express-event-flow.md"), jobkit("graph", expressJobs, "--format", "md"));
writeFileSync(join(generated, "express-event-flow-check.txt"), jobkit("check", expressJobs));

const reliability = reliabilityTables(repo);
if (reliability === undefined && process.env.CI) {
  throw new Error("docs: no fuzz counts in coverage/fuzz: run `pnpm test` before `pnpm docs:build`");
}
writeFileSync(
  join(generated, "reliability.md"),
  reliability ?? "_No fuzz counts yet: run `pnpm test`, then build the docs again._\n",
);

const events = (catalog.match(/^## `/gm) ?? []).length;
console.log(`docs: generated the catalog (${events} events) and the event-flow graph`);
