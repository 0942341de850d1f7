import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The hover an editor shows when it expands a context type: TypeScript's own rendering of the type.
function expandedTypes(): Record<string, string> {
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  const config = ts.readConfigFile(join(packageDir, "tsconfig.json"), ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir).options;
  const fixture = join(packageDir, "test/context-hover.ts");
  const program = ts.createProgram([fixture], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fixture);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error("cannot read test/context-hover.ts");
  return Object.fromEntries(
    checker
      .getExportsOfModule(module)
      .map((symbol) => [
        symbol.name,
        checker.typeToString(
          checker.getTypeOfSymbol(symbol),
          undefined,
          ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.NoTruncation,
        ),
      ]),
  );
}

/** Whether `shown` is one object literal `{ … }`, not an intersection or an alias applied to arguments. */
function isOneObjectType(shown: string): boolean {
  let depth = 0;
  for (let index = 0; index < shown.length; index++) {
    if (shown[index] === "{") depth++;
    if (shown[index] === "}") depth--;
    if (depth === 0) return index === shown.length - 1;
  }
  return false;
}

describe("context hovers", () => {
  const types = expandedTypes();

  it("shows a handler's context as one object type, not Omit<…> & {…}", () => {
    const shown = types.handlerContext ?? "";
    expect(isOneObjectType(shown)).toBe(true);
    expect(shown).toContain("event: OrderPlaced;");
    expect(shown).toMatch(/\bstep: /);
  });

  it("tells one object type from an intersection", () => {
    expect(isOneObjectType("{ a: string; b: { c: 1 } & { d: 2 }; }")).toBe(true);
    expect(isOneObjectType('Omit<Context, "event"> & { event: OrderPlaced; }')).toBe(false);
    expect(isOneObjectType("{ a: string; } & { event: OrderPlaced; }")).toBe(false);
  });

  it("shows onFailure's context as one object type with the error and the failed run", () => {
    const shown = types.failureContext ?? "";
    expect(isOneObjectType(shown)).toBe(true);
    expect(shown).toContain("error: Error;");
    expect(shown).toContain("failure: FailureInfo;");
  });
});
