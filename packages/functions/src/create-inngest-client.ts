import { type Catalog, catalogValidation } from "@jobkit/events";
import { type ClientOptions, Inngest } from "inngest";
import { JobError } from "./job-error";

/**
 * Options of {@link createInngestClient}: Inngest's client options, with the id optional.
 *
 * @example A local client that refuses events outside the catalog
 * ```ts
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createInngestClient, type InngestClientOptions } from "@jobkit/functions";
 *
 * const options: InngestClientOptions = {
 *   id: "shop",
 *   catalog: standardCatalog,
 *   strict: true,
 *   environment: { INNGEST_DEV: "1" },
 * };
 * export const inngest = createInngestClient(options);
 * ```
 */
export interface InngestClientOptions extends Omit<ClientOptions, "id"> {
  /** App id; defaults to `INNGEST_APP_ID`. */
  readonly id?: string;
  /** Validate every event the app sends and receives against this catalog (`catalogValidation`). */
  readonly catalog?: Catalog;
  /** With a catalog: refuse to send events that are not in it. */
  readonly strict?: boolean;
  /** Where configuration is read from; defaults to `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/**
 * How the client will run: against the local dev server, or Inngest Cloud (production).
 *
 * @example Name the API a mode talks to
 * ```ts
 * import type { InngestMode } from "@jobkit/functions/internal";
 *
 * export const apiOf = (mode: InngestMode) =>
 *   mode.mode === "dev" ? (mode.baseUrl ?? "http://localhost:8288") : "https://api.inngest.com";
 * ```
 */
export type InngestMode =
  | { readonly mode: "dev"; readonly baseUrl: string | undefined }
  | { readonly mode: "cloud" };

const falsy = new Set(["0", "false", "no", "off"]);

/**
 * Reads the mode the way the Inngest SDK does, plus the seed's `NODE_ENV` rule: `INNGEST_DEV` set to
 * `1`/`true` (or a dev-server URL) means dev, `0`/`false` means cloud; without it,
 * `NODE_ENV=development` means dev and anything else cloud.
 *
 * @example Decide the mode the way createInngestClient does
 * ```ts
 * import { inngestModeFrom } from "@jobkit/functions/internal";
 *
 * export const { mode } = inngestModeFrom({ INNGEST_DEV: "1" }); // "dev"
 * ```
 */
export function inngestModeFrom(environment: Readonly<Record<string, string | undefined>>): InngestMode {
  const dev = environment.INNGEST_DEV?.trim();
  if (dev !== undefined && dev !== "") {
    if (falsy.has(dev.toLowerCase())) return { mode: "cloud" };
    return { mode: "dev", baseUrl: /^https?:\/\//.test(dev) ? dev : undefined };
  }
  return environment.NODE_ENV === "development" ? { mode: "dev", baseUrl: undefined } : { mode: "cloud" };
}

/** The mode a client runs in and why: a boolean `isDev` option wins, the environment is the fallback. */
function decideMode(
  isDev: boolean | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): { mode: InngestMode; reason: string } {
  const fromEnvironment = inngestModeFrom(environment);
  if (isDev === false) return { mode: { mode: "cloud" }, reason: "of the isDev: false option" };
  if (isDev === true) {
    // The dev server URL may still come from INNGEST_DEV=http://…; the option only decides the mode.
    const baseUrl = fromEnvironment.mode === "dev" ? fromEnvironment.baseUrl : undefined;
    return { mode: { mode: "dev", baseUrl }, reason: "of the isDev: true option" };
  }
  const dev = environment.INNGEST_DEV;
  const reason =
    dev === undefined || dev.trim() === ""
      ? `NODE_ENV is ${JSON.stringify(environment.NODE_ENV ?? "unset")}`
      : `INNGEST_DEV is ${JSON.stringify(dev)}`;
  return { mode: fromEnvironment, reason };
}

/**
 * Creates the app's Inngest client from the environment, the seed's client module done once: reads
 * `INNGEST_APP_ID`, `INNGEST_EVENT_KEY`, `INNGEST_SIGNING_KEY` (and `_FALLBACK`), `INNGEST_DEV` and
 * `NODE_ENV` (a boolean `isDev` option overrides `INNGEST_DEV`/`NODE_ENV`); installs `catalogValidation`
 * when given a catalog; and refuses to start in cloud mode without a signing key, instead of failing on the
 * first request.
 *
 * @example One client for the whole app
 * ```ts
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createInngestClient } from "@jobkit/functions";
 *
 * // INNGEST_APP_ID=shop INNGEST_DEV=1 for local work; INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY in production.
 * export const inngest = createInngestClient({ catalog: standardCatalog, environment: { INNGEST_APP_ID: "shop", INNGEST_DEV: "1" } });
 * ```
 */
export function createInngestClient(options: InngestClientOptions = {}): Inngest.Any {
  const {
    catalog,
    strict,
    environment = process.env,
    id: givenId,
    middleware = [],
    ...clientOptions
  } = options;
  const id = givenId ?? environment.INNGEST_APP_ID;
  if (id === undefined || id.trim() === "") {
    throw new JobError({
      functionId: undefined,
      subject: "Inngest client app id",
      path: "id",
      received: "nothing (no id option and no INNGEST_APP_ID)",
      expected: "an app id: set INNGEST_APP_ID or pass { id }",
      example: '"shop"',
    });
  }
  const { mode, reason } = decideMode(clientOptions.isDev, environment);
  const signingKey = clientOptions.signingKey ?? environment.INNGEST_SIGNING_KEY;
  if (mode.mode === "cloud" && (signingKey === undefined || signingKey.trim() === "")) {
    throw new JobError({
      functionId: undefined,
      subject: `Inngest client "${id}" configuration`,
      path: "INNGEST_SIGNING_KEY",
      received: "INNGEST_SIGNING_KEY is not set, and the client is in cloud (production) mode",
      details: [`mode: cloud, because ${reason}`],
      expected: `INNGEST_SIGNING_KEY set to the app's signing key from the Inngest dashboard (or { signingKey }); for local development ${
        clientOptions.isDev === false ? "pass { isDev: true }" : "set INNGEST_DEV=1"
      } instead`,
    });
  }
  const eventKey = clientOptions.eventKey ?? environment.INNGEST_EVENT_KEY;
  const signingKeyFallback = clientOptions.signingKeyFallback ?? environment.INNGEST_SIGNING_KEY_FALLBACK;
  return new Inngest({
    ...clientOptions,
    id,
    isDev: mode.mode === "dev",
    ...(mode.mode === "dev" && mode.baseUrl !== undefined && clientOptions.baseUrl === undefined
      ? { baseUrl: mode.baseUrl }
      : {}),
    ...(signingKey === undefined ? {} : { signingKey }),
    ...(signingKeyFallback === undefined ? {} : { signingKeyFallback }),
    ...(eventKey === undefined ? {} : { eventKey }),
    middleware: [
      ...(catalog === undefined ? [] : [catalogValidation(catalog, { strict: strict ?? false })]),
      ...middleware,
    ],
  });
}
