import { RunsError } from "./runs-error";

/**
 * A run's status as the API spells it: the names of Inngest's `enums.RunStatus` (pkg/enums/run_status.go),
 * which the server writes to JSON by name.
 *
 * @example Show a badge per status
 * ```ts
 * import type { RunStatus } from "@jobkit/runs";
 *
 * export const badge: Record<RunStatus, string> = {
 *   Scheduled: "queued", Running: "running", Completed: "done", Failed: "failed",
 *   Cancelled: "cancelled", Overflowed: "failed", Skipped: "skipped", Unknown: "unknown",
 * };
 * ```
 */
export type RunStatus =
  | "Running"
  | "Completed"
  | "Failed"
  | "Cancelled"
  | "Overflowed"
  | "Scheduled"
  | "Unknown"
  | "Skipped";

const statuses: ReadonlySet<string> = new Set<RunStatus>([
  "Running",
  "Completed",
  "Failed",
  "Cancelled",
  "Overflowed",
  "Scheduled",
  "Unknown",
  "Skipped",
]);

/** The statuses after which a run changes no more (`RunStatusEnded` in pkg/enums/run_status.go). */
const finished: ReadonlySet<RunStatus> = new Set<RunStatus>([
  "Completed",
  "Failed",
  "Cancelled",
  "Overflowed",
  "Skipped",
]);

/**
 * Whether a run has ended for good: `Completed`, `Failed`, `Cancelled`, `Overflowed` or `Skipped`, as Inngest's
 * `RunStatusEnded` decides.
 *
 * @example Count the runs still going
 * ```ts
 * import { type FunctionRun, isFinished } from "@jobkit/runs";
 *
 * export const stillGoing = (runs: readonly FunctionRun[]) => runs.filter((run) => !isFinished(run.status)).length;
 * ```
 */
export function isFinished(status: RunStatus): boolean {
  return finished.has(status);
}

interface RunBase {
  readonly runId: string;
  /** The function's internal id (a UUID), as the API reports it. */
  readonly functionId: string;
  /** The function's slug (`<app>-<fn>`) when the client knows it from the app's function list. */
  readonly functionSlug: string | undefined;
  readonly eventId: string;
  readonly startedAt: Date;
  /** `null` while the run has not ended. */
  readonly endedAt: Date | null;
}

/**
 * One function run. A `Completed` run's `output` is the handler's return value as JSON, typed when the run was read
 * with a `definition`; a `Failed` run's `output` is the error the API recorded; other statuses have none.
 *
 * @example Read a report's output once it completed
 * ```ts
 * import type { FunctionRun } from "@jobkit/runs";
 *
 * export function describe(run: FunctionRun<{ rows: number }>): string {
 *   if (run.status === "Completed") return `${run.output.rows} rows`;
 *   return run.status === "Failed" ? "failed" : "in progress";
 * }
 * ```
 */
export type FunctionRun<TOutput = unknown> =
  | (RunBase & { readonly status: "Completed"; readonly output: TOutput })
  | (RunBase & { readonly status: Exclude<RunStatus, "Completed">; readonly output: unknown });

/** A run as `GET /v1/events/{id}/runs` and `GET /v1/runs/{id}` send it: `cqrs.FunctionRun` in pkg/cqrs/function_runs.go. */
export interface ApiFunctionRun {
  readonly run_id: string;
  readonly run_started_at: string;
  readonly function_id: string;
  readonly function_version?: number;
  readonly environment_id?: string;
  readonly event_id: string;
  readonly batch_id?: string;
  readonly original_run_id?: string;
  readonly cron?: string;
  readonly status: string;
  readonly ended_at: string | null;
  readonly output?: unknown;
}

/** Reads one API run into a {@link FunctionRun}; a shape the API does not send is a `request-failed` error. */
export function toFunctionRun(
  value: unknown,
  slugOf: (functionId: string) => string | undefined,
): FunctionRun {
  const run = value as Partial<ApiFunctionRun> | null;
  if (
    typeof run !== "object" ||
    run === null ||
    typeof run.run_id !== "string" ||
    typeof run.function_id !== "string" ||
    typeof run.run_started_at !== "string"
  ) {
    throw unexpectedShape("a run", value);
  }
  const status = (
    typeof run.status === "string" && statuses.has(run.status) ? run.status : "Unknown"
  ) as RunStatus;
  return {
    runId: run.run_id,
    functionId: run.function_id,
    functionSlug: slugOf(run.function_id),
    eventId: typeof run.event_id === "string" ? run.event_id : "",
    status,
    output: run.output ?? null,
    startedAt: new Date(run.run_started_at),
    endedAt: typeof run.ended_at === "string" ? new Date(run.ended_at) : null,
  } as FunctionRun;
}

/** The `data` of the `{ data, metadata }` envelope every v1 route but the app's function list uses. */
export function envelopeData(body: unknown, what: string): unknown {
  if (typeof body !== "object" || body === null || !("data" in body)) throw unexpectedShape(what, body);
  return (body as { data: unknown }).data;
}

export function unexpectedShape(what: string, value: unknown): RunsError {
  const received = JSON.stringify(value)?.slice(0, 120) ?? String(value);
  return new RunsError({
    code: "request-failed",
    message: `Inngest API answered with an unexpected shape for ${what}\n  received: ${received}\n  expected: the REST API v1 shapes (see the @jobkit/runs README); check that baseUrl points at the Inngest API`,
  });
}
