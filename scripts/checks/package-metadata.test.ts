import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// What the registry shows and what a user's install gets, for every public package: the links of the
// npm page (repository, homepage, bugs, keywords), README links that resolve there, and an `exports` map
// without the repository-only `@jobkit/source` condition once packed.

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const repositoryUrl = "https://github.com/jobkit/jobkit";

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly files?: readonly string[];
  readonly exports?: unknown;
  readonly keywords?: readonly string[];
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly publishConfig?: { readonly exports?: unknown };
}

const packages = readdirSync(join(repo, "packages"))
  .filter((folder) => existsSync(join(repo, "packages", folder, "package.json")))
  .map((folder) => ({
    folder,
    dir: join(repo, "packages", folder),
    manifest: JSON.parse(readFileSync(join(repo, "packages", folder, "package.json"), "utf8")) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

/** Whether a path inside the package ends up in its tarball, by the `files` list npm and pnpm apply. */
function isShipped(path: string, files: readonly string[]): boolean {
  if (/^(README|LICENSE|CHANGELOG)(\.md)?$|^package\.json$/i.test(path)) return true;
  const included = files.some(
    (entry) => !entry.startsWith("!") && (path === entry || path.startsWith(`${entry}/`)),
  );
  const excluded = files.some(
    (entry) =>
      entry.startsWith("!") &&
      new RegExp(
        `^${entry
          .slice(1)
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*\*\//g, "(?:.*/)?")
          .replace(/\*/g, "[^/]*")}$`,
      ).test(path),
  );
  return included && !excluded;
}

describe.each(packages)("$manifest.name on the registry", ({ folder, dir, manifest }) => {
  it("names its repository, homepage, issue tracker and keywords", () => {
    expect(manifest.repository).toEqual({
      type: "git",
      url: `git+${repositoryUrl}.git`,
      directory: `packages/${folder}`,
    });
    expect(manifest.homepage).toBe(`${repositoryUrl}/tree/main/packages/${folder}#readme`);
    expect(manifest.bugs).toEqual({ url: `${repositoryUrl}/issues` });
    expect(manifest.keywords).toEqual(expect.arrayContaining(["inngest", "jobkit"]));
  });

  it("publishes its exports without the @jobkit/source condition (scripts/sync-publish-exports.mjs)", () => {
    const published = JSON.stringify(manifest.publishConfig?.exports ?? null);
    expect(published).not.toContain("@jobkit/source");
    const withoutSource = JSON.stringify(manifest.exports, (key, value) =>
      key === "@jobkit/source" ? undefined : value,
    );
    expect(published).toBe(withoutSource);
  });

  it("links only to files its tarball ships, or to the repository by absolute URL", () => {
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
    const broken = targets
      .filter((target) => !/^(https?:|mailto:|#)/.test(target))
      .map((target) => normalize(target.split("#")[0] ?? ""))
      .filter(
        (path) =>
          path.startsWith("..") || !existsSync(join(dir, path)) || !isShipped(path, manifest.files ?? []),
      );
    expect(broken, `use ${repositoryUrl}/blob/main/packages/${folder}/<path> for these`).toEqual([]);
  });
});

describe("the release dry run helper", () => {
  it("reports publishConfig.exports in sync with every exports map", () => {
    const output = execFileSync(
      process.execPath,
      [join(repo, "scripts", "sync-publish-exports.mjs"), "--check"],
      {
        encoding: "utf8",
      },
    );
    expect(output).toContain("up to date");
  });
});
