import { type AppDefaults, applyDefaults } from "./app-defaults";
import { checkFunctionId } from "./check-config";
import { nextRuns } from "./cron";
import { formatDuration } from "./duration";
import type { AnyFunctionDefinition, FunctionKind } from "./function-definition";
import { checkKnownOptions, configFailure } from "./internal/config-failure";
import { inngestLimits } from "./limits";
import { checkDefinitions } from "./register";

/**
 * A trigger in a manifest: an event name, or a schedule with its next run.
 */
export type ManifestTrigger =
  | { readonly type: "event"; readonly event: string; readonly if?: string }
  | {
      readonly type: "cron";
      readonly expression: string;
      readonly timezone: string;
      readonly schedule: string;
      /** ISO 8601 instant of the next run after the manifest's `now`. */
      readonly nextRun: string;
    };

/**
 * One function in a manifest; plain JSON.
 *
 * @example One health-check line per function
 * ```ts
 * import { defineCronFunction, type FunctionManifest, manifest } from "@jobkit/functions";
 *
 * const report = defineCronFunction({ id: "daily-report", cron: "0 9 * * *", handler: async () => {} });
 * const labels = (fn: FunctionManifest) =>
 *   fn.triggers.map((trigger) => (trigger.type === "cron" ? `next ${trigger.nextRun}` : trigger.event));
 *
 * console.log(manifest([report]).functions.map((fn) => `${fn.id}: ${labels(fn).join(", ")}`));
 * ```
 */
export interface FunctionManifest {
  readonly id: string;
  readonly kind: FunctionKind;
  readonly name: string;
  readonly description?: string;
  readonly triggers: readonly ManifestTrigger[];
  readonly retries: {
    readonly attempts: number;
    readonly backoff: string;
    readonly minTimeout?: string;
    readonly maxTimeout?: string;
    readonly jitter?: number;
    readonly customRetry: boolean;
  };
  /** Only the options that are set, durations as Inngest time strings. */
  readonly flowControl: Readonly<Record<string, unknown>>;
  readonly steps?: readonly string[];
  readonly sends: readonly string[];
  readonly tags: readonly string[];
  readonly env: readonly string[];
}

/**
 * What {@link manifest} returns.
 *
 * @example Commit the manifest so reviews show changed schedules
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { defineCronFunction, type JobManifest, manifest } from "@jobkit/functions";
 *
 * const report = defineCronFunction({ id: "daily-report", cron: "0 9 * * *", handler: async () => {} });
 * const snapshot: JobManifest = manifest([report], { now: new Date("2025-01-01T00:00:00Z") });
 *
 * writeFileSync("jobs.manifest.json", `${JSON.stringify(snapshot, null, 2)}\n`);
 * ```
 */
export interface JobManifest {
  readonly version: 1;
  readonly functions: readonly FunctionManifest[];
}

/**
 * Options of {@link manifest}.
 *
 * @example Describe the functions exactly as register() creates them
 * ```ts
 * import { defineCronFunction, type ManifestOptions, manifest } from "@jobkit/functions";
 *
 * const options: ManifestOptions = { prefix: "billing", defaults: { retries: 5 } };
 * const report = defineCronFunction({ id: "daily-report", cron: "0 9 * * *", handler: async () => {} });
 *
 * console.log(manifest([report], options).functions[0]?.id); // "billing-daily-report"
 * ```
 */
export interface ManifestOptions {
  /** The same prefix as given to `register()`, so ids match the dashboard. */
  readonly prefix?: string;
  /** The instant next runs are computed from; defaults to now. */
  readonly now?: Date;
  /** The same app defaults as given to `register()`, so the manifest reports the merged config. */
  readonly defaults?: AppDefaults;
}

/**
 * A JSON-serialisable description of definitions (ids, triggers, next cron runs, retries, flow control)
 * for health checks, admin pages and tooling.
 *
 * @example Serve the manifest on an admin route
 * ```ts
 * import { defineCronFunction, manifest } from "@jobkit/functions";
 *
 * const dailyReport = defineCronFunction({ id: "daily-report", cron: "0 9 * * *", handler: async () => {} });
 *
 * const body = JSON.stringify(manifest([dailyReport]));
 * ```
 */
export function manifest(
  definitions: readonly AnyFunctionDefinition[],
  options: ManifestOptions = {},
): JobManifest {
  checkDefinitions(definitions);
  const fail = configFailure(undefined);
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail("options", options, "an options object", { example: '{ prefix: "billing" }' });
  }
  checkKnownOptions(undefined, options, ["prefix", "now", "defaults"]);
  if (options.prefix !== undefined) checkFunctionId(options.prefix, inngestLimits, "prefix");
  if (options.now !== undefined && !(options.now instanceof Date && Number.isFinite(options.now.getTime()))) {
    fail("now", options.now, "a valid Date", { example: "new Date()" });
  }
  const now = options.now ?? new Date();
  return {
    version: 1,
    functions: (options.defaults === undefined
      ? definitions
      : applyDefaults(definitions, options.defaults)
    ).map((definition) => describe(definition, options.prefix, now)),
  };
}

function describe(
  definition: AnyFunctionDefinition,
  prefix: string | undefined,
  now: Date,
): FunctionManifest {
  const id = prefix === undefined ? definition.id : `${prefix}-${definition.id}`;
  const { config } = definition;
  const retries = config.retries;
  const time = (ms: number | undefined) => (ms === undefined ? undefined : formatDuration(ms));
  const flowControl: Record<string, unknown> = {
    concurrency:
      config.concurrency.length === 0 ? undefined : config.concurrency.map((entry) => compact(entry)),
    throttle:
      config.throttle &&
      compact({ ...config.throttle, periodMs: undefined, period: time(config.throttle.periodMs) }),
    rateLimit:
      config.rateLimit &&
      compact({ ...config.rateLimit, periodMs: undefined, period: time(config.rateLimit.periodMs) }),
    debounce:
      config.debounce &&
      compact({
        key: config.debounce.key,
        period: time(config.debounce.periodMs),
        timeout: time(config.debounce.timeoutMs),
      }),
    batchEvents:
      config.batchEvents &&
      compact({ ...config.batchEvents, timeoutMs: undefined, timeout: time(config.batchEvents.timeoutMs) }),
    idempotency: config.idempotency,
    singleton: config.singleton && compact(config.singleton),
    priority: config.priority && { ...config.priority },
    timeouts:
      config.timeouts &&
      compact({ start: time(config.timeouts.startMs), finish: time(config.timeouts.finishMs) }),
    cancelOn:
      config.cancelOn.length === 0
        ? undefined
        : config.cancelOn.map((entry) =>
            compact({ event: entry.event, if: entry.if, timeout: time(entry.timeoutMs) }),
          ),
  };
  return compact({
    id,
    kind: definition.kind,
    name: definition.name ?? id,
    description: definition.description,
    triggers: definition.triggers.map(
      (trigger): ManifestTrigger =>
        trigger.type === "event"
          ? compact({ type: "event", event: trigger.event, if: trigger.if })
          : {
              type: "cron",
              expression: trigger.expression,
              timezone: trigger.timezone,
              schedule: trigger.schedule,
              nextRun: (nextRuns(trigger, 1, now)[0] as Date).toISOString(),
            },
    ),
    retries: compact({
      attempts: retries.attempts,
      backoff: retries.backoff ?? "inngest",
      minTimeout: retries.backoff === undefined ? undefined : time(retries.minTimeoutMs),
      maxTimeout: retries.backoff === undefined ? undefined : time(retries.maxTimeoutMs),
      jitter: retries.jitter === 0 ? undefined : retries.jitter,
      customRetry: retries.retry !== undefined,
    }),
    flowControl: compact(flowControl),
    steps: definition.kind === "step" ? definition.steps.map((step) => step.id) : undefined,
    sends: definition.sends.map((event) => event.name),
    tags: [...definition.tags],
    env: [...definition.env],
  }) as FunctionManifest;
}

function compact<TValue extends object>(value: TValue): TValue {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as TValue;
}
