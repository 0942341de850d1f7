import { notificationSend } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import type { AiModel } from "../../services/ai-model";
import type { Database } from "../../services/database";
import type { PageScanner } from "../../services/page-scanner";
import { batchProgressUpdated, pageAnalyzeRequested, pageScanRequested } from "../events";
import { systemNotification } from "./system-notification";

/** At most this many scans run at once: the scanner fetches other people's sites, politely. */
export const scanConcurrency = 5;

/**
 * The page scan: fetches and parses one page, saves what it found, asks for its AI analysis, reports the
 * batch's progress and notifies the user. `concurrency` caps how many scans run at once; the rest wait
 * in Inngest's queue.
 *
 * @example
 * ```ts
 * import { createLocalServices } from "../../services";
 * import { scanPage } from "./scan-page";
 *
 * const { database, scanner, ai } = createLocalServices();
 * const definition = scanPage({ database, scanner, ai });
 * ```
 */
export function scanPage({
  database,
  scanner,
  ai,
}: {
  readonly database: Database;
  readonly scanner: PageScanner;
  readonly ai: Pick<AiModel, "provider">;
}) {
  return defineEventFunction({
    id: "scan-page",
    name: "Scan Single Page",
    on: pageScanRequested,
    sends: [pageAnalyzeRequested, batchProgressUpdated, notificationSend],
    concurrency: { limit: scanConcurrency },
    retries: 3,
    handler: async ({ event, step }) => {
      const { pageId, projectId, url, userId } = event.data;

      const scanData = await step.run("fetch-and-parse", () => scanner.scan(url));

      await step.run("save-scan-data", async () => {
        await database.savePageScan(pageId, scanData);
      });

      await step.sendEvent(
        "trigger-analysis",
        pageAnalyzeRequested.create(
          { pageId, url, userId, provider: ai.provider, scanData },
          { id: `page-analyze-${pageId}` },
        ),
      );

      const progress = await step.run("count-batch-progress", () => database.projectProgress(projectId));
      await step.sendEvent(
        "report-batch-progress",
        batchProgressUpdated.create({
          projectId,
          userId,
          ...progress,
          status: progress.scannedPages === progress.totalPages ? "completed" : "in-progress",
        }),
      );

      await step.sendEvent(
        "notify-scan-complete",
        systemNotification({
          userId,
          title: "Scan Complete",
          message: `Page scan for ${url} has completed`,
          type: "success",
        }),
      );

      return { pageId, scanData };
    },
  });
}
