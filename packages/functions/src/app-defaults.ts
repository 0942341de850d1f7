import type { RetryOptions } from "./backoff";
import { checkConfig } from "./check-config";
import type { Duration } from "./duration";
import type { AnyFunctionDefinition, FunctionConfig } from "./function-definition";
import type { ConcurrencyOption } from "./function-options";
import { checkKnownOptions, configFailure } from "./internal/config-failure";
import { JobError } from "./job-error";
import { type InngestLimits, resolveLimits } from "./limits";

/**
 * App-wide defaults for every definition given to `register()` or `manifest()`. Inngest v4 has no
 * client-level defaults, so jobkit merges them into each definition: the definition's own value wins.
 *
 * @example Share one set of defaults between register() and manifest()
 * ```ts
 * import { Inngest } from "inngest";
 * import { type AppDefaults, defineCronFunction, manifest, register } from "@jobkit/functions";
 *
 * const defaults: AppDefaults = { retries: 5, timeouts: { finish: "15m" }, tags: ["team:billing"] };
 * const nightly = defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async () => {} });
 *
 * export const functions = register(new Inngest({ id: "shop" }), [nightly], { defaults });
 * export const report = manifest([nightly], { defaults }); // reports the merged retries and timeouts
 * ```
 */
export interface AppDefaults {
  /** Retry count or policy for definitions that set no `retries`. */
  readonly retries?: number | RetryOptions;
  /** Start/finish timeouts; each side applies where the definition sets neither `timeouts.<side>` nor `timeout`. */
  readonly timeouts?: { readonly start?: Duration; readonly finish?: Duration };
  /**
   * Concurrency for definitions that set no `concurrency`. Only limits without a `key`, or with a `cel()`
   * key valid for every event, make sense app-wide: a key path is checked per event schema.
   */
  readonly concurrency?: number | ConcurrencyOption | readonly ConcurrencyOption[];
  /** Tags added to every definition's own tags (a union, not a replacement). */
  readonly tags?: readonly string[];
}

const appDefaultKeys = ["retries", "timeouts", "concurrency", "tags"];

/** Defaults after checking, ready to merge. */
export interface CheckedDefaults {
  readonly config: FunctionConfig;
  readonly given: AppDefaults;
  readonly tags: readonly string[];
}

/** Checks app defaults once; errors name the `defaults.<option>` path. */
export function checkDefaults(defaults: AppDefaults, limits: InngestLimits): CheckedDefaults {
  if (typeof defaults !== "object" || defaults === null || Array.isArray(defaults)) {
    configFailure(undefined)("defaults", defaults, "an object of app-wide defaults", {
      example: "{ retries: 5, concurrency: 10 }",
    });
  }
  try {
    // Checked like a definition's options: a misspelt `concurency` must not be ignored silently.
    checkKnownOptions(undefined, defaults, appDefaultKeys);
    const config = checkConfig(
      { retries: defaults.retries, timeouts: defaults.timeouts, concurrency: defaults.concurrency },
      { functionId: "(app defaults)", kind: "event", limits },
    );
    const tags = defaults.tags ?? [];
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string" || tag.length === 0)) {
      throw new JobError({
        functionId: undefined,
        path: "tags",
        received: Array.isArray(tags) ? "a list with an empty or non-string tag" : typeof tags,
        expected: "a list of non-empty strings",
        example: '["team:billing"]',
      });
    }
    return { config, given: defaults, tags };
  } catch (error) {
    if (!(error instanceof JobError)) throw error;
    // The same report (code, received, expected, example, details), placed under `defaults.`.
    throw new JobError(
      {
        ...error,
        functionId: undefined,
        subject: `app default "defaults.${error.path}"`,
        path: `defaults.${error.path}`,
      },
      { cause: error },
    );
  }
}

/** One definition with the defaults filled in where it set nothing itself. */
export function mergeDefaults(
  definition: AnyFunctionDefinition,
  defaults: CheckedDefaults,
): AnyFunctionDefinition {
  const own = new Set(definition.explicitOptions);
  const { config } = definition;
  const fallback = defaults.config;
  const ownTimeouts = config.timeouts;
  const startMs = ownTimeouts?.startMs ?? fallback.timeouts?.startMs;
  const finishMs = ownTimeouts?.finishMs ?? fallback.timeouts?.finishMs;
  const merged: FunctionConfig = {
    ...config,
    retries: own.has("retries") || defaults.given.retries === undefined ? config.retries : fallback.retries,
    concurrency:
      own.has("concurrency") || defaults.given.concurrency === undefined
        ? config.concurrency
        : fallback.concurrency,
    timeouts: startMs === undefined && finishMs === undefined ? undefined : { startMs, finishMs },
  };
  const tags = [...new Set([...defaults.tags, ...definition.tags])];
  return Object.freeze({ ...definition, config: Object.freeze(merged), tags: Object.freeze(tags) });
}

/**
 * Merges app-wide defaults into definitions; each definition's own value wins. `register()` and
 * `manifest()` call it when given `{ defaults }`, so what runs is what the manifest reports.
 */
export function applyDefaults(
  definitions: readonly AnyFunctionDefinition[],
  defaults: AppDefaults,
  limits?: Partial<InngestLimits>,
): AnyFunctionDefinition[] {
  const checked = checkDefaults(defaults, resolveLimits(limits));
  return definitions.map((definition) => mergeDefaults(definition, checked));
}
