import type { ScanData } from "../inngest/events";

/**
 * Fetches a page and reads what the analysis needs. A real scanner fetches the URL (with a timeout and a
 * size cap) and parses the HTML, e.g. with cheerio; this interface is where it goes.
 */
export interface PageScanner {
  scan(url: string): Promise<ScanData>;
}

/** A small, stable number from a string (FNV-1a), so the stand-in gives each URL its own page. */
function fingerprint(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A deterministic stand-in that never touches the network: the same URL always yields the same page
 * facts, and different URLs differ (some lack a title or a meta description, some have images without alt).
 *
 * @example
 * ```ts
 * import { createLocalPageScanner } from "./page-scanner";
 *
 * const page = await createLocalPageScanner().scan("https://example.com/pricing");
 * ```
 */
export function createLocalPageScanner(): PageScanner {
  return {
    async scan(url) {
      const seed = fingerprint(url);
      const path = new URL(url).pathname.replace(/\/$/, "") || "/";
      const wordCount = 120 + (seed % 900);
      const images = seed % 7;
      return {
        title: seed % 5 === 0 ? null : `Example — ${path}`,
        metaDescription: seed % 3 === 0 ? null : `About ${path}`,
        headings: { h1: seed % 4 === 0 ? 2 : 1, h2: (seed >>> 3) % 6 },
        images: { total: images, missingAlt: images === 0 ? 0 : (seed >>> 5) % (images + 1) },
        links: { internal: (seed >>> 7) % 12, external: (seed >>> 9) % 5 },
        wordCount,
        htmlLength: wordCount * 9 + 2048,
      };
    },
  };
}
