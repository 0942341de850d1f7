import { type ApiRequest, requestApi } from "./api-request";
import { type Cancellation, type CancelRunsOptions, cancellationBody, toCancellation } from "./cancel-runs";
import { checkUlid } from "./check-ulid";
import { type ResolvedClientConfig, type RunsClientOptions, resolveClientConfig } from "./client-config";
import { FunctionDirectory } from "./function-directory";
import { envelopeData, type FunctionRun, toFunctionRun, unexpectedShape } from "./function-run";
import { type RunOutput, type RunsTarget, slugOfTarget } from "./run-target";
import { invalidInput, RunsError } from "./runs-error";
import { pollRuns, type WaitForRunsOptions } from "./wait-for-runs";

/**
 * The options of `runsForEvent` and `getRun`.
 */
export interface RunsQueryOptions<TTarget extends RunsTarget | undefined = undefined> {
  /** Keep only this function's runs and type their `output` as its handler's return value. */
  readonly definition?: TTarget;
  readonly signal?: AbortSignal;
}

/**
 * A client for Inngest's REST API v1 run endpoints: job status, typed output and bulk cancellation.
 *
 * @example Show the status of the jobs an event started
 * ```ts
 * import { createRunsClient, type RunsClient } from "@jobkit/runs";
 *
 * const runs: RunsClient = createRunsClient({ isDev: true, appId: "shop" });
 * export async function statuses(eventId: string): Promise<string[]> {
 *   return (await runs.runsForEvent(eventId)).map((run) => run.status);
 * }
 * ```
 */
export interface RunsClient {
  /** `"dev"` (dev server) or `"cloud"`. */
  readonly mode: "dev" | "cloud";
  /** The API origin requests go to. */
  readonly baseUrl: string;
  readonly appId: string | undefined;
  /** The runs an event started (`GET /v1/events/{eventId}/runs`); with `definition`, that function's only. */
  runsForEvent<TTarget extends RunsTarget | undefined = undefined>(
    eventId: string,
    options?: RunsQueryOptions<TTarget>,
  ): Promise<FunctionRun<RunOutput<TTarget>>[]>;
  /** One run (`GET /v1/runs/{runId}`); with `definition`, a run of another function is a `function-mismatch` error. */
  getRun<TTarget extends RunsTarget | undefined = undefined>(
    runId: string,
    options?: RunsQueryOptions<TTarget>,
  ): Promise<FunctionRun<RunOutput<TTarget>>>;
  /** Polls `runsForEvent` until `until(runs)` holds, paced to the server's 15 s cache; throws `timeout` otherwise. */
  waitForRuns<TTarget extends RunsTarget | undefined = undefined>(
    eventId: string,
    options: WaitForRunsOptions<TTarget>,
  ): Promise<FunctionRun<RunOutput<TTarget>>[]>;
  /** Bulk cancellation (`POST /v1/cancellations`) of a function's runs started in a time range. */
  cancelRuns(options: CancelRunsOptions): Promise<Cancellation>;
}

/**
 * Creates a {@link RunsClient}. Configuration comes from the options, else from the same environment variables
 * as `createInngestClient`: `INNGEST_SIGNING_KEY`, `INNGEST_SIGNING_KEY_FALLBACK`, `INNGEST_APP_ID`, `INNGEST_DEV`
 * (dev server, else Inngest Cloud), `INNGEST_BASE_URL`. A cloud client without a signing key is refused here.
 *
 * @example Wait for a report and read its typed output
 * ```ts
 * import { defineEventFunction } from "@jobkit/functions";
 * import { createRunsClient } from "@jobkit/runs";
 *
 * const report = defineEventFunction({
 *   id: "build-report",
 *   on: "report/requested",
 *   handler: async () => ({ rows: 120, url: "https://files.example.com/r/1.csv" }),
 * });
 * const runs = createRunsClient({ appId: "shop", isDev: true });
 *
 * export async function reportUrl(eventId: string): Promise<string | undefined> {
 *   const [run] = await runs.waitForRuns(eventId, { timeout: "2m", definition: report });
 *   return run?.status === "Completed" ? run.output.url : undefined;
 * }
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/docs/guide/job-status.md
 */
export function createRunsClient(options: RunsClientOptions = {}): RunsClient {
  const config = resolveClientConfig(options);
  const request = (call: ApiRequest) => requestApi(config, call);
  let directory: FunctionDirectory | undefined;
  const directoryFor = (method: string): FunctionDirectory => {
    if (config.appId === undefined) {
      invalidInput(
        `@jobkit/runs ${method}: no app id to resolve "definition"`,
        "no appId option and INNGEST_APP_ID is not set",
        "the app id the function is registered under: createRunsClient({ appId }) or INNGEST_APP_ID",
        'createRunsClient({ appId: "shop" })',
      );
    }
    directory ??= new FunctionDirectory(request, config.appId);
    return directory;
  };
  const slugOf = (internalId: string) => directory?.slugOf(internalId);
  const internalIdOf = async (target: RunsTarget | undefined, method: string, signal?: AbortSignal) => {
    if (target === undefined) return undefined;
    const lookup = directoryFor(method);
    return lookup.internalIdOf(slugOfTarget(target, config.appId as string, `${method} definition`), signal);
  };

  const readEventRuns = async (eventId: string, options: RunsQueryOptions<RunsTarget | undefined>) => {
    const functionId = await internalIdOf(options.definition, "runsForEvent", options.signal);
    const response = await request({
      method: "GET",
      path: `v1/events/${eventId}/runs`,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const data = envelopeData(response.body, `the runs of event ${eventId}`);
    if (!Array.isArray(data)) throw unexpectedShape(`the runs of event ${eventId}`, data);
    const runs = data.map((run) => toFunctionRun(run, slugOf));
    return {
      runs: functionId === undefined ? runs : runs.filter((run) => run.functionId === functionId),
      cacheMs: response.cacheMs,
    };
  };

  return {
    mode: config.mode,
    baseUrl: config.baseUrl.href,
    appId: config.appId,
    async runsForEvent(eventId, options = {}) {
      checkUlid(eventId, "event id", "runsForEvent");
      const { runs } = await readEventRuns(eventId, options);
      return runs as FunctionRun<never>[];
    },
    async getRun(runId, options = {}) {
      checkUlid(runId, "run id", "getRun");
      const functionId = await internalIdOf(options.definition, "getRun", options.signal);
      const response = await request({
        method: "GET",
        path: `v1/runs/${runId}`,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const run = toFunctionRun(envelopeData(response.body, `run ${runId}`), slugOf);
      if (functionId !== undefined && run.functionId !== functionId)
        throw mismatch(config, run, options.definition);
      return run as FunctionRun<never>;
    },
    async waitForRuns(eventId, options) {
      checkUlid(eventId, "event id", "waitForRuns");
      if (typeof options !== "object" || options === null) {
        invalidInput(
          "@jobkit/runs waitForRuns: options",
          String(options),
          "{ timeout, until?, definition?, signal? }",
          '{ timeout: "2m" }',
        );
      }
      const runs = await pollRuns(eventId, options as WaitForRunsOptions<RunsTarget | undefined>, () =>
        readEventRuns(eventId, options as RunsQueryOptions<RunsTarget | undefined>),
      );
      return runs as FunctionRun<never>[];
    },
    async cancelRuns(options) {
      const body = cancellationBody(options, config.appId, (target, appId) =>
        slugOfTarget(target, appId, "cancelRuns definition"),
      );
      const response = await request({
        method: "POST",
        path: "v1/cancellations",
        body,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return toCancellation(envelopeData(response.body, "the cancellation"));
    },
  };
}

function mismatch(config: ResolvedClientConfig, run: FunctionRun, target: RunsTarget | undefined): RunsError {
  const expected = slugOfTarget(target, config.appId as string, "getRun definition");
  return new RunsError({
    code: "function-mismatch",
    message: `@jobkit/runs getRun: run ${run.runId} is a run of ${run.functionSlug ?? `function ${run.functionId}`}, not of "${expected}"\n  expected: a run id of "${expected}", or getRun() without definition to read any run`,
  });
}
