import { notificationSend } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import { z } from "zod";
import type { AiModel } from "../../services/ai-model";
import type { Database, Recommendation } from "../../services/database";
import type { Realtime } from "../../services/realtime";
import { pageAnalyzeRequested, type ScanData } from "../events";
import { systemNotification } from "./system-notification";

/**
 * The AI provider's rate limit, as the throttle enforces it per provider: at most this many analyses start
 * per period; the rest wait in Inngest's queue rather than fail with 429s.
 */
export const aiRateLimit = { limit: 20, period: "1m" } as const;

const recommendationsSchema = z.array(
  z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    priority: z.enum(["high", "medium", "low"]),
    category: z.enum(["content", "meta", "structure", "accessibility", "links"]),
  }),
);

/** Fills the template's `{{name}}` placeholders with the page's facts; a missing fact reads "(none)". */
export function interpolatePrompt(template: string, url: string, scanData: ScanData): string {
  const facts: Record<string, string | number | null> = {
    url,
    title: scanData.title,
    metaDescription: scanData.metaDescription,
    h1: scanData.headings.h1,
    h2: scanData.headings.h2,
    images: scanData.images.total,
    missingAlt: scanData.images.missingAlt,
    internalLinks: scanData.links.internal,
    wordCount: scanData.wordCount,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(facts[name] ?? "(none)"));
}

/** The model's answer as recommendations; an answer that is not the asked-for JSON fails the step, which retries. */
export function parseAnalysisResults(text: string): Recommendation[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error("the model's answer is not JSON: expected an array of recommendations", { cause: error });
  }
  const parsed = recommendationsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `the model's answer is not a list of recommendations: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/**
 * The AI analysis: fetches the active prompt template, runs the analysis, saves the recommendations,
 * notifies the user and broadcasts the result to the page's viewers. Each is its own step, so a failed
 * model call is retried without re-reading the template, and saved results are never saved twice.
 * `throttle`, keyed per provider, keeps the starts within the provider's rate limit.
 *
 * @example
 * ```ts
 * import { createLocalServices } from "../../services";
 * import { analyzePage } from "./analyze-page";
 *
 * const definition = analyzePage(createLocalServices());
 * ```
 */
export function analyzePage({
  database,
  ai,
  realtime,
}: {
  readonly database: Database;
  readonly ai: AiModel;
  readonly realtime: Realtime;
}) {
  return defineEventFunction({
    id: "analyze-page",
    name: "Analyze Page for SEO",
    on: pageAnalyzeRequested,
    sends: [notificationSend],
    throttle: { ...aiRateLimit, key: "event.data.provider" },
    retries: { attempts: 4, backoff: "exponential", minTimeout: "10s", maxTimeout: "5m" },
    handler: async ({ event, step }) => {
      const { pageId, url, userId, scanData } = event.data;

      const template = await step.run("fetch-prompt", () => database.activePromptTemplate());

      const analysis = await step.run("run-analysis", async () => {
        const { text } = await ai.generateText({
          system: template.system,
          prompt: interpolatePrompt(template.content, url, scanData),
        });
        return text;
      });

      const recommendationCount = await step.run("save-recommendations", () =>
        database.saveRecommendations(pageId, parseAnalysisResults(analysis)),
      );

      await step.sendEvent(
        "notify-analysis-complete",
        systemNotification({
          userId,
          title: "Analysis Complete",
          message: `AI analysis for ${url} generated ${recommendationCount} recommendations`,
          type: "success",
        }),
      );

      await step.run("broadcast-results", () =>
        realtime.publish(`page-${pageId}`, "analysis-complete", {
          pageId,
          recommendationCount,
          status: "complete",
        }),
      );

      return { pageId, recommendationCount };
    },
  });
}
