import { describe, expect, it } from "vitest";
import { CliError, usageError } from "./cli-error";

describe("CliError", () => {
  it("keeps the fields of its code and leaves the others undefined", () => {
    const error = new CliError({
      code: "module-load",
      modulePath: "jobs.ts",
      reason: "import-failed",
      message: 'Cannot load module "jobs.ts"',
    });
    expect(error).toMatchObject({
      name: "CliError",
      code: "module-load",
      modulePath: "jobs.ts",
      reason: "import-failed",
    });
    expect(error.message).toBe('Cannot load module "jobs.ts"');
    expect(error.command).toBeUndefined();
    expect(error.side).toBeUndefined();
    expect(error.path).toBeUndefined();
  });

  it("writes the catalog-schema message from side, path and problem, with what is expected", () => {
    const error = new CliError({
      code: "catalog-schema",
      side: "old",
      path: "oneOf[2]",
      problem: "it has no properties object",
    });
    expect(error.message).toMatch(
      /^Invalid old catalog schema at oneOf\[2\]: it has no properties object\n {2}expected: /,
    );
    expect(error).toMatchObject({ code: "catalog-schema", side: "old", path: "oneOf[2]" });
    expect(error.reason).toBeUndefined();
  });

  it("keeps the command and the cause of a usage error", () => {
    const cause = new TypeError("Unknown option '--fromat'");
    const error = usageError("jobkit check: Unknown option '--fromat'", "check", { cause });
    expect(error).toMatchObject({ code: "usage", command: "check", cause });
    expect(error.modulePath).toBeUndefined();
  });
});
