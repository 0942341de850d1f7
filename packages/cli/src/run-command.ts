import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type CheckReport, checkJobs } from "./check-jobs";
import { CliError, usageError } from "./cli-error";
import { diffCatalogs } from "./diff-catalogs";
import { eventGraph } from "./event-graph";
import { formatCatalogDiff } from "./format-catalog-diff";
import { formatCheckReport } from "./format-check-report";
import type { CommandName } from "./help-text";
import { type JobModule, loadJobModule } from "./load-job-module";
import type { CliIo } from "./run-cli";

/** A command line after parsing: option values by name and the positional arguments. */
export interface ParsedCommand {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: readonly string[];
}

function choice<TChoice extends string>(
  command: CommandName,
  option: string,
  value: string | boolean | undefined,
  allowed: readonly TChoice[],
): TChoice {
  if (value === undefined) return allowed[0] as TChoice;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as TChoice;
  throw usageError(
    `jobkit ${command}: --${option} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`,
    command,
  );
}

function write(io: CliIo, text: string, outFile: string | boolean | undefined): void {
  if (typeof outFile !== "string") {
    io.stdout(text);
    return;
  }
  const file = resolve(io.cwd, outFile);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function readJson(io: CliIo, command: CommandName, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    throw usageError(
      `jobkit ${command}: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      command,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError(
      `jobkit ${command}: "${path}" is not JSON (${(error as Error).message})\n` +
        '  expected: a file written by "jobkit catalog <module> --format json-schema"',
      command,
      { cause: error },
    );
  }
}

async function load(io: CliIo, modulePath: string): Promise<JobModule> {
  return loadJobModule(modulePath, { cwd: io.cwd });
}

function checkOutput(
  format: "text" | "json",
  modulePath: string,
  report: CheckReport,
  heading: string,
): string {
  return format === "json"
    ? `${JSON.stringify({ module: modulePath, ...report }, null, 2)}\n`
    : formatCheckReport(report, heading);
}

/**
 * Runs one parsed command; loaded on demand so `--help` and `--version` do not load Inngest.
 */
export async function runCommand(command: CommandName, parsed: ParsedCommand, io: CliIo): Promise<number> {
  const { values, positionals } = parsed;
  const [first = "", second = ""] = positionals;

  switch (command) {
    case "catalog": {
      const format = choice(command, "format", values.format, ["md", "json-schema"] as const);
      const jobs = await load(io, first);
      if (jobs.catalog === undefined) {
        io.stderr(
          `jobkit catalog: module "${first}" exports no catalog\n` +
            "  expected: a catalog made with defineCatalog(), e.g. export const catalog = defineCatalog([userCreated])\n",
        );
        return 1;
      }
      const text =
        format === "md"
          ? jobs.catalog.toMarkdown(typeof values.title === "string" ? { title: values.title } : {})
          : `${JSON.stringify(jobs.catalog.toJSONSchema(), null, 2)}\n`;
      write(io, text.endsWith("\n") ? text : `${text}\n`, values.out);
      return 0;
    }
    case "graph": {
      const format = choice(command, "format", values.format, ["mermaid", "md"] as const);
      const direction = choice(command, "direction", values.direction, ["LR", "TB"] as const);
      const jobs = await load(io, first);
      const graph = eventGraph(jobs.definitions, {
        ...(jobs.catalog === undefined ? {} : { catalog: jobs.catalog }),
        allEvents: values["all-events"] === true,
        direction,
      });
      write(io, format === "md" ? `\`\`\`mermaid\n${graph}\`\`\`\n` : graph, values.out);
      return 0;
    }
    case "check": {
      const format = choice(command, "format", values.format, ["text", "json"] as const);
      let jobs: JobModule;
      try {
        jobs = await load(io, first);
      } catch (error) {
        if (!(error instanceof CliError) || error.code !== "module-load" || error.reason === "not-found")
          throw error;
        // A definition that throws on import (a bad cron, an unknown option) is what check is for.
        const report: CheckReport = {
          findings: [{ severity: "error", code: "module-load", message: error.message }],
          errors: 1,
          warnings: 0,
          functions: 0,
        };
        io.stdout(checkOutput(format, first, report, `jobkit check ${first}: the module failed to load`));
        return 1;
      }
      const report = checkJobs(jobs);
      const heading =
        `jobkit check ${first}: ${jobs.definitions.length} function${jobs.definitions.length === 1 ? "" : "s"}, ` +
        (jobs.catalog === undefined
          ? "no catalog"
          : `catalog "${jobs.catalogExport}" (${jobs.catalog.names.length} events)`);
      io.stdout(checkOutput(format, first, report, heading));
      return report.errors > 0 || (values.strict === true && report.warnings > 0) ? 1 : 0;
    }
    case "diff": {
      const format = choice(command, "format", values.format, ["text", "json"] as const);
      const before = readJson(io, command, first);
      const after = readJson(io, command, second);
      const diff = diffCatalogs(before, after, { allowRemoval: values["allow-removal"] === true });
      io.stdout(format === "json" ? `${JSON.stringify(diff, null, 2)}\n` : formatCatalogDiff(diff));
      return diff.failing.length > 0 ? 1 : 0;
    }
  }
}
