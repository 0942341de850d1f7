import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// One check for every published package: each public export (through the `exports` map) documents itself
// with a titled `@example`, and the code of those examples and of the README compiles the way a user
// would write it, importing the package by name. A ```ts no-check block in a README opts out (a fragment).

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "../../packages");

interface Snippet {
  readonly label: string;
  readonly title: string;
  readonly code: string | undefined;
}

interface PackageUnderCheck {
  readonly name: string;
  readonly dir: string;
  readonly entryPoints: readonly string[];
}

function packagesUnderCheck(): PackageUnderCheck[] {
  return readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        exports: Record<string, string | Record<string, unknown>>;
      };
      const entryPoints = Object.values(manifest.exports).flatMap((target) =>
        typeof target === "object" && typeof target["@jobkit/source"] === "string"
          ? [join(dir, target["@jobkit/source"])]
          : [],
      );
      return { name: manifest.name, dir, entryPoints };
    });
}

function compilerOptions(dir: string): ts.CompilerOptions {
  const config = ts.readConfigFile(join(dir, "tsconfig.json"), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, dir).options, noEmit: true };
}

const firstTsBlock = (text: string) => /```ts\n([\s\S]*?)```/.exec(text)?.[1];

function collectExamples(pkg: PackageUnderCheck, options: ts.CompilerOptions): Snippet[] {
  const program = ts.createProgram([...pkg.entryPoints], options);
  const checker = program.getTypeChecker();
  return pkg.entryPoints.flatMap((entry) => {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
    return checker.getExportsOfModule(moduleSymbol).flatMap((exported): Snippet[] => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === "example");
      if (tags.length === 0) return [{ label: exported.name, title: "", code: undefined }];
      return tags.map((tag) => {
        const text = (tag.text ?? []).map((part) => part.text).join("");
        return {
          label: exported.name,
          title: text.split("\n")[0]?.trim() ?? "",
          code: firstTsBlock(text),
        };
      });
    });
  });
}

function readmeBlocks(pkg: PackageUnderCheck): Snippet[] {
  const readme = readFileSync(join(pkg.dir, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    label: "README",
    title: `block ${index}`,
    code: match[1] ?? "",
  }));
}

/** Type-checks each snippet as its own module of one program; returns one message per problem. */
function typeCheck(
  dir: string,
  options: ts.CompilerOptions,
  snippets: readonly Snippet[],
  prefix: string,
): string[] {
  const files = new Map(
    snippets.flatMap((snippet, index) =>
      snippet.code === undefined
        ? []
        : [[join(dir, "src", `${prefix}-${index}.virtual.ts`), snippet] as const],
    ),
  );
  if (files.size === 0) return [];
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

/** Module augmentation (`interface Register`) is program-wide, so those snippets compile on their own. */
function typeCheckAll(
  dir: string,
  options: ts.CompilerOptions,
  snippets: readonly Snippet[],
  prefix: string,
) {
  const augmenting = snippets.filter((snippet) => snippet.code?.includes("interface Register"));
  const others = snippets.filter((snippet) => !augmenting.includes(snippet));
  return [
    ...augmenting.flatMap((snippet, index) =>
      typeCheck(dir, options, [snippet], `${prefix}-register-${index}`),
    ),
    ...typeCheck(dir, options, others, prefix),
  ];
}

describe.each(packagesUnderCheck())("$name public API docs", (pkg) => {
  const options = compilerOptions(pkg.dir);
  const examples = collectExamples(pkg, options);

  it("gives every public export a titled example with a ts code block", () => {
    expect(examples.length).toBeGreaterThan(0);
    const missing = examples
      .filter(
        (example) => example.title === "" || example.title.startsWith("```") || example.code === undefined,
      )
      .map((example) => example.label);
    expect(missing).toEqual([]);
  });

  it("type-checks the code of every example", () => {
    expect(typeCheckAll(pkg.dir, options, examples, "example")).toEqual([]);
  }, 180_000);

  it("type-checks the ts code blocks of the README", () => {
    const blocks = readmeBlocks(pkg);
    expect(blocks.length).toBeGreaterThan(0);
    expect(typeCheckAll(pkg.dir, options, blocks, "readme")).toEqual([]);
  }, 180_000);
});
