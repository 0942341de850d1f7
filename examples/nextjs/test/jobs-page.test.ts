import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import JobsPage from "../app/jobs/page";
import { describeFlowControl } from "../lib/describe-flow-control";
import { services } from "../lib/services";

describe("the jobs page", () => {
  it("lists every job with its trigger and flow control in words", () => {
    const html = renderToStaticMarkup(JobsPage());

    for (const id of ["batch-scan", "scan-page", "analyze-page", "image-processing", "send-notification"]) {
      expect(html).toContain(`<code>${id}</code>`);
    }
    expect(html).toContain("20 starts per 1m per event.data.provider");
    expect(html).toContain("at most 2 at once; finishes within 5m");
    expect(html).toContain("None yet");
  });

  it("lists the scanned pages from the database, with their recommendation counts", async () => {
    const [page] = await services.database.createPages("prj_docs", "usr_ada", ["https://example.com/about"]);
    if (!page) throw new Error("no page created");
    await services.database.saveRecommendations(page.id, [
      { title: "Add a title", description: "…", priority: "high", category: "meta" },
    ]);

    const html = renderToStaticMarkup(JobsPage());

    expect(html).toMatch(
      /https:\/\/example\.com\/about<\/code>: (<!-- -->)?analyzed(<!-- -->)?, 1 recommendations/,
    );
  });
});

describe("describeFlowControl", () => {
  it("says none for a job without flow control, and keeps unknown options readable", () => {
    expect(describeFlowControl({})).toBe("none");
    expect(
      describeFlowControl({ concurrency: [{ limit: 1, key: "event.data.userId" }], priority: { run: "1" } }),
    ).toBe('at most 1 at once per event.data.userId; priority: {"run":"1"}');
  });
});
