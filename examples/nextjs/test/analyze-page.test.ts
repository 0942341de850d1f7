import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { catalog, pageAnalyzeRequested } from "../lib/inngest/events";
import { analyzePage, interpolatePrompt, parseAnalysisResults } from "../lib/inngest/functions/analyze-page";
import { createLocalServices } from "../lib/services";
import { type AiModel, createLocalAiModel } from "../lib/services/ai-model";

const scanData = {
  title: null,
  metaDescription: "Plans and prices",
  headings: { h1: 2, h2: 4 },
  images: { total: 3, missingAlt: 2 },
  links: { internal: 1, external: 0 },
  wordCount: 150,
  htmlLength: 4000,
};

async function setUp(ai: AiModel) {
  const services = createLocalServices({ ai });
  const [page] = await services.database.createPages("prj_docs", "usr_ada", ["https://example.com/pricing"]);
  if (!page) throw new Error("no page created");
  const event = pageAnalyzeRequested.create({
    pageId: page.id,
    url: page.url,
    userId: "usr_ada",
    provider: ai.provider,
    scanData,
  });
  return { services, page, event };
}

/** The local model, failing its first `failures` calls the way a provider's 503 does; counts every call. */
function flakyModel(failures: number) {
  const model = createLocalAiModel();
  const calls = { count: 0 };
  const ai: AiModel = {
    provider: model.provider,
    generateText: async (request) => {
      calls.count += 1;
      if (calls.count <= failures) throw new Error("AI provider answered 503 Service Unavailable");
      return model.generateText(request);
    },
  };
  return { ai, calls };
}

describe("analyze-page", () => {
  it("recommends from the page's own facts: no title, two H1s, images without alt, thin content, few links", async () => {
    const { services, page, event } = await setUp(createLocalAiModel());

    const run = await runJob(analyzePage(services), { event, catalog, now: "2026-03-02T09:00:00Z" });

    expect(run.status).toBe("completed");
    expect(services.database.recommendations(page.id).map((recommendation) => recommendation.title)).toEqual([
      "Add a title",
      "Use exactly one H1",
      "Describe images with alt text",
      "Expand thin content",
      "Link to related pages",
    ]);
    expect(run.output).toEqual({ pageId: page.id, recommendationCount: 5 });
  });

  it("retries the analysis when the model fails once, without fetching the prompt again or saving twice", async () => {
    const { ai, calls } = flakyModel(1);
    const { services, page, event } = await setUp(ai);

    const run = await runJob(analyzePage(services), { event, catalog, now: "2026-03-02T09:00:00Z" });

    expect(run.status).toBe("completed");
    const retries = run.timeline.filter((entry) => entry.type === "retry");
    expect(retries.map((entry) => [entry.id, entry.attempt, entry.error.message, entry.delay])).toEqual([
      ["run-analysis", 0, "AI provider answered 503 Service Unavailable", 10_000],
    ]);
    const steps = run.timeline.flatMap((entry) => (entry.type === "step" ? [entry.id] : []));
    expect(steps).toEqual(["fetch-prompt", "run-analysis", "save-recommendations", "broadcast-results"]);
    expect(calls.count).toBe(2);
    expect(services.database.pages().find((row) => row.id === page.id)?.status).toBe("analyzed");
    expect(run.sent.map((sent) => sent.name)).toEqual(["notification/send"]);
  });

  it("fails the run after its five attempts when the model keeps failing, and saves nothing", async () => {
    const { ai, calls } = flakyModel(Number.POSITIVE_INFINITY);
    const { services, page, event } = await setUp(ai);

    const run = await runJob(analyzePage(services), { event, catalog, now: "2026-03-02T09:00:00Z" });

    expect(run.status).toBe("failed");
    expect(calls.count).toBe(5);
    expect(services.database.recommendations(page.id)).toEqual([]);
    expect(run.sent).toEqual([]);
  });

  it("notifies the user and broadcasts the result to the page's channel", async () => {
    const { services, page, event } = await setUp(createLocalAiModel());
    const broadcast: unknown[] = [];
    services.realtime.subscribe(`page-${page.id}`, (message) =>
      broadcast.push([message.event, message.payload]),
    );

    const run = await runJob(analyzePage(services), { event, catalog, now: "2026-03-02T09:00:00Z" });

    expect(run.sent[0]?.data).toEqual({
      userId: "usr_ada",
      title: "Analysis Complete",
      body: "AI analysis for https://example.com/pricing generated 5 recommendations",
      data: { type: "success" },
      priority: "normal",
    });
    expect(broadcast).toEqual([
      ["analysis-complete", { pageId: page.id, recommendationCount: 5, status: "complete" }],
    ]);
  });
});

describe("the analysis prompt and answer", () => {
  it("fills the template's placeholders, writing (none) for a missing fact", () => {
    expect(interpolatePrompt("{{url}} | {{title}} | {{missingAlt}}", "https://example.com/", scanData)).toBe(
      "https://example.com/ | (none) | 2",
    );
  });

  it("refuses an answer that is not JSON, or not recommendations, so the step retries", () => {
    expect(() => parseAnalysisResults("Sure! Here are my ideas")).toThrow(/not JSON/);
    expect(() => parseAnalysisResults('[{"title":"x"}]')).toThrow(/not a list of recommendations/);
  });
});
