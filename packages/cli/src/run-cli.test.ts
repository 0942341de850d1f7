import { describe, expect, it } from "vitest";
import { type CliIo, runCli } from "./run-cli";

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    cwd: process.cwd(),
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    out: () => out,
    err: () => err,
  };
}

describe("runCli", () => {
  it("shows a command's options for <command> --help without loading anything", async () => {
    const io = capture();
    expect(await runCli(["diff", "--help"], io)).toBe(0);
    expect(io.out()).toContain("Usage: jobkit diff <old.json> <new.json> [options]");
    expect(io.out()).toContain("--allow-removal");
  });

  it("shows a command's help for jobkit help <command>", async () => {
    const io = capture();
    expect(await runCli(["help", "graph"], io)).toBe(0);
    expect(io.out()).toContain("Usage: jobkit graph <module> [options]");
  });

  it("names an unknown command and exits 2", async () => {
    const io = capture();
    expect(await runCli(["grpah", "jobs.ts"], io)).toBe(2);
    expect(io.err()).toContain('jobkit: unknown command "grpah"');
    expect(io.err()).toContain("Usage: jobkit <command> [options]");
    expect(io.out()).toBe("");
  });

  it("names an unknown top-level option and exits 2", async () => {
    const io = capture();
    expect(await runCli(["--verbose"], io)).toBe(2);
    expect(io.err()).toContain('jobkit: unknown option "--verbose"');
  });

  it("rejects an option value outside its choices with the allowed values", async () => {
    const io = capture();
    expect(await runCli(["catalog", "jobs.ts", "--format", "html"], io)).toBe(2);
    expect(io.err()).toContain('jobkit catalog: --format "html" is not one of md, json-schema');
    expect(io.err()).toContain("Usage: jobkit catalog <module> [options]");
  });

  it("names the missing positional argument", async () => {
    const io = capture();
    expect(await runCli(["diff", "old.json"], io)).toBe(2);
    expect(io.err()).toContain("jobkit diff: missing <new.json>");
  });

  it("names an extra positional argument", async () => {
    const io = capture();
    expect(await runCli(["check", "a.ts", "b.ts"], io)).toBe(2);
    expect(io.err()).toContain('jobkit check: unexpected argument "b.ts"');
  });

  it("refuses an option that belongs to another command", async () => {
    const io = capture();
    expect(await runCli(["check", "jobs.ts", "--out", "x.md"], io)).toBe(2);
    expect(io.err()).toContain("--out");
  });

  it("reports a diff input that is not JSON as a usage error", async () => {
    const io = capture();
    expect(await runCli(["diff", "package.json", "README.md"], io)).toBe(2);
    expect(io.err()).toContain('jobkit diff: "README.md" is not JSON');
  });

  it("reports a missing diff input by path and error code", async () => {
    const io = capture();
    expect(await runCli(["diff", "missing-old.json", "package.json"], io)).toBe(2);
    expect(io.err()).toContain('jobkit diff: cannot read "missing-old.json" (ENOENT)');
  });
});
