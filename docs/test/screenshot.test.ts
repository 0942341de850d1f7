import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePng, imageStats } from "./decode-png";
import { serveStatic } from "./serve-static";

const chromium = "/usr/bin/chromium";
const docs = join(import.meta.dirname, "..");
const site = join(docs, ".vitepress", "dist");
const screenshots = join(docs, "test", ".screenshots");
const hasChromium = existsSync(chromium);
const inCi = process.env.CI !== undefined && !["", "0", "false"].includes(process.env.CI);

if (!hasChromium) {
  if (inCi) {
    throw new Error(
      `${chromium} is missing: CI must install Debian's chromium (apt-get install -y chromium) for the docs screenshot test`,
    );
  }
  console.warn(`docs screenshot test skipped: ${chromium} is missing (apt-get install -y chromium)`);
}

/** Runs headless Chromium once on a page; scripts get 20 s of virtual time (Mermaid draws client-side). */
function chromiumOn(url: string, profile: string, output: string[]): Promise<string> {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    `--user-data-dir=${profile}`,
    "--virtual-time-budget=20000",
    "--window-size=1280,900",
    "--hide-scrollbars",
    ...output,
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(chromium, args, { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`chromium failed for ${url}: ${error.message}\n${stderr.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}

/** Resolves when Chromium has written the screenshot. */
async function screenshot(url: string, file: string, profile: string): Promise<void> {
  await chromiumOn(url, profile, [`--screenshot=${file}`]);
}

/** The page's DOM once its scripts ran. */
function renderedDom(url: string, profile: string): Promise<string> {
  return chromiumOn(url, profile, ["--dump-dom"]);
}

describe.skipIf(!hasChromium)("the built docs site in headless Chromium", () => {
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(join(site, "index.html"))) {
      throw new Error(`${site} has no index.html: run pnpm docs:build first`);
    }
    server = await serveStatic(site);
    profile = mkdtempSync(join(tmpdir(), "jobkit-docs-chromium-"));
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const pages = [
    { name: "home", path: "/", text: "Typed background jobs for Inngest" },
    { name: "fan-out", path: "/patterns/fan-out.html", text: "Fan-out" },
    { name: "event-flow", path: "/reference/event-flow.html", text: "Event flow" },
  ];

  for (const page of pages) {
    it(`renders the ${page.name} page with its styles and content`, async () => {
      const html = readFileSync(join(site, page.path === "/" ? "index.html" : page.path), "utf8");
      expect(html).toContain(page.text);

      const file = join(screenshots, `${page.name}.png`);
      rmSync(file, { force: true });
      await screenshot(`${server.url}${page.path}`, file, profile);

      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(20_000);
      const image = decodePng(readFileSync(file));
      expect([image.width, image.height]).toEqual([1280, 900]);
      const stats = imageStats(image);
      // A blank or unstyled page is one colour or nearly; a rendered page has text, a nav bar and colour.
      expect(stats.nonBackground).toBeGreaterThan(0.02);
      expect(stats.luminanceStdDev).toBeGreaterThan(10);
      expect(stats.colors).toBeGreaterThan(200);
      expect(server.served.some((path) => path.endsWith(".css"))).toBe(true);
    });
  }

  it("describes every module in the API index", () => {
    const html = readFileSync(join(site, "api", "index.html"), "utf8");
    const rows = [...html.matchAll(/<tr><td><a [^>]*>(@jobkit\/[^<]+)<\/a><\/td><td>(.*?)<\/td><\/tr>/g)];
    expect(rows.map(([, module]) => module)).toContain("@jobkit/events/standard");
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const [, module, description] of rows) {
      expect(description?.replace(/<[^>]+>/g, "").trim(), module).not.toBe("");
    }
  });

  describe("the event-flow page", () => {
    const path = "/reference/event-flow.html";
    const html = () => readFileSync(join(site, path), "utf8");

    it("ships each Mermaid graph to the browser as a diagram, never as a raw mermaid code block", () => {
      expect(html()).not.toMatch(/language-mermaid|```mermaid/);
      expect(html().match(/class="mermaid-diagram/g)?.length).toBeGreaterThanOrEqual(2);
    });

    it("draws every diagram as SVG in the browser", async () => {
      const dom = await renderedDom(`${server.url}${path}`, profile);
      const drawn =
        dom.match(/<div[^>]*class="mermaid-diagram"[^>]*data-rendered="true"[^>]*>\s*<svg/g) ?? [];
      expect(dom).not.toContain("mermaid-diagram--source");
      expect(dom).not.toContain("could not be drawn");
      expect(drawn.length).toBe(html().match(/class="mermaid-diagram/g)?.length);
      // Stadium (event) and rectangle (function) nodes of the shop graph, as Mermaid draws them.
      expect(dom).toMatch(/<g[^>]*class="node[^"]*"/);
      expect(dom).toContain("user/created");
    });

    it("shows no path of the machine that built it", () => {
      const repoRoot = join(docs, "..");
      expect(html()).not.toContain(repoRoot);
      expect(html()).toContain("jobkit check docs/jobs/shop-jobs.ts");
    });
  });
});
