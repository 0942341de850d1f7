import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { fixture, runBin } from "../test/run-bin";

const scratch = mkdtempSync(join(tmpdir(), "jobkit-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.concurrent("jobkit (the binary)", { timeout: 60_000 }, () => {
  describe("help and usage", () => {
    it("prints the overview for --help and exits 0", async () => {
      const result = await runBin(["--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Usage: jobkit <command> [options]");
      expect(result.stdout).toMatch(/diff <old\.json> <new\.json>/);
    });

    it("prints the package version for --version", async () => {
      const result = await runBin(["--version"]);
      expect(result).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    });

    it("exits 2 with the usage on stderr when no command is given", async () => {
      const result = await runBin([]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("Usage: jobkit <command>");
    });

    it("exits 2 for an unknown option and shows the command's usage", async () => {
      const result = await runBin(["catalog", fixture("good-jobs.ts"), "--fromat", "md"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--fromat");
      expect(result.stderr).toContain("Usage: jobkit catalog <module>");
    });

    it("exits 2 when the module file does not exist", async () => {
      const result = await runBin(["check", "src/no-such-jobs.ts"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Cannot find module file "src/no-such-jobs.ts"');
    });
  });

  describe("catalog", () => {
    it("prints the Markdown event reference with a custom title", async () => {
      const result = await runBin(["catalog", fixture("good-jobs.ts"), "--title", "Shop events"]);
      expect(result.code).toBe(0);
      expect(result.stdout.split("\n")[0]).toBe("# Shop events");
      expect(result.stdout).toContain("| `user/created` | 1.0.0 | A user signed up. |");
    });

    it("writes the JSON Schema document to --out", async () => {
      const out = join(scratch, "nested", "events.schema.json");
      const result = await runBin([
        "catalog",
        fixture("good-jobs.ts"),
        "--format",
        "json-schema",
        "--out",
        out,
      ]);
      expect(result).toMatchObject({ code: 0, stdout: "" });
      const schema = JSON.parse(readFileSync(out, "utf8")) as { oneOf: { title: string }[] };
      expect(schema.oneOf.map((event) => event.title)).toEqual([
        "user/created",
        "user/deleted",
        "email/send",
      ]);
    });

    it("exits 1 when the module (plain JavaScript) exports no catalog", async () => {
      const result = await runBin(["catalog", fixture("plain-module.mjs")]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('module "test/fixtures/plain-module.mjs" exports no catalog');
    });
  });

  describe("graph", () => {
    it("draws event → function → sent event, schedules and cancellations", async () => {
      const result = await runBin(["graph", fixture("good-jobs.ts")]);
      expect(result.code).toBe(0);
      const lines = result.stdout.split("\n");
      expect(lines[0]).toBe("flowchart LR");
      const node = (label: string) =>
        lines
          .find((line) => line.includes(`"${label}"`))
          ?.trim()
          .match(/^\w+/)?.[0];
      const [created, deleted, send] = [node("user/created"), node("user/deleted"), node("email/send")];
      const [welcome, deliver] = [node("send-welcome-email"), node("deliver-email")];
      expect(lines).toContain(`  ${created} --> ${welcome}`);
      expect(lines).toContain(`  ${welcome} --> ${send}`);
      expect(lines).toContain(`  ${deleted} -. cancels .-> ${welcome}`);
      expect(lines).toContain(`  ${send} -->|"if event.data.template != 'muted'"| ${deliver}`);
      expect(result.stdout).toContain('{{"0 9 * * 1-5<br/><small>Europe/Paris</small>"}}:::schedule');
    });

    it("wraps the graph in a mermaid fence with --format md", async () => {
      const result = await runBin(["graph", fixture("good-jobs.ts"), "--format", "md", "--direction", "TB"]);
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith("```mermaid\nflowchart TB\n")).toBe(true);
      expect(result.stdout.endsWith("```\n")).toBe(true);
    });
  });

  describe("check", () => {
    it("exits 0 and reports no problems for a clean module", async () => {
      const result = await runBin(["check", fixture("good-jobs.ts")]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('3 functions, catalog "catalog" (3 events)');
      expect(result.stdout).toContain("ok: no problems in 3 functions");
    });

    it("exits 1 and lists every error and warning of a bad module", async () => {
      const result = await runBin(["check", fixture("bad-jobs.ts"), "--format", "json"]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as {
        errors: number;
        findings: { code: string; severity: string }[];
      };
      expect(report.findings.map((finding) => `${finding.severity} ${finding.code}`).sort()).toEqual([
        "error duplicate-id",
        "error unknown-key-path",
        "error unknown-trigger",
        "error version-mismatch",
        "warning cron-day-or",
        "warning cron-dst-gap",
        "warning sent-not-consumed",
        "warning sent-not-consumed",
        "warning unknown-sent-event",
      ]);
    });

    it("suggests the catalog name for a misspelt trigger in the text report", async () => {
      const result = await runBin(["check", fixture("bad-jobs.ts")]);
      expect(result.stdout).toContain(
        'Function "welcome" is triggered by "user/craeted", which is not in the catalog',
      );
      expect(result.stdout).toContain('did you mean: "user/created"?');
      expect(result.stdout).toMatch(/4 errors, 5 warnings in 5 functions\n$/);
    });

    it("reports a definition that throws on import as an error with its message", async () => {
      const result = await runBin(["check", fixture("throws-on-import.ts")]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Invalid cron expression for function "hourly-sync": "61 * * * *"');
      expect(result.stdout).toContain("minute: 61 is outside 0-59");
    });

    it("passes warnings by default and fails on them with --strict", async () => {
      const relaxed = await runBin(["check", fixture("plain-module.mjs")]);
      expect(relaxed.code).toBe(0);
      expect(relaxed.stdout).toContain("[no-catalog]");
      const strict = await runBin(["check", fixture("plain-module.mjs"), "--strict"]);
      expect(strict.code).toBe(1);
    });
  });

  describe("diff", () => {
    // Each version of the fixture catalog goes through `jobkit catalog --format json-schema` first, so
    // the diff reads what the CLI writes.
    const versions = [
      "catalog-v1",
      "catalog-v1-1-safe",
      "catalog-v1-2-removed",
      "catalog-v2-breaking",
      "catalog-v2-major",
    ];
    const exported = (name: string): string => join(scratch, `${name}.json`);
    beforeAll(async () => {
      const results = await Promise.all(
        versions.map((name) =>
          runBin(["catalog", fixture(`${name}.ts`), "--format", "json-schema", "--out", exported(name)]),
        ),
      );
      expect(results.map((result) => result.code)).toEqual(versions.map(() => 0));
    }, 120_000);

    it("exits 0 for safe changes and lists them", async () => {
      const result = await runBin(["diff", exported("catalog-v1"), exported("catalog-v1-1-safe")]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("safe     data.channel: enum values added: pos");
      expect(result.stdout).toContain("safe     data.giftNote: optional field added");
      expect(result.stdout).toContain("order/returned  added (v1.0.0)");
    });

    it("exits 1 for breaking changes without a major version bump and names the version to use", async () => {
      const result = await runBin(["diff", exported("catalog-v1"), exported("catalog-v2-breaking")]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("breaking data.currency: field removed");
      expect(result.stdout).toContain("breaking data.amount: type integer → string");
      expect(result.stdout).toContain("breaking data.customerId: required field added");
      expect(result.stdout).toContain("breaking data.channel: enum values removed: api");
      expect(result.stdout).toContain("expected v2.0.0");
    });

    it("exits 0 for the same breaking changes with a major version bump", async () => {
      const result = await runBin(["diff", exported("catalog-v1"), exported("catalog-v2-major")]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("order/placed  v1.0.0 → v2.0.0");
      expect(result.stdout).toContain("every breaking change has a major version bump");
    });

    it("fails on a removed event unless --allow-removal is given", async () => {
      const before = exported("catalog-v1-1-safe");
      const after = exported("catalog-v1-2-removed");
      const strict = await runBin(["diff", before, after, "--format", "json"]);
      expect(strict.code).toBe(1);
      expect(JSON.parse(strict.stdout).failing).toEqual(["order/returned"]);
      const allowed = await runBin(["diff", before, after, "--allow-removal"]);
      expect(allowed.code).toBe(0);
      expect(allowed.stdout).toContain("order/returned  removed (was v1.0.0)");
      expect(allowed.stdout).toContain("1 allowed removal (order/returned)");
      expect(allowed.stdout).not.toMatch(/[1-9]\d* breaking change/);
    });

    it("exits 2 for a file that is not a catalog export", async () => {
      const result = await runBin(["diff", exported("catalog-v1"), fixture("not-a-catalog.json")]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Invalid new catalog schema at the top level: it has no oneOf array");
    });
  });
});
