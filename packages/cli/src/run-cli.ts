import { type ParseArgsConfig, parseArgs } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import { CliError, usageError } from "./cli-error";
import { type CommandName, helpText, isCommandName } from "./help-text";
import type { ParsedCommand } from "./run-command";

/**
 * Where the CLI writes and which directory relative paths start from; tests pass their own.
 *
 * @example Capture the output of a command
 * ```ts
 * import { type CliIo, runCli } from "@jobkit/cli";
 *
 * let output = "";
 * const io: CliIo = { cwd: process.cwd(), stdout: (text) => (output += text), stderr: (text) => (output += text) };
 * const code = await runCli(["--version"], io);
 * console.log(code, output);
 * ```
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

type Options = NonNullable<ParseArgsConfig["options"]>;

const help: Options = { help: { type: "boolean", short: "h" } };
const out: Options = { out: { type: "string", short: "o" } };
const optionsOf: Record<CommandName, Options> = {
  catalog: { ...help, ...out, format: { type: "string" }, title: { type: "string" } },
  graph: {
    ...help,
    ...out,
    format: { type: "string" },
    direction: { type: "string" },
    "all-events": { type: "boolean" },
  },
  check: { ...help, format: { type: "string" }, strict: { type: "boolean" } },
  diff: { ...help, format: { type: "string" }, "allow-removal": { type: "boolean" } },
};
const positionalsOf: Record<CommandName, readonly string[]> = {
  catalog: ["<module>"],
  graph: ["<module>"],
  check: ["<module>"],
  diff: ["<old.json>", "<new.json>"],
};

function parse(command: CommandName, args: readonly string[]): ParsedCommand {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: optionsOf[command],
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedCommand["values"], positionals };
  } catch (error) {
    // parseArgs throws TypeErrors such as "Unknown option '--fromat'"; they are the caller's mistake.
    throw usageError(`jobkit ${command}: ${(error as Error).message}`, command, { cause: error });
  }
}

function expectPositionals(command: CommandName, positionals: readonly string[]): void {
  const expected = positionalsOf[command];
  if (positionals.length === expected.length) return;
  const problem =
    positionals.length < expected.length
      ? `missing ${expected.slice(positionals.length).join(" and ")}`
      : `unexpected argument "${positionals[expected.length]}"`;
  throw usageError(`jobkit ${command}: ${problem}`, command);
}

async function run(command: CommandName, args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(command, args);
  if (parsed.values.help) {
    io.stdout(helpText(command));
    return 0;
  }
  expectPositionals(command, parsed.positionals);
  const { runCommand } = await import("./run-command");
  return runCommand(command, parsed, io);
}

/**
 * Runs the `jobkit` command line with the given arguments and returns the exit code: 0 ok, 1 problems
 * found, 2 usage error. Output goes to `io` (the process's stdout and stderr by default).
 *
 * @example Run a check from a script
 * ```ts
 * import { runCli } from "@jobkit/cli";
 *
 * const code = await runCli(["check", "src/inngest/jobs.ts", "--strict"]);
 * process.exitCode = code;
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      const topic = rest[0];
      if (command === "help" && topic !== undefined) {
        if (!isCommandName(topic)) throw usageError(`jobkit help: unknown command "${topic}"`);
        io.stdout(helpText(topic));
        return 0;
      }
      if (command === undefined) {
        io.stderr(helpText());
        return 2;
      }
      io.stdout(helpText());
      return 0;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`${packageJson.version}\n`);
      return 0;
    }
    if (!isCommandName(command)) {
      throw usageError(
        command.startsWith("-")
          ? `jobkit: unknown option "${command}"`
          : `jobkit: unknown command "${command}"`,
      );
    }
    return await run(command, rest, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    switch (error.code) {
      case "usage":
        io.stderr(`${error.message}\n\n${helpText(error.command as CommandName | undefined)}`);
        return 2;
      case "module-load":
        io.stderr(`${error.message}\n`);
        return error.reason === "not-found" ? 2 : 1;
      case "catalog-schema":
        io.stderr(`${error.message}\n`);
        return 2;
    }
  }
}
