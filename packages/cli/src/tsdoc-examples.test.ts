import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

// Every public export carries a titled `@example`; this test finds each one through the package's entry
// points and type-checks its code as a user would write it, importing `@jobkit/cli` by name. The
// README's code blocks get the same treatment.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const entryPoints = ["src/index.ts"].map((file) => join(packageDir, file));

interface Example {
  readonly label: string;
  readonly title: string;
  readonly code: string | undefined;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(packageDir, "tsconfig.json"), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir).options, noEmit: true };
}

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

function collectExamples(options: ts.CompilerOptions): Example[] {
  const program = ts.createProgram(entryPoints, options);
  const checker = program.getTypeChecker();
  return entryPoints.flatMap((entry) => {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
    return checker.getExportsOfModule(moduleSymbol).flatMap((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === "example");
      if (tags.length === 0) return [{ label: exported.name, title: "", code: undefined }];
      return tags.map((tag) => {
        const text = (tag.text ?? []).map((part) => part.text).join("");
        return { label: exported.name, title: text.split("\n")[0]?.trim() ?? "", code: codeBlocks(text)[0] };
      });
    });
  });
}

/** Type-checks each example as its own module of one program; returns the messages per failing example. */
function typeCheck(options: ts.CompilerOptions, examples: readonly Example[], prefix: string): string[] {
  const files = new Map(
    examples.flatMap((example, index) =>
      example.code === undefined
        ? []
        : [[join(packageDir, "src", `${prefix}-${index}.virtual.ts`), example] as const],
    ),
  );
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file)?.code ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const example = files.get(file);
    return example
      ? ts.createSourceFile(file, example.code ?? "", language)
      : getSourceFile(file, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
    const example = diagnostic.file && files.get(diagnostic.file.fileName);
    return example
      ? [
          `${example.label} (${example.title}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`,
        ]
      : [];
  });
}

describe("TSDoc examples", () => {
  let options: ts.CompilerOptions = {};
  let examples: Example[] = [];

  beforeAll(() => {
    options = compilerOptions();
    examples = collectExamples(options);
  }, 120_000);

  it("gives every public export a titled example with a ts code block", () => {
    expect(examples.length).toBeGreaterThan(25);
    const missing = examples
      .filter(
        (example) => example.title === "" || example.title.startsWith("```") || example.code === undefined,
      )
      .map((example) => example.label);
    expect(missing).toEqual([]);
  });

  it("type-checks the code of every example", () => {
    // Module augmentation is program-wide, so examples that register a catalog are checked on their own.
    const registering = examples.filter((example) => example.code?.includes("interface Register"));
    expect(typeCheck(options, registering, "register-example")).toEqual([]);
    const others = examples.filter((example) => !registering.includes(example));
    expect(typeCheck(options, others, "example")).toEqual([]);
  }, 120_000);

  it("type-checks the code blocks of the README", () => {
    const readme = readFileSync(join(packageDir, "README.md"), "utf8");
    const blocks = codeBlocks(readme).map((code, index) => ({
      label: "README",
      title: `block ${index}`,
      code,
    }));
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    expect(typeCheck(options, blocks, "readme")).toEqual([]);
  }, 120_000);
});
