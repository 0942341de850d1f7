import { defineCatalog, defineEvent } from "@jobkit/events";
import { standardCatalog } from "@jobkit/events/standard";
import { z } from "zod";

const id = (what: string) => z.string().min(1).max(200).describe(what);

/** A page address the scanner may fetch: http or https only, so a form cannot make the server read `file:` URLs. */
export const pageUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(2048);

/** What the scanner found on a page; the AI analysis reads it and the scan job saves it. */
export const scanDataSchema = z.object({
  title: z.string().nullable(),
  metaDescription: z.string().nullable(),
  headings: z.object({ h1: z.number().int().min(0), h2: z.number().int().min(0) }),
  images: z.object({ total: z.number().int().min(0), missingAlt: z.number().int().min(0) }),
  links: z.object({ internal: z.number().int().min(0), external: z.number().int().min(0) }),
  wordCount: z.number().int().min(0),
  htmlLength: z.number().int().min(0),
});

/** What the scanner found on a page. */
export type ScanData = z.infer<typeof scanDataSchema>;

/** At most this many URLs per batch: one form, one batch, one `step.sendEvent` well under Inngest's 5000. */
export const maxUrlsPerBatch = 50;

/** `project/batch.scan`: scan these pages of a project (the form's server action sends it). */
export const projectBatchScan = defineEvent("project/batch.scan", {
  description: "A user asked to scan a list of pages of one project.",
  schema: z.object({
    projectId: id("The project the pages belong to"),
    userId: id("Who asked; notifications go to them"),
    urls: z
      .array(pageUrlSchema)
      .min(1, "give at least one URL")
      .max(maxUrlsPerBatch, `give at most ${maxUrlsPerBatch} URLs per batch`)
      .refine((urls) => new Set(urls).size === urls.length, "each URL only once"),
  }),
  examples: [
    {
      projectId: "prj_docs",
      userId: "usr_ada",
      urls: ["https://example.com/", "https://example.com/pricing"],
    },
  ],
});

/** `page/scan.requested`: scan one page (one per URL of a batch). */
export const pageScanRequested = defineEvent("page/scan.requested", {
  description: "Scan one page and save what it contains.",
  schema: z.object({
    pageId: id("The page record created by the batch"),
    projectId: id("The page's project"),
    url: pageUrlSchema,
    userId: id("Who asked for the scan"),
  }),
});

/** `page/analyze.requested`: ask the AI model for recommendations on a scanned page. */
export const pageAnalyzeRequested = defineEvent("page/analyze.requested", {
  description: "Analyse a scanned page with the AI model and save its recommendations.",
  schema: z.object({
    pageId: id("The scanned page"),
    url: pageUrlSchema,
    userId: id("Who asked for the scan"),
    /** The AI provider the analysis goes to: the throttle key, so each provider's rate limit holds. */
    provider: id("The AI provider, e.g. openrouter"),
    scanData: scanDataSchema,
  }),
});

/** `batch/progress.updated`: how far a project's batch scan has come. */
export const batchProgressUpdated = defineEvent("batch/progress.updated", {
  description: "How many pages of a project's batch scan are scanned.",
  schema: z.object({
    projectId: id("The project"),
    userId: id("Who asked for the scan"),
    totalPages: z.number().int().min(0),
    scannedPages: z.number().int().min(0),
    status: z.enum(["in-progress", "completed"]),
  }),
});

/** `image/uploaded`: an image landed in storage and needs its web variants. */
export const imageUploaded = defineEvent("image/uploaded", {
  description: "An uploaded image to resize and convert for the web.",
  schema: z.object({
    imageId: id("The image"),
    userId: id("Who uploaded it"),
    /** Where the original is in storage. */
    key: id("Storage key of the original"),
    /** Widths to produce, in pixels; defaults to 320, 640 and 1280. */
    widths: z.array(z.number().int().min(16).max(4096)).min(1).max(8).optional(),
  }),
});

/** `image/processed`: the web variants of an image are in storage. */
export const imageProcessed = defineEvent("image/processed", {
  description: "The resized WebP variants of an uploaded image are stored.",
  schema: z.object({
    imageId: id("The image"),
    userId: id("Who uploaded it"),
    variants: z.array(
      z.object({
        key: id("Storage key of the variant"),
        width: z.number().int().min(1),
        height: z.number().int().min(1),
        format: z.string(),
      }),
    ),
  }),
});

/**
 * Every event this app sends or receives: the standard catalog (`user/created`, `notification/send`, …)
 * and the page-scan and image events above. The client validates each send against it, and
 * `jobkit catalog`/`jobkit check` read it from this export.
 */
export const catalog = defineCatalog([
  ...standardCatalog.events,
  projectBatchScan,
  pageScanRequested,
  pageAnalyzeRequested,
  batchProgressUpdated,
  imageUploaded,
  imageProcessed,
]);
