import { defineCatalog, defineEvent } from "@jobkit/events";
import { defineCronFunction, defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CliError } from "./cli-error";
import { findJobExports, isCatalog, isFunctionDefinition } from "./find-job-exports";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const emailSend = defineEvent("email/send", { schema: z.object({ to: z.string() }) });
const catalog = defineCatalog([userCreated, emailSend]);
const welcome = defineEventFunction({ id: "welcome", on: userCreated, handler: async () => {} });
const report = defineCronFunction({ id: "report", cron: "@daily", handler: async () => {} });

describe("findJobExports", () => {
  it("uses the catalog exported as catalog when there are several", () => {
    const other = defineCatalog([emailSend]);
    const found = findJobExports({ aCatalog: other, catalog, welcome }, "jobs.ts");
    expect(found.catalog).toBe(catalog);
    expect(found.catalogExport).toBe("catalog");
  });

  it("uses the only catalog whatever its export name", () => {
    expect(findJobExports({ shopEvents: catalog }, "jobs.ts").catalogExport).toBe("shopEvents");
  });

  it("refuses two catalogs without one named catalog and lists their exports", () => {
    const other = defineCatalog([emailSend]);
    const load = () => findJobExports({ users: catalog, emails: other }, "jobs.ts");
    expect(load).toThrow(CliError);
    expect(load).toThrow(
      expect.objectContaining({ code: "module-load", reason: "ambiguous-catalog", modulePath: "jobs.ts" }),
    );
    expect(load).toThrow('Module "jobs.ts" exports 2 catalogs: users, emails');
  });

  it("accepts the same catalog exported under two names", () => {
    expect(findJobExports({ a: catalog, b: catalog }, "jobs.ts").catalog).toBe(catalog);
  });

  it("collects definitions and arrays of definitions, each once", () => {
    const found = findJobExports({ all: [welcome, report], welcome, answer: 42, names: ["a"] }, "jobs.ts");
    expect(found.definitions).toEqual([welcome, report]);
  });

  it("uses only the definitions export when there is one", () => {
    expect(findJobExports({ definitions: [report], welcome }, "jobs.ts").definitions).toEqual([report]);
  });

  it("names the entry of a definitions export that is not a definition", () => {
    expect(() => findJobExports({ definitions: [welcome, { id: "x" }] }, "jobs.ts")).toThrow(
      "exports `definitions`, but definitions[1] is not a job definition",
    );
  });

  it("reads a CommonJS module.exports object given as default", () => {
    const found = findJobExports({ default: { catalog, definitions: [welcome] } }, "jobs.cjs");
    expect(found.catalog).toBe(catalog);
    expect(found.definitions).toEqual([welcome]);
  });

  it("finds nothing in a module without jobs", () => {
    expect(findJobExports({ answer: 42 }, "x.ts")).toEqual({
      catalog: undefined,
      catalogExport: undefined,
      definitions: [],
    });
  });
});

describe("shape checks", () => {
  it("tells definitions and catalogs from look-alikes", () => {
    expect(isFunctionDefinition(welcome)).toBe(true);
    expect(isFunctionDefinition({ kind: "event", id: "x", triggers: [] })).toBe(false);
    expect(isCatalog(catalog)).toBe(true);
    expect(isCatalog({ kind: "jobkit.catalog", events: [] })).toBe(false);
  });
});
