import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

// Every public export carries a titled `@example`, and the README shows runnable code; both are type-checked
// here as a user would write them, importing `@jobkit/testing` by name.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const entryPoints = ["src/index.ts", "src/vitest.ts"].map((file) => join(packageDir, file));

interface Snippet {
  readonly label: string;
  readonly title: string;
  readonly code: string | undefined;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(packageDir, "tsconfig.json"), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir).options, noEmit: true };
}

function collectExamples(options: ts.CompilerOptions): Snippet[] {
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
        return {
          label: exported.name,
          title: text.split("\n")[0]?.trim() ?? "",
          code: /```ts\n([\s\S]*?)```/.exec(text)?.[1],
        };
      });
    });
  });
}

function typeCheck(options: ts.CompilerOptions, snippets: readonly Snippet[], prefix: string): string[] {
  const files = new Map(
    snippets.map(
      (snippet, index) => [join(packageDir, "src", `${prefix}-${index}.virtual.ts`), snippet] as const,
    ),
  );
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file)?.code ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const snippet = files.get(file);
    return snippet
      ? ts.createSourceFile(file, snippet.code ?? "", language)
      : getSourceFile(file, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
    const snippet = diagnostic.file && files.get(diagnostic.file.fileName);
    return snippet
      ? [
          `${snippet.label} (${snippet.title}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`,
        ]
      : [];
  });
}

describe("TSDoc examples", () => {
  let options: ts.CompilerOptions = {};
  let examples: Snippet[] = [];

  beforeAll(() => {
    options = compilerOptions();
    examples = collectExamples(options);
  }, 120_000);

  it("give every public export a titled example with a ts code block", () => {
    expect(examples.map((example) => example.label)).toEqual(
      expect.arrayContaining(["runJob", "RunJobError", "jobMatchers", "JobRun", "TimelineEntry"]),
    );
    const missing = examples
      .filter(
        (example) => example.title === "" || example.title.startsWith("```") || example.code === undefined,
      )
      .map((example) => example.label);
    expect(missing).toEqual([]);
  });

  it("type-check", () => {
    expect(
      typeCheck(
        options,
        examples.filter((example) => example.code !== undefined),
        "example",
      ),
    ).toEqual([]);
  }, 120_000);
});

describe("README", () => {
  it("has code blocks that type-check", () => {
    const readme = readFileSync(join(packageDir, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
      label: "README",
      title: `block ${index}`,
      code: match[1],
    }));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(typeCheck(compilerOptions(), blocks, "readme")).toEqual([]);
  }, 120_000);
});
