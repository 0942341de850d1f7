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

/** Runs headless Chromium once and resolves when it has written the screenshot. */
function screenshot(url: string, file: string, profile: string): Promise<void> {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    `--user-data-dir=${profile}`,
    `--screenshot=${file}`,
    "--window-size=1280,900",
    "--hide-scrollbars",
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(chromium, args, { timeout: 90_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`chromium failed for ${url}: ${error.message}\n${stderr.slice(-2000)}`));
      else resolve();
    });
  });
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
});
