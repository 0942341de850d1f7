import { describe, expect, it } from "vitest";
import { pageScanScenario } from "../demo/page-scan-scenario";

describe("the page-scan scenario of pnpm demo", () => {
  it("shows the batch fanning out to three scans and three analyses, one retried after the provider's 503", async () => {
    const { lines, runs, startedAt } = await pageScanScenario();

    expect(lines[0]).toMatchObject({ source: "event", text: "project/batch.scan", at: startedAt });
    expect(lines.filter((line) => line.kind === "done").map((line) => line.source)).toEqual([
      "batch-scan",
      "scan-page",
      "scan-page",
      "scan-page",
      "analyze-page",
      "analyze-page",
      "analyze-page",
    ]);
    expect(lines.filter((line) => line.kind === "retry")).toEqual([
      expect.objectContaining({
        source: "analyze-page",
        text: "run-analysis failed",
        detail: "AI provider answered 503 Service Unavailable; retry in 10s",
      }),
    ]);
    expect(lines.at(-1)?.at.getTime()).toBe(startedAt.getTime() + 10_000);
    expect(runs.notifications).toHaveLength(6);
  });
});
