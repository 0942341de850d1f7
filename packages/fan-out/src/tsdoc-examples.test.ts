import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

// Finds the `@example` of every public export through the entry point and type-checks its code as a user
// would write it, importing `@jobkit/fan-out` by name.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(packageDir, "src/index.ts");

interface Example {
  readonly exportName: string;
  readonly isValue: boolean;
  readonly title: string;
  readonly code: string | undefined;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(packageDir, "tsconfig.json"), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir).options, noEmit: true };
}

function collectExamples(options: ts.CompilerOptions): Example[] {
  const program = ts.createProgram([entry], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
  return checker.getExportsOfModule(moduleSymbol).flatMap((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const isValue = (symbol.flags & ts.SymbolFlags.Value) !== 0;
    const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === "example");
    if (tags.length === 0) return [{ exportName: exported.name, isValue, title: "", code: undefined }];
    return tags.map((tag) => {
      const text = (tag.text ?? []).map((part) => part.text).join("");
      return {
        exportName: exported.name,
        isValue,
        title: text.split("\n")[0]?.trim() ?? "",
        code: /```ts\n([\s\S]*?)```/.exec(text)?.[1],
      };
    });
  });
}

describe("TSDoc examples", () => {
  let examples: Example[] = [];
  const diagnosticsByExample = new Map<Example, string[]>();

  beforeAll(() => {
    const options = compilerOptions();
    examples = collectExamples(options);
    const files = new Map(
      examples.flatMap((example, index) =>
        example.code === undefined
          ? []
          : [[join(packageDir, "src", `example-${index}.virtual.ts`), example] as const],
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
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const example = diagnostic.file && files.get(diagnostic.file.fileName);
      if (!example) continue;
      const messages = diagnosticsByExample.get(example) ?? [];
      messages.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      diagnosticsByExample.set(example, messages);
    }
  }, 120_000);

  it("gives every exported function, class and constant a titled example", () => {
    const missing = examples
      .filter((example) => example.isValue && (example.title === "" || example.code === undefined))
      .map((example) => example.exportName);
    expect(missing).toEqual([]);
  });

  it("type-checks the code of every example", () => {
    expect(examples.filter((example) => example.code !== undefined).length).toBeGreaterThan(5);
    const failing = [...diagnosticsByExample].map(
      ([example, messages]) => `${example.exportName} (${example.title}): ${messages.join("; ")}`,
    );
    expect(failing).toEqual([]);
  });
});
