import { standardCatalog } from "@jobkit/events/standard";
import { createInngestClient } from "@jobkit/functions";
import type { Inngest, Logger } from "inngest";
import type { Environment } from "./config";

/** The app id used when `INNGEST_APP_ID` is not set. */
export const defaultAppId = "jobkit-express-example";

/** What the client is built from; `fetch` and `logger` are for tests. */
export interface ClientOptions {
  readonly environment: Environment;
  /** Replaces `globalThis.fetch` for event sends and Inngest API calls. */
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
}

/**
 * The app's Inngest client: dev mode with `INNGEST_DEV=1`, cloud mode (signing key required) otherwise;
 * every event it sends or receives is validated against the standard catalog.
 *
 * @example Against the local dev server
 * ```ts
 * import { createClient } from "./inngest";
 *
 * const inngest = createClient({ environment: { INNGEST_DEV: "1" } });
 * ```
 */
export function createClient({ environment, fetch, logger }: ClientOptions): Inngest.Any {
  const baseUrl = environment.INNGEST_BASE_URL?.trim();
  return createInngestClient({
    id: environment.INNGEST_APP_ID?.trim() || defaultAppId,
    catalog: standardCatalog,
    environment,
    ...(baseUrl ? { baseUrl } : {}),
    ...(fetch === undefined ? {} : { fetch }),
    ...(logger === undefined ? {} : { logger }),
  });
}
