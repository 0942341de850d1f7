import { createHash } from "node:crypto";
import { inngestModeFrom } from "@jobkit/functions/internal";
import { invalidInput } from "./runs-error";

/**
 * The options of {@link createRunsClient}; each falls back to the environment variable the Inngest SDK and
 * `createInngestClient` read.
 */
export interface RunsClientOptions {
  /** Signs API requests (sent hashed, as the SDK does); default `INNGEST_SIGNING_KEY`. Required in cloud mode. */
  readonly signingKey?: string;
  /** Tried when the API refuses the primary key with 401/403; default `INNGEST_SIGNING_KEY_FALLBACK`. */
  readonly signingKeyFallback?: string;
  /** The app id the functions were synced under; default `INNGEST_APP_ID`. Needed for `definition` and `cancelRuns`. */
  readonly appId?: string;
  /** API origin; default `INNGEST_API_BASE_URL`, `INNGEST_BASE_URL`, then Inngest Cloud or the dev server by mode. */
  readonly baseUrl?: string;
  /** Dev server (`true`) or Inngest Cloud (`false`); default from `INNGEST_DEV` and `NODE_ENV` like `createInngestClient`. */
  readonly isDev?: boolean;
  /** Branch environment name, sent as `x-inngest-env`; default `INNGEST_ENV`. */
  readonly env?: string;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** How many times a 429 or 5xx answer is retried before the error is thrown; default 3, at most 10. */
  readonly retries?: number;
  /** Where configuration is read from; default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** The settings a client runs with, every default applied. */
export interface ResolvedClientConfig {
  readonly mode: "dev" | "cloud";
  readonly baseUrl: URL;
  readonly appId: string | undefined;
  readonly env: string | undefined;
  readonly fetch: typeof fetch;
  readonly retries: number;
  /** `Bearer` tokens in the order they are tried; empty on a dev server without keys. */
  readonly keys: readonly { readonly which: "primary" | "fallback"; readonly token: string }[];
}

const cloudApi = "https://api.inngest.com/";
const devServer = "http://localhost:8288/";

/**
 * The signing key as the SDK sends it to the API: the `signkey-<env>-` prefix kept, the hex key replaced by its
 * SHA-256 (inngest-js `hashSigningKey` in helpers/strings), so the raw key never travels.
 */
export function hashSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  const key = signingKey.slice(prefix.length);
  return `${prefix}${createHash("sha256").update(Buffer.from(key, "hex")).digest("hex")}`;
}

/**
 * The mode and dev-server URL as `createInngestClient` decides them (`inngestModeFrom`); a boolean `isDev`
 * option wins over the environment but a dev-server URL in `INNGEST_DEV` still applies to dev mode.
 */
function decideMode(
  isDev: boolean | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): { readonly mode: "dev" | "cloud"; readonly devUrl: string | undefined } {
  const fromEnvironment = inngestModeFrom(environment);
  const devUrl = fromEnvironment.mode === "dev" ? fromEnvironment.baseUrl : undefined;
  if (isDev === false) return { mode: "cloud", devUrl: undefined };
  if (isDev === true) return { mode: "dev", devUrl };
  return { mode: fromEnvironment.mode, devUrl };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Applies the environment defaults and checks what can be checked before any request. */
export function resolveClientConfig(options: RunsClientOptions): ResolvedClientConfig {
  if (typeof options !== "object" || options === null) {
    invalidInput(
      "createRunsClient options",
      String(options),
      "an options object, or nothing",
      '{ appId: "shop" }',
    );
  }
  const environment = options.environment ?? process.env;
  const { mode, devUrl } = decideMode(options.isDev, environment);
  const base =
    nonEmpty(options.baseUrl) ??
    nonEmpty(environment.INNGEST_API_BASE_URL) ??
    nonEmpty(environment.INNGEST_BASE_URL) ??
    devUrl ??
    (mode === "cloud" ? cloudApi : devServer);
  let baseUrl: URL;
  try {
    baseUrl = new URL(base.endsWith("/") ? base : `${base}/`);
  } catch (cause) {
    return invalidInput(
      "createRunsClient: baseUrl",
      JSON.stringify(base),
      "an absolute http(s) URL of the Inngest API",
      '"http://127.0.0.1:8288"',
      cause,
    );
  }
  const signingKey = nonEmpty(options.signingKey) ?? nonEmpty(environment.INNGEST_SIGNING_KEY);
  const fallback = nonEmpty(options.signingKeyFallback) ?? nonEmpty(environment.INNGEST_SIGNING_KEY_FALLBACK);
  if (mode === "cloud" && signingKey === undefined) {
    invalidInput(
      "createRunsClient: no signing key in cloud mode",
      "no signingKey option and INNGEST_SIGNING_KEY is not set",
      "INNGEST_SIGNING_KEY set to the app's signing key (or { signingKey }); for the local dev server set INNGEST_DEV=1 or pass { isDev: true }",
    );
  }
  const retries = options.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
    invalidInput("createRunsClient: retries", String(retries), "a whole number from 0 to 10", "3");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    invalidInput("createRunsClient: fetch", typeof fetchImpl, "a fetch function (Node 20 has one built in)");
  }
  const keys: { which: "primary" | "fallback"; token: string }[] = [];
  if (signingKey !== undefined) keys.push({ which: "primary", token: hashSigningKey(signingKey) });
  if (fallback !== undefined) keys.push({ which: "fallback", token: hashSigningKey(fallback) });
  return {
    mode,
    baseUrl,
    appId: nonEmpty(options.appId) ?? nonEmpty(environment.INNGEST_APP_ID),
    env: nonEmpty(options.env) ?? nonEmpty(environment.INNGEST_ENV),
    fetch: fetchImpl,
    retries,
    keys,
  };
}
