import { didYouMean, suggestNames } from "@jobkit/functions/internal";
import type { ApiRequest, ApiResponse } from "./api-request";
import { unexpectedShape } from "./function-run";
import { RunsError } from "./runs-error";

/** A function as `GET /v1/apps/{appId}/functions` lists it: `cqrs.Function` in pkg/cqrs/functions.go. */
export interface ApiFunction {
  /** The internal UUID runs report as `function_id`. */
  readonly internal_id: string;
  /** The slug, `<app>-<fn>`. */
  readonly id: string;
  readonly name?: string;
  readonly app_id?: string;
}

/**
 * Maps function slugs to the internal UUIDs the run endpoints report, from the app's function list. The list is
 * read once and kept; a slug it lacks triggers one fresh read (the function may have been synced since).
 */
export class FunctionDirectory {
  private loaded: Promise<Map<string, string>> | undefined;
  private readonly slugs = new Map<string, string>();

  constructor(
    private readonly request: (request: ApiRequest) => Promise<ApiResponse>,
    private readonly appId: string,
  ) {}

  /** The slug of an internal id, when the list has been read and holds it. */
  slugOf(internalId: string): string | undefined {
    return this.slugs.get(internalId);
  }

  async internalIdOf(slug: string, signal: AbortSignal | undefined): Promise<string> {
    const known = (await this.load(signal, false)).get(slug);
    if (known !== undefined) return known;
    const fresh = await this.load(signal, true);
    const id = fresh.get(slug);
    if (id !== undefined) return id;
    const hint = didYouMean(suggestNames(slug, fresh.keys()));
    throw new RunsError({
      code: "not-found",
      message: `Function "${slug}" is not synced in app "${this.appId}"\n  received: ${
        fresh.size === 0
          ? "no functions in the app"
          : `${fresh.size} functions${hint === undefined ? "" : `; ${hint}`}`
      }\n  expected: the app id the function was registered under (appId / INNGEST_APP_ID), and the app synced with Inngest`,
    });
  }

  private load(signal: AbortSignal | undefined, refresh: boolean): Promise<Map<string, string>> {
    if (this.loaded === undefined || refresh) {
      const loading = this.fetchList(signal);
      this.loaded = loading;
      // A failed read is not kept: the next call asks again.
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
    }
    return this.loaded;
  }

  private async fetchList(signal: AbortSignal | undefined): Promise<Map<string, string>> {
    const { body } = await this.request({
      method: "GET",
      path: `v1/apps/${encodeURIComponent(this.appId)}/functions`,
      ...(signal === undefined ? {} : { signal }),
    });
    // The open-source server writes the bare list (GetAppFunctions in pkg/api/apiv1/functions.go); accept the
    // `{ data }` envelope of the other routes too.
    const list = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
    if (!Array.isArray(list)) throw unexpectedShape(`the functions of app "${this.appId}"`, body);
    const bySlug = new Map<string, string>();
    for (const entry of list as Partial<ApiFunction>[]) {
      if (typeof entry?.id !== "string" || typeof entry.internal_id !== "string") {
        throw unexpectedShape("a function", entry);
      }
      bySlug.set(entry.id, entry.internal_id);
      this.slugs.set(entry.internal_id, entry.id);
    }
    return bySlug;
  }
}
