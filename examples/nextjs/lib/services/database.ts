import type { ScanData } from "../inngest/events";

/** A page of a project, from the batch that created it to its analysis. */
export interface PageRecord {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
  readonly url: string;
  readonly status: "pending" | "scanned" | "analyzed";
  readonly scanData: ScanData | null;
  readonly recommendationCount: number;
}

/** One thing to improve on a page, as the AI analysis suggested it. */
export interface Recommendation {
  readonly title: string;
  readonly description: string;
  readonly priority: "high" | "medium" | "low";
  readonly category: "content" | "meta" | "structure" | "accessibility" | "links";
}

/** The prompt the AI analysis fills in; `{{name}}` placeholders take the page's scan data. */
export interface PromptTemplate {
  readonly id: string;
  readonly system: string;
  readonly content: string;
}

/** A notification saved for a user's inbox. */
export interface NotificationRecord {
  readonly id: string;
  readonly userId: string;
  readonly title: string;
  readonly body: string;
  readonly type: "info" | "success" | "warning" | "error";
}

/**
 * What the jobs read and write. This in-memory stand-in keeps everything in maps; put your ORM's calls
 * (Drizzle, Prisma) behind the same methods. Creating pages is an upsert per project and URL, so a
 * retried step does not create the same page twice.
 */
export interface Database {
  createPages(projectId: string, userId: string, urls: readonly string[]): Promise<PageRecord[]>;
  savePageScan(pageId: string, scanData: ScanData): Promise<PageRecord>;
  /** How many pages the project has, and how many of them are scanned (or analysed). */
  projectProgress(projectId: string): Promise<{ readonly totalPages: number; readonly scannedPages: number }>;
  activePromptTemplate(): Promise<PromptTemplate>;
  saveRecommendations(pageId: string, recommendations: readonly Recommendation[]): Promise<number>;
  saveNotification(notification: Omit<NotificationRecord, "id">): Promise<NotificationRecord>;
  pages(): readonly PageRecord[];
  recommendations(pageId: string): readonly Recommendation[];
  notifications(userId: string): readonly NotificationRecord[];
}

const defaultTemplate: PromptTemplate = {
  id: "seo-audit-v1",
  system: "You are an SEO expert. Analyze the page and provide specific, actionable recommendations.",
  content: [
    "Page: {{url}}",
    "Title: {{title}}",
    "Meta description: {{metaDescription}}",
    "H1 headings: {{h1}}",
    "H2 headings: {{h2}}",
    "Images: {{images}}",
    "Images without alt text: {{missingAlt}}",
    "Internal links: {{internalLinks}}",
    "Words: {{wordCount}}",
    'Answer with a JSON array of { "title", "description", "priority", "category" }.',
  ].join("\n"),
};

/**
 * An empty in-memory database with the default prompt template.
 *
 * @example
 * ```ts
 * import { createMemoryDatabase } from "./database";
 *
 * const database = createMemoryDatabase();
 * const [page] = await database.createPages("prj_docs", "usr_ada", ["https://example.com/"]);
 * ```
 */
export function createMemoryDatabase(): Database {
  const pages = new Map<string, PageRecord>();
  const recommendations = new Map<string, readonly Recommendation[]>();
  const notifications: NotificationRecord[] = [];
  let nextPage = 1;

  function page(pageId: string): PageRecord {
    const found = pages.get(pageId);
    if (!found) throw new Error(`no page with id "${pageId}"`);
    return found;
  }

  return {
    async createPages(projectId, userId, urls) {
      return urls.map((url) => {
        const existing = [...pages.values()].find((row) => row.projectId === projectId && row.url === url);
        if (existing) return existing;
        const created: PageRecord = {
          id: `page_${nextPage++}`,
          projectId,
          userId,
          url,
          status: "pending",
          scanData: null,
          recommendationCount: 0,
        };
        pages.set(created.id, created);
        return created;
      });
    },
    async savePageScan(pageId, scanData) {
      const updated: PageRecord = { ...page(pageId), status: "scanned", scanData };
      pages.set(pageId, updated);
      return updated;
    },
    async projectProgress(projectId) {
      const rows = [...pages.values()].filter((row) => row.projectId === projectId);
      return { totalPages: rows.length, scannedPages: rows.filter((row) => row.status !== "pending").length };
    },
    async activePromptTemplate() {
      return defaultTemplate;
    },
    async saveRecommendations(pageId, saved) {
      recommendations.set(pageId, [...saved]);
      pages.set(pageId, { ...page(pageId), status: "analyzed", recommendationCount: saved.length });
      return saved.length;
    },
    async saveNotification(notification) {
      const saved = { id: `ntf_${notifications.length + 1}`, ...notification };
      notifications.push(saved);
      return saved;
    },
    pages: () => [...pages.values()],
    recommendations: (pageId) => recommendations.get(pageId) ?? [],
    notifications: (userId) => notifications.filter((row) => row.userId === userId),
  };
}
