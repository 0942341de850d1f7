import { abortableSleep, throwIfAborted } from "./abortable-sleep";
import type { ResolvedClientConfig } from "./client-config";
import { RunsError } from "./runs-error";

/** One call to the REST API. */
export interface ApiRequest {
  readonly method: "GET" | "POST";
  /** Path below the base URL, e.g. `v1/runs/01H…` (no leading slash, so a base path is kept). */
  readonly path: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** A successful answer: the parsed JSON and how long the server caches it for this URL and key. */
export interface ApiResponse {
  readonly body: unknown;
  /** From `metadata.cached_until - metadata.fetched_at`, else `Cache-Control: max-age`; undefined when not cached. */
  readonly cacheMs: number | undefined;
}

/** Longest `Retry-After` the client waits by itself; a longer one is handed to the caller as the error. */
const maxRetryAfterMs = 60_000;
const retryBaseMs = 250;

/**
 * Sends a request with the hashed signing key, tries the fallback key on 401/403 as the SDK's
 * `fetchWithAuthFallback` does, retries 429 (after `Retry-After`) and, for GETs, 5xx and network errors a
 * bounded number of times, and turns every other failure into a {@link RunsError}.
 */
export async function requestApi(config: ResolvedClientConfig, request: ApiRequest): Promise<ApiResponse> {
  const label = `${request.method} /${request.path}`;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(request.signal, label);
    const last = attempt >= config.retries;
    // A POST that failed on the way or with a 5xx may have been applied: sending it again could create a
    // second cancellation. Only a 429 (refused before any work) is safe to repeat for it.
    const repeatable = request.method === "GET";
    let sent: { response: Response; key: "primary" | "fallback" | undefined };
    try {
      sent = await sendWithKeys(config, request);
    } catch (cause) {
      throwIfAborted(request.signal, label);
      if (!last && repeatable) {
        await abortableSleep(retryBaseMs * 2 ** attempt, request.signal, label);
        continue;
      }
      throw new RunsError(
        {
          code: "request-failed",
          message: `Inngest API: ${label} got no response from ${config.baseUrl.origin} (${describeCause(cause)}) after ${attempt + 1} attempts\n  expected: the Inngest API reachable at ${config.baseUrl.origin}; set baseUrl or INNGEST_BASE_URL if it lives elsewhere`,
        },
        { cause },
      );
    }
    const { response, key } = sent;
    if (response.ok) {
      const body = await readJson(response, label);
      return { body, cacheMs: cacheFromMetadata(body) ?? cacheFromHeader(response) };
    }
    const serverMessage = await readErrorMessage(response);
    const status = response.status;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after")) ?? retryBaseMs * 2 ** attempt;
      if (!last && retryAfterMs <= maxRetryAfterMs) {
        await abortableSleep(retryAfterMs, request.signal, label);
        continue;
      }
      throw new RunsError({
        code: "rate-limited",
        status,
        retryAfterMs,
        message: `Inngest API: ${label} answered 429 Too Many Requests${serverMessage} after ${attempt + 1} attempts\n  retry after: ${Math.ceil(retryAfterMs / 1000)} s\n  expected: fewer requests; event runs are cached about 15 s, so polling faster does not see newer state`,
      });
    }
    if (status >= 500) {
      if (!last && repeatable) {
        await abortableSleep(retryBaseMs * 2 ** attempt, request.signal, label);
        continue;
      }
      const hint = request.path.startsWith("v1/runs/")
        ? "\n  note: the open-source Inngest server answers 500 for a run id it does not know; check the id"
        : "";
      throw new RunsError({
        code: "server-error",
        status,
        message: `Inngest API: ${label} answered ${status}${serverMessage} after ${attempt + 1} attempts${hint}`,
      });
    }
    if (status === 401 || status === 403) throw unauthorized(config, label, status, key, serverMessage);
    throw new RunsError({
      code: status === 404 ? "not-found" : "bad-request",
      status,
      message: `Inngest API: ${label} answered ${status}${serverMessage}`,
    });
  }
}

async function sendWithKeys(
  config: ResolvedClientConfig,
  request: ApiRequest,
): Promise<{ response: Response; key: "primary" | "fallback" | undefined }> {
  const url = new URL(request.path, config.baseUrl);
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  if (config.env !== undefined) headers["x-inngest-env"] = config.env;
  const send = (token: string | undefined) =>
    config.fetch(url, {
      method: request.method,
      headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  const [primary, fallback] = config.keys;
  let response = await send(primary?.token);
  if ((response.status === 401 || response.status === 403) && fallback !== undefined) {
    await response.body?.cancel();
    response = await send(fallback.token);
    return { response, key: "fallback" };
  }
  return { response, key: primary?.which };
}

function unauthorized(
  config: ResolvedClientConfig,
  label: string,
  status: number,
  key: "primary" | "fallback" | undefined,
  serverMessage: string,
): RunsError {
  const tried =
    key === undefined
      ? "no signing key (none configured)"
      : key === "fallback"
        ? "the primary key (INNGEST_SIGNING_KEY), then the fallback key (INNGEST_SIGNING_KEY_FALLBACK); both were refused"
        : "the primary key (INNGEST_SIGNING_KEY); no fallback key is configured";
  return new RunsError({
    code: "unauthorized",
    status,
    ...(key === undefined ? {} : { key }),
    message: `Inngest API: ${label} refused the signing key with ${status}${serverMessage}\n  tried: ${tried}\n  expected: the signing key of the Inngest environment the app is synced to${
      config.env === undefined ? "" : ` (branch "${config.env}")`
    }, from the dashboard's signing key page`,
  });
}

/**
 * How long the server keeps this answer for the same URL and key: `metadata.cached_until` minus
 * `metadata.fetched_at` (both server clocks, so client clock skew does not matter), as `WriteCachedResponse`
 * in pkg/api/apiv1/apiv1.go writes them.
 */
function cacheFromMetadata(body: unknown): number | undefined {
  const metadata = (body as { metadata?: { fetched_at?: unknown; cached_until?: unknown } } | null)?.metadata;
  if (typeof metadata?.cached_until !== "string" || typeof metadata.fetched_at !== "string") return undefined;
  const ms = Date.parse(metadata.cached_until) - Date.parse(metadata.fetched_at);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

function cacheFromHeader(response: Response): number | undefined {
  const maxAge = /max-age=(\d+)/.exec(response.headers.get("cache-control") ?? "")?.[1];
  return maxAge === undefined ? undefined : Number(maxAge) * 1000;
}

async function readJson(response: Response, label: string): Promise<unknown> {
  const text = await response.text();
  try {
    return text === "" ? null : JSON.parse(text);
  } catch (cause) {
    throw new RunsError(
      {
        code: "request-failed",
        status: response.status,
        message: `Inngest API: ${label} answered ${response.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 80))}\n  expected: JSON; check that baseUrl points at the Inngest API, not at your app`,
      },
      { cause },
    );
  }
}

/** The server's own message (`{"error": "…"}` from publicerr), shortened, as ` (…)`; empty if none. */
async function readErrorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body?.error === "string" && body.error !== ""
      ? `: ${JSON.stringify(body.error.slice(0, 200))}`
      : "";
  } catch {
    return "";
  }
}

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeCause(cause: unknown): string {
  const code = (cause as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" ? code : cause instanceof Error ? cause.message : String(cause);
}
