/** What the analysis asks the model: a system prompt and the filled-in page prompt. */
export interface GenerateTextRequest {
  readonly system: string;
  readonly prompt: string;
}

/**
 * The AI model behind the page analysis, in the shape of the `ai` package's `generateText`. With the real
 * SDK the implementation is one call:
 *
 * ```ts
 * import { generateText } from "ai";
 * import { openrouter } from "@openrouter/ai-sdk-provider";
 *
 * const model: AiModel = {
 *   provider: "openrouter",
 *   generateText: ({ system, prompt }) => generateText({ model: openrouter("openai/gpt-5-mini"), system, prompt }),
 * };
 * ```
 */
export interface AiModel {
  /** The provider the calls go to; the analysis job's throttle is keyed on it. */
  readonly provider: string;
  generateText(request: GenerateTextRequest): Promise<{ readonly text: string }>;
}

/** The prompt's `Label: value` lines, as the stand-in reads them. */
function promptFacts(prompt: string): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of prompt.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) facts.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return facts;
}

/**
 * A deterministic local stand-in for the model: it reads the page facts from the prompt and answers with
 * the recommendations an SEO reviewer would give for them, as the JSON array the prompt asks for. No
 * network, same answer for the same prompt.
 *
 * @example
 * ```ts
 * import { createLocalAiModel } from "./ai-model";
 *
 * const { text } = await createLocalAiModel().generateText({ system: "…", prompt: "Meta description: (none)" });
 * ```
 */
export function createLocalAiModel(): AiModel {
  return {
    provider: "local",
    async generateText({ prompt }) {
      const facts = promptFacts(prompt);
      const number = (label: string) => Number(facts.get(label) ?? 0);
      const recommendations: object[] = [];
      if (facts.get("title") === "(none)") {
        recommendations.push({
          title: "Add a title",
          description: "The page has no <title>; search results show the URL instead.",
          priority: "high",
          category: "meta",
        });
      }
      if (facts.get("meta description") === "(none)") {
        recommendations.push({
          title: "Write a meta description",
          description: "Without one, search engines pick a snippet from the page text.",
          priority: "high",
          category: "meta",
        });
      }
      if (number("h1 headings") !== 1) {
        recommendations.push({
          title: "Use exactly one H1",
          description: `The page has ${number("h1 headings")} H1 headings; one states the page's topic.`,
          priority: "medium",
          category: "structure",
        });
      }
      if (number("images without alt text") > 0) {
        recommendations.push({
          title: "Describe images with alt text",
          description: `${number("images without alt text")} images have no alt text.`,
          priority: "medium",
          category: "accessibility",
        });
      }
      if (number("words") < 300) {
        recommendations.push({
          title: "Expand thin content",
          description: `${number("words")} words is little for a page meant to rank.`,
          priority: "low",
          category: "content",
        });
      }
      if (number("internal links") < 3) {
        recommendations.push({
          title: "Link to related pages",
          description: "More internal links help readers and crawlers find related pages.",
          priority: "low",
          category: "links",
        });
      }
      return { text: JSON.stringify(recommendations) };
    },
  };
}
