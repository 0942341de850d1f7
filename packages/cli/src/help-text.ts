/** The commands `jobkit` knows. */
export type CommandName = "catalog" | "graph" | "check" | "diff";

const overview = `Usage: jobkit <command> [options]

Commands:
  catalog <module>            Print the event reference of the module's catalog (Markdown or JSON Schema)
  graph <module>              Print a Mermaid flowchart: event -> function -> events it sends
  check <module>              Check definitions and catalog for mistakes; exit 1 on errors
  diff <old.json> <new.json>  Classify changes between two catalog JSON Schema exports; exit 1 on
                              breaking changes whose event version major was not bumped

Options:
  -h, --help     Show help; "jobkit <command> --help" shows a command's options
  -v, --version  Print the version

<module> is a .ts, .mts, .js or .mjs file (TypeScript runs through tsx, no build needed). jobkit uses:
  - the catalog: the export named "catalog", or the only export made with defineCatalog()
  - the definitions: the export named "definitions" (an array), or else every export that is a
    definition (defineEventFunction, defineCronFunction, defineStepFunction) or an array of them

Exit codes: 0 ok, 1 problems found (check errors, breaking changes, a module that fails to load),
2 usage error (unknown command or option, missing argument, missing or unreadable file).
`;

const commands: Record<CommandName, string> = {
  catalog: `Usage: jobkit catalog <module> [options]

Print the event reference of the module's catalog.

Options:
  --format <md|json-schema>  Markdown reference (default) or one JSON Schema document (for "jobkit diff")
  --title <text>             Heading of the Markdown reference (default "Event catalog")
  -o, --out <file>           Write to a file instead of stdout
  -h, --help                 Show this help

Example:
  jobkit catalog src/inngest/jobs.ts --format json-schema --out events.schema.json
`,
  graph: `Usage: jobkit graph <module> [options]

Print a Mermaid flowchart of the module's jobs: each event points to the functions it triggers, each
function to the events it declares in "sends"; cron schedules trigger functions, dotted edges cancel.

Options:
  --format <mermaid|md>  Bare Mermaid (default) or Markdown with a fenced mermaid block
  --direction <LR|TB>    Left to right (default) or top to bottom
  --all-events           Also show catalog events that no function sends or consumes
  -o, --out <file>       Write to a file instead of stdout
  -h, --help             Show this help

Example:
  jobkit graph src/inngest/jobs.ts --format md --out docs/event-flow.md
`,
  check: `Usage: jobkit check <module> [options]

Check the module's definitions and catalog. Errors: duplicate function ids, triggers or cancelOn events
missing from the catalog, major version mismatches, key paths missing from the event schema, invalid
cron expressions. Warnings: sent events that nothing here consumes, events sent outside the catalog,
cron times that daylight saving time skips or repeats, day-of-month combined with day-of-week.

Options:
  --format <text|json>  Human-readable report (default) or JSON for tools
  --strict              Fail on warnings too
  -h, --help            Show this help

Exits 1 when there are errors (or warnings with --strict), 0 otherwise.

Example:
  jobkit check src/inngest/jobs.ts --strict
`,
  diff: `Usage: jobkit diff <old.json> <new.json> [options]

Compare two catalog JSON Schema exports ("jobkit catalog <module> --format json-schema") and classify
each change. Breaking: removed event, removed or retyped field, new required field, optional field made
required, narrowed enum or constraint. Safe: new event, new optional field, widened enum or type.

Options:
  --format <text|json>  Human-readable report (default) or JSON for tools
  --allow-removal       Do not fail on removed events
  -h, --help            Show this help

Exits 1 when an event has breaking changes and its version's major was not bumped (or an event was
removed), 0 otherwise.

Example:
  git show main:events.schema.json > /tmp/old.json
  jobkit catalog src/inngest/jobs.ts --format json-schema --out events.schema.json
  jobkit diff /tmp/old.json events.schema.json
`,
};

/** Whether `name` is a command of the CLI. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

/** The usage text of one command, or the overview. */
export function helpText(command?: CommandName): string {
  return command === undefined ? overview : commands[command];
}
