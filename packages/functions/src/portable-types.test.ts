import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

// An app that builds its job modules with `declaration: true` needs every type a definition's inferred type
// mentions to be reachable from a public entry, or tsc fails with TS2742 ("cannot be named without a
// reference to …/src/…"). Compiled here as an app would: the package found through node_modules by name.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const app = mkdtempSync(join(tmpdir(), "jobkit-portable-"));

afterAll(() => rmSync(app, { recursive: true, force: true }));

function link(name: string, target: string): void {
  mkdirSync(dirname(join(app, "node_modules", name)), { recursive: true });
  symlinkSync(target, join(app, "node_modules", name), "dir");
}

const jobs = `
import { z } from "zod";
import { defineEvent } from "@jobkit/events";
import { defineCronFunction, defineEventFunction, defineStepFunction } from "@jobkit/functions";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });

export const welcome = defineEventFunction({
  id: "welcome",
  on: userCreated,
  onFailure: async ({ failure }) => failure.runId,
  handler: async ({ event }) => ({ userId: event.data.userId }),
});
export const batched = defineEventFunction({
  id: "batched",
  on: [userCreated],
  batchEvents: { maxSize: 10, timeout: "5s" },
  handler: async ({ events }) => events.length,
});
export const nightly = defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async ({ event }) => event.data.cron });
export const onboarding = defineStepFunction({
  id: "onboarding",
  on: userCreated,
  steps: (chain) =>
    chain.step("load", ({ event }) => ({ userId: event.data.userId })).step("greet", ({ results }) => results.load.userId),
});
`;

describe("definition types in an app's declaration emit", () => {
  it("name only public types, so an app's tsc --declaration succeeds (no TS2742)", () => {
    link("@jobkit/functions", packageDir);
    link("@jobkit/events", join(packageDir, "../events"));
    for (const dependency of ["zod", "inngest"])
      link(dependency, join(packageDir, "node_modules", dependency));
    link("@types", join(packageDir, "../../node_modules/@types"));
    writeFileSync(join(app, "jobs.ts"), jobs);
    const config = ts.readConfigFile(join(packageDir, "tsconfig.json"), ts.sys.readFile);
    const options = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir).options;
    const program = ts.createProgram([join(app, "jobs.ts")], {
      ...options,
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      rootDir: app,
      outDir: join(app, "out"),
    });
    const declarations: string[] = [];
    const emitted = program.emit(undefined, (_file, text) => declarations.push(text));
    const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((diagnostic) =>
      ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    );
    expect(problems).toEqual([]);
    expect(declarations.join("\n")).toContain(
      'FunctionDefinition<"cron", import("@jobkit/functions").CronEvent',
    );
  }, 60_000);
});
