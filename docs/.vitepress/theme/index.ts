import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import MermaidDiagram from "./MermaidDiagram.vue";
import "./mermaid-diagram.css";

// The default theme plus one component: ```mermaid fences become <MermaidDiagram> (see the markdown
// option in config.ts), drawn in the reader's browser.
export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("MermaidDiagram", MermaidDiagram);
  },
} satisfies Theme;
