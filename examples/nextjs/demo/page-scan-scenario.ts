import type { JobRun, RunEvent } from "@jobkit/testing";
import { createLocalServices } from "../lib/services";
import type { AiModel } from "../lib/services/ai-model";
import { type PageScanRuns, runPageScan } from "./run-page-scan";

/** What kind of thing happened: the same kinds the Express example's `pnpm demo` timeline colours. */
export type TimelineKind = "event" | "step" | "send" | "retry" | "done" | "cancelled" | "failed";

/** One line of the timeline, on the virtual clock. */
export interface TimelineLine {
  readonly at: Date;
  /** Who did it: a job id, or `event` for the event that started it all. */
  readonly source: string;
  readonly kind: TimelineKind;
  readonly text: string;
  readonly detail?: string;
}

/** The page-scan scenario: its title, start, lines and the runs behind them. */
export interface PageScanScenario {
  readonly title: string;
  readonly startedAt: Date;
  readonly lines: readonly TimelineLine[];
  readonly runs: PageScanRuns;
}

/** The local AI model, except that its first call fails like a provider's 503 would. */
function failingOnce(model: AiModel): AiModel {
  let calls = 0;
  return {
    provider: model.provider,
    generateText: async (request) => {
      calls += 1;
      if (calls === 1) throw new Error("AI provider answered 503 Service Unavailable");
      return model.generateText(request);
    },
  };
}

function linesOf(run: JobRun, trigger: RunEvent): TimelineLine[] {
  const source = run.functionId;
  const lines: TimelineLine[] = [];
  for (const entry of run.timeline) {
    if (entry.type === "step") {
      lines.push({ at: entry.at, source, kind: "step", text: entry.id });
    } else if (entry.type === "sendEvent") {
      const names = [...new Set(entry.events.map((event) => event.name))];
      const count = entry.events.length > 1 ? `${entry.events.length} × ` : "";
      lines.push({
        at: entry.at,
        source,
        kind: "send",
        text: entry.id,
        detail: `${count}${names.join(", ")}`,
      });
    } else if (entry.type === "retry") {
      lines.push({
        at: entry.at,
        source,
        kind: "retry",
        text: `${entry.id} failed`,
        detail: `${entry.error.message}; retry in ${entry.delay / 1000}s`,
      });
    } else if (entry.type === "cancelled") {
      lines.push({ at: entry.at, source, kind: "cancelled", text: "cancelled", detail: entry.reason });
    }
  }
  const end = new Date(run.startedAt.getTime() + run.elapsed);
  const on = (trigger.data as { url?: string }).url;
  if (run.status === "completed") {
    lines.push({ at: end, source, kind: "done", text: "completed", ...(on ? { detail: on } : {}) });
  } else if (run.status === "failed") {
    lines.push({ at: end, source, kind: "failed", text: "failed", detail: run.error?.message ?? "" });
  }
  return lines;
}

/**
 * Three pages of a project scanned as one batch: `batch-scan` fans out a `page/scan.requested` per URL,
 * each `scan-page` asks `analyze-page` for AI recommendations, and `send-notification` delivers the
 * system notifications. The AI provider fails the first analysis once; it is retried after its backoff.
 *
 * @example
 * ```ts
 * import { pageScanScenario } from "./page-scan-scenario";
 *
 * const { lines } = await pageScanScenario();
 * ```
 */
export async function pageScanScenario(): Promise<PageScanScenario> {
  const startedAt = new Date("2026-03-02T10:00:00Z");
  const local = createLocalServices();
  const services = createLocalServices({ database: local.database, ai: failingOnce(local.ai) });
  const urls = ["https://example.com/", "https://example.com/pricing", "https://example.com/blog"];
  const runs = await runPageScan(services, { projectId: "prj_docs", userId: "usr_ada", urls }, startedAt);
  const lines: TimelineLine[] = [
    {
      at: startedAt,
      source: "event",
      kind: "event",
      text: "project/batch.scan",
      detail: `${urls.length} URLs of prj_docs`,
    },
    // Notification deliveries are many and alike: the timeline shows the scan and analysis jobs.
    ...runs.all
      .filter(({ run }) => run.functionId !== "send-notification")
      .flatMap(({ run, trigger }) => linesOf(run, trigger)),
  ];
  return {
    title: "Page scan: a batch fans out to one scan per URL, each scan to a throttled AI analysis",
    startedAt,
    lines: lines.sort((left, right) => left.at.getTime() - right.at.getTime()),
    runs,
  };
}
