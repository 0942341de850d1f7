import type { AnyFunctionDefinition } from "@jobkit/functions";
import { type JobRun, type RunEvent, runJob } from "@jobkit/testing";
import { catalog, projectBatchScan } from "../lib/inngest/events";
import { analyzePage } from "../lib/inngest/functions/analyze-page";
import { batchScan } from "../lib/inngest/functions/batch-scan";
import { scanPage } from "../lib/inngest/functions/scan-page";
import { sendNotification } from "../lib/inngest/functions/send-notification";
import type { Services } from "../lib/services";

/** Every run of one batch page scan, job by job, in the order they started. */
export interface PageScanRuns {
  readonly batch: JobRun;
  readonly scans: readonly JobRun[];
  readonly analyses: readonly JobRun[];
  readonly notifications: readonly JobRun[];
  /** Every run with the event that started it, in start order. */
  readonly all: readonly { readonly run: JobRun; readonly trigger: RunEvent }[];
}

/**
 * Plays a batch page scan the way the Inngest server would, on the virtual clock of `@jobkit/testing`:
 * runs `batch-scan` on a `project/batch.scan`, then every job that listens to each event it sent, each
 * run starting when its event was sent, until no job is left to run. Every event is validated against the
 * app's catalog. Runs are one at a time: `runJob` plays one run, not Inngest's queue, so the throttle and
 * concurrency limits are Inngest's to enforce (their settings are checked in the tests).
 *
 * @example
 * ```ts
 * import { createLocalServices } from "../lib/services";
 * import { runPageScan } from "./run-page-scan";
 *
 * const runs = await runPageScan(createLocalServices(), {
 *   projectId: "prj_docs",
 *   userId: "usr_ada",
 *   urls: ["https://example.com/"],
 * }, new Date("2026-03-02T09:00:00Z"));
 * ```
 */
export async function runPageScan(
  services: Services,
  batch: { readonly projectId: string; readonly userId: string; readonly urls: readonly string[] },
  now: Date,
): Promise<PageScanRuns> {
  const jobs: AnyFunctionDefinition[] = [
    batchScan(services.database),
    scanPage(services),
    analyzePage(services),
    sendNotification(services),
  ];
  const listeners = new Map<string, AnyFunctionDefinition[]>();
  for (const job of jobs) {
    for (const trigger of job.triggers) {
      if (trigger.type === "event")
        listeners.set(trigger.event, [...(listeners.get(trigger.event) ?? []), job]);
    }
  }

  const start = projectBatchScan.create({ ...batch, urls: [...batch.urls] });
  const queue: RunEvent[] = [{ ...start, id: `batch-${batch.projectId}`, ts: now.getTime() }];
  const all: { run: JobRun; trigger: RunEvent }[] = [];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const job of listeners.get(next.name) ?? []) {
      const run: JobRun = await runJob(job, { event: next, now: next.ts, catalog });
      all.push({ run, trigger: next });
      queue.push(...run.sent);
    }
    // Inngest starts runs in the order their events arrive.
    queue.sort((left, right) => left.ts - right.ts);
  }
  const byJob = (id: string) => all.filter(({ run }) => run.functionId === id).map(({ run }) => run);
  return {
    batch: byJob("batch-scan")[0] as JobRun,
    scans: byJob("scan-page"),
    analyses: byJob("analyze-page"),
    notifications: byJob("send-notification"),
    all,
  };
}
