import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type DefaultTheme, defineConfig } from "vitepress";

const docsDir = join(import.meta.dirname, "..");

/** The API sidebar: one link per package entry point that TypeDoc wrote into api/@jobkit/. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const root = join(docsDir, "api", "@jobkit");
  if (!existsSync(root)) return [{ text: "Run pnpm docs:build to generate", link: "/api/" }];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const items = [{ text: `@jobkit/${entry.name}`, link: `/api/@jobkit/${entry.name}/` }];
      for (const sub of readdirSync(join(root, entry.name), { withFileTypes: true })) {
        if (sub.isDirectory() && existsSync(join(root, entry.name, sub.name, "index.md"))) {
          items.push({
            text: `@jobkit/${entry.name}/${sub.name}`,
            link: `/api/@jobkit/${entry.name}/${sub.name}/`,
          });
        }
      }
      return items;
    });
}

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: "Guide",
    items: [
      { text: "Getting started", link: "/guide/getting-started" },
      { text: "Host-app wiring", link: "/guide/host-wiring" },
      { text: "Testing", link: "/guide/testing" },
      { text: "Job status and cancellation", link: "/guide/job-status" },
      { text: "The jobkit CLI", link: "/guide/cli" },
      { text: "Migrating from Inngest code", link: "/guide/migration" },
      { text: "FAQ and pitfalls", link: "/guide/faq" },
    ],
  },
  {
    text: "Concepts",
    items: [
      { text: "Events and versions", link: "/concepts/events-and-versions" },
      { text: "Definitions and registered functions", link: "/concepts/definitions" },
      { text: "Steps and memoization", link: "/concepts/steps" },
      { text: "Retries and backoff", link: "/concepts/retries" },
      { text: "Flow control", link: "/concepts/flow-control" },
      { text: "Limits", link: "/concepts/limits" },
    ],
  },
  {
    text: "Patterns",
    items: [
      { text: "Fan-out", link: "/patterns/fan-out" },
      { text: "Batching", link: "/patterns/batching" },
      { text: "Reminders", link: "/patterns/reminders" },
      { text: "Webhooks", link: "/patterns/webhooks" },
    ],
  },
  {
    text: "Reference",
    items: [
      { text: "Standard event catalog", link: "/reference/events" },
      { text: "Event flow", link: "/reference/event-flow" },
      { text: "Reliability", link: "/reference/reliability" },
      { text: "API reference", link: "/api/" },
    ],
  },
];

export default defineConfig({
  title: "jobkit",
  description: "Typed, reusable background-job definitions on top of the Inngest SDK v4.",
  lang: "en-US",
  lastUpdated: false,
  // Dead links fail the build: keep this off.
  ignoreDeadLinks: false,
  srcExclude: ["**/node_modules/**", "scripts/**", "test/**", "jobs/**", "generated/**", ".samples/**"],
  markdown: {
    // ```mermaid fences become a component that draws the diagram in the browser (theme/MermaidDiagram.vue).
    config(md) {
      const fence = md.renderer.rules.fence;
      md.renderer.rules.fence = (tokens, index, options, env, self) => {
        const token = tokens[index];
        if (token?.info.trim() === "mermaid") {
          return `<MermaidDiagram graph="${encodeURIComponent(token.content)}" />\n`;
        }
        return fence ? fence(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
      };
    },
  },
  // The local search index of ~400 API pages is one big chunk; that is expected, not a warning.
  vite: { build: { chunkSizeWarningLimit: 4096 } },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "Patterns", link: "/patterns/fan-out" },
      { text: "Events", link: "/reference/events" },
      { text: "API", link: "/api/" },
    ],
    sidebar: {
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar() }, ...guide.slice(3)],
      "/": guide,
    },
    search: { provider: "local" },
    outline: { level: [2, 3] },
  },
});
