import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Module augmentation is global to a TypeScript program, so doing it in a `*.test-d.ts` file would leak
// into every other type test. Each case here compiles its own small program instead.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixturePath = join(packageDir, "src", "register-fixture.virtual.ts");

function compile(source: string): ts.Diagnostic[] {
  const configPath = join(packageDir, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir);
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === fixturePath || fileExists(file);
  host.readFile = (file) => (file === fixturePath ? source : readFile(file));
  host.getSourceFile = (file, language, ...rest) =>
    file === fixturePath
      ? ts.createSourceFile(file, source, language)
      : getSourceFile(file, language, ...rest);
  const program = ts.createProgram([fixturePath], { ...options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.file?.fileName === fixturePath);
}

function lineOf(diagnostic: ts.Diagnostic): number | undefined {
  if (!diagnostic.file || diagnostic.start === undefined) return undefined;
  return diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
}

const catalogSource = `
import { z } from "zod";
import { defineCatalog, defineEvent, type EventName, type RegisteredCatalog } from "@jobkit/events";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
export const catalog = defineCatalog([userCreated]);
`;

describe("Register", () => {
  it("makes RegisteredCatalog the app catalog once an app augments it", () => {
    const source = `${catalogSource}
declare module "@jobkit/events" {
  interface Register {
    catalog: typeof catalog;
  }
}
export const known: EventName<RegisteredCatalog> = "user/created";
export const unknown: EventName<RegisteredCatalog> = "user/deleted";
`;
    const diagnostics = compile(source);
    const unknownLine = source.split("\n").findIndex((line) => line.includes("export const unknown")) + 1;
    expect(diagnostics.map((diagnostic) => [lineOf(diagnostic), diagnostic.code])).toEqual([
      [unknownLine, 2322],
    ]);
  }, 60_000);

  it("accepts any event name while no catalog is registered", () => {
    const source = `${catalogSource}
export const anything: EventName<RegisteredCatalog> = "user/deleted";
`;
    expect(
      compile(source).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")),
    ).toEqual([]);
  }, 60_000);
});
