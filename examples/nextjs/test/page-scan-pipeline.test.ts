import { describe, expect, it } from "vitest";
import { runPageScan } from "../demo/run-page-scan";
import { analyzePage } from "../lib/inngest/functions/analyze-page";
import { scanPage } from "../lib/inngest/functions/scan-page";
import { createLocalServices } from "../lib/services";

const now = new Date("2026-03-02T09:00:00Z");
const urls = [
  "https://example.com/",
  "https://example.com/pricing",
  "https://example.com/blog",
  "https://example.com/docs/getting-started",
];

describe("the batch page scan, end to end on the virtual clock", () => {
  it("turns N URLs into N page records, N scans and N analyses, with recommendations saved for each page", async () => {
    const services = createLocalServices();
    const runs = await runPageScan(services, { projectId: "prj_docs", userId: "usr_ada", urls }, now);

    expect(runs.batch.status).toBe("completed");
    expect(runs.batch.sent.filter((event) => event.name === "page/scan.requested")).toHaveLength(urls.length);
    expect(runs.scans.map((run) => run.status)).toEqual(urls.map(() => "completed"));
    expect(runs.analyses.map((run) => run.status)).toEqual(urls.map(() => "completed"));
    const pages = services.database.pages();
    expect(pages.map((page) => page.url).sort()).toEqual([...urls].sort());
    for (const page of pages) {
      expect(page.status).toBe("analyzed");
      expect(services.database.recommendations(page.id)).toHaveLength(page.recommendationCount);
    }
  });

  it("fans out one scan per page record, each event named after its page so a retried send starts no duplicate", async () => {
    const services = createLocalServices();
    const runs = await runPageScan(services, { projectId: "prj_docs", userId: "usr_ada", urls }, now);

    const scanEvents = runs.batch.sent.filter((event) => event.name === "page/scan.requested");
    const pageIds = services.database.pages().map((page) => page.id);
    expect(scanEvents.map((event) => (event.data as { pageId: string }).pageId)).toEqual(pageIds);
    expect(scanEvents.map((event) => event.id)).toEqual(pageIds.map((id) => `page-scan-${id}`));
  });

  it("reports batch progress: in progress after the fan-out, completed when the last page is scanned", async () => {
    const runs = await runPageScan(
      createLocalServices(),
      { projectId: "prj_docs", userId: "usr_ada", urls },
      now,
    );

    const progress = [runs.batch, ...runs.scans].flatMap((run) =>
      run.sent.filter((event) => event.name === "batch/progress.updated").map((event) => event.data),
    );
    expect(progress).toEqual([
      expect.objectContaining({ totalPages: 4, scannedPages: 0, status: "in-progress" }),
      expect.objectContaining({ totalPages: 4, scannedPages: 1, status: "in-progress" }),
      expect.objectContaining({ totalPages: 4, scannedPages: 2, status: "in-progress" }),
      expect.objectContaining({ totalPages: 4, scannedPages: 3, status: "in-progress" }),
      expect.objectContaining({ totalPages: 4, scannedPages: 4, status: "completed" }),
    ]);
  });

  it("notifies the user through notification/send from inside the jobs, and the notification job saves and pushes each", async () => {
    const services = createLocalServices();
    const pushed: string[] = [];
    services.realtime.subscribe("user-usr_ada", (message) => pushed.push(message.event));
    const runs = await runPageScan(services, { projectId: "prj_docs", userId: "usr_ada", urls }, now);

    const titles = services.database.notifications("usr_ada").map((notification) => notification.title);
    expect(titles.filter((title) => title === "Scan Complete")).toHaveLength(urls.length);
    expect(titles.filter((title) => title === "Analysis Complete")).toHaveLength(urls.length);
    expect(
      services.database.notifications("usr_ada").every((notification) => notification.type === "success"),
    ).toBe(true);
    expect(runs.notifications).toHaveLength(2 * urls.length);
    expect(pushed).toEqual(titles.map(() => "notification-received"));
  });

  it("broadcasts each analysis to the page's channel with its recommendation count", async () => {
    const services = createLocalServices();
    const [page] = await services.database.createPages("prj_docs", "usr_ada", ["https://example.com/"]);
    const received: unknown[] = [];
    services.realtime.subscribe(`page-${page?.id}`, (message) =>
      received.push([message.event, message.payload]),
    );

    await runPageScan(
      services,
      { projectId: "prj_docs", userId: "usr_ada", urls: ["https://example.com/"] },
      now,
    );

    expect(received).toEqual([
      [
        "analysis-complete",
        {
          pageId: page?.id,
          recommendationCount: page && services.database.recommendations(page.id).length,
          status: "complete",
        },
      ],
    ]);
  });
});

describe("flow control of the scan and analysis jobs", () => {
  // runJob plays one run at a time, not Inngest's queue, so these limits are checked as configured; the
  // route test checks that the same settings reach Inngest in the sync.
  it("throttles the AI analysis per provider to the provider's rate limit", () => {
    const { config } = analyzePage(createLocalServices());

    expect(config.throttle).toEqual({
      limit: 20,
      periodMs: 60_000,
      key: "event.data.provider",
      burst: undefined,
    });
  });

  it("keys every analysis request on the provider the model reports", async () => {
    const services = createLocalServices();
    const runs = await runPageScan(services, { projectId: "prj_docs", userId: "usr_ada", urls }, now);

    const providers = runs.scans.flatMap((run) =>
      run.sent.filter((event) => event.name === "page/analyze.requested").map((event) => event.data),
    );
    expect(providers).toEqual(urls.map(() => expect.objectContaining({ provider: services.ai.provider })));
  });

  it("runs at most five scans at once", () => {
    const { config } = scanPage(createLocalServices());

    expect(config.concurrency).toEqual([{ limit: 5, key: undefined, scope: undefined }]);
  });
});
