import { defineEventFunction } from "@jobkit/functions";
import type { Database } from "../../services/database";
import { batchProgressUpdated, pageScanRequested, projectBatchScan } from "../events";

/**
 * The batch page scan: creates a page record per URL in one step, fans out one `page/scan.requested` per
 * page in one send, and reports the batch as in progress. Each scan runs as its own job, so one slow or
 * failing page holds up none of the others.
 *
 * @example
 * ```ts
 * import { createMemoryDatabase } from "../../services/database";
 * import { batchScan } from "./batch-scan";
 *
 * const definition = batchScan(createMemoryDatabase());
 * ```
 */
export function batchScan(database: Database) {
  return defineEventFunction({
    id: "batch-scan",
    name: "Batch Scan Project Pages",
    on: projectBatchScan,
    sends: [pageScanRequested, batchProgressUpdated],
    retries: 3,
    handler: async ({ event, step }) => {
      const { projectId, userId, urls } = event.data;

      const pages = await step.run("create-page-records", () =>
        database.createPages(projectId, userId, urls),
      );

      // The page id names the event, so a retried send cannot start the same scan twice.
      await step.sendEvent(
        "trigger-scans",
        pages.map((page) =>
          pageScanRequested.create(
            { pageId: page.id, projectId, url: page.url, userId },
            { id: `page-scan-${page.id}` },
          ),
        ),
      );

      await step.sendEvent(
        "update-batch-status",
        batchProgressUpdated.create({
          projectId,
          userId,
          totalPages: pages.length,
          scannedPages: 0,
          status: "in-progress",
        }),
      );

      return { projectId, pageCount: pages.length, pageIds: pages.map((page) => page.id) };
    },
  });
}
