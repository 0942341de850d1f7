import { type Duration, parseDuration } from "@jobkit/functions";
import { abortableSleep } from "./abortable-sleep";
import { type FunctionRun, isFinished } from "./function-run";
import type { RunOutput, RunsTarget } from "./run-target";
import { invalidInput, RunsError } from "./runs-error";

/**
 * The options of `waitForRuns`.
 */
export interface WaitForRunsOptions<TTarget extends RunsTarget | undefined = undefined> {
  /** How long to wait in all: a duration (`"30s"`, `"2m"`) or milliseconds. */
  readonly timeout: Duration | number;
  /** When to stop; default: at least one run and every run finished. */
  readonly until?: (runs: readonly FunctionRun<RunOutput<TTarget>>[]) => boolean;
  /** Only this function's runs, with typed output. */
  readonly definition?: TTarget;
  readonly signal?: AbortSignal;
  /**
   * Pause between polls: starts at `initial` (default `"1s"`), doubles up to `max` (default `"15s"`). A poll is
   * never sent before the server's cache of the previous answer expires, whatever these say.
   */
  readonly interval?: { readonly initial?: Duration | number; readonly max?: Duration | number };
}

/** What the polling loop needs from the client: one read of the runs and how long the server caches it. */
export type ReadRuns = () => Promise<{
  readonly runs: readonly FunctionRun[];
  readonly cacheMs: number | undefined;
}>;

// Below this a dev server without a response cache would be polled in a busy loop.
const minPauseMs = 10;

const defaultUntil = (runs: readonly FunctionRun[]) =>
  runs.length > 0 && runs.every((run) => isFinished(run.status));

function durationOption(value: unknown, path: string, minMs: number): number {
  try {
    return parseDuration(value as Duration | number, { functionId: undefined, path, minMs });
  } catch (cause) {
    return invalidInput(
      `@jobkit/runs waitForRuns: ${path}`,
      typeof value === "string" ? JSON.stringify(value) : String(value),
      `a duration such as "30s" or "2m", or a number of milliseconds (at least ${minMs} ms)`,
      '"2m"',
      cause,
    );
  }
}

/**
 * Polls until `until(runs)` holds, pacing itself to the server's response cache: `GET /v1/events/{id}/runs` is
 * cached about 15 s per URL and key (`WriteCachedResponse(w, runs, 15*time.Second)` in pkg/api/apiv1/events.go),
 * so a poll before the cache expires would only see the same answer again.
 */
export async function pollRuns(
  eventId: string,
  options: WaitForRunsOptions<RunsTarget | undefined>,
  read: ReadRuns,
): Promise<FunctionRun[]> {
  const timeoutMs = durationOption(options.timeout, "timeout", 0);
  let pauseMs = durationOption(options.interval?.initial ?? "1s", "interval.initial", minPauseMs);
  const maxPauseMs = Math.max(
    pauseMs,
    durationOption(options.interval?.max ?? "15s", "interval.max", minPauseMs),
  );
  const until = (options.until ?? defaultUntil) as (runs: readonly FunctionRun[]) => boolean;
  if (typeof until !== "function") {
    invalidInput(
      "@jobkit/runs waitForRuns: until",
      typeof until,
      "a function (runs) => boolean",
      "(runs) => runs.length > 0",
    );
  }
  const label = `waitForRuns("${eventId}")`;
  const deadline = Date.now() + timeoutMs;
  let polls = 0;
  for (;;) {
    const { runs, cacheMs } = await read();
    const receivedAt = Date.now();
    polls += 1;
    if (until(runs)) return [...runs];
    const cacheLeftMs = cacheMs === undefined ? 0 : cacheMs - (Date.now() - receivedAt);
    const delayMs = Math.max(pauseMs, cacheLeftMs);
    pauseMs = Math.min(pauseMs * 2, maxPauseMs);
    const leftMs = deadline - Date.now();
    if (leftMs <= 0 || delayMs > leftMs) {
      // One more poll only helps when the cached answer expires before the deadline.
      if (leftMs > 0 && cacheLeftMs < leftMs) {
        await abortableSleep(leftMs, options.signal, label);
        const last = await read();
        if (until(last.runs)) return [...last.runs];
        throw timedOut(label, timeoutMs, polls + 1, last.runs);
      }
      if (leftMs > 0) await abortableSleep(leftMs, options.signal, label);
      throw timedOut(label, timeoutMs, polls, runs);
    }
    await abortableSleep(delayMs, options.signal, label);
  }
}

function timedOut(label: string, timeoutMs: number, polls: number, runs: readonly FunctionRun[]): RunsError {
  const seen =
    runs.length === 0
      ? "no runs yet (the event started none, or they are not recorded yet)"
      : runs.map((run) => `${run.functionSlug ?? run.functionId}: ${run.status}`).join(", ");
  return new RunsError({
    code: "timeout",
    message: `${label} timed out after ${timeoutMs} ms and ${polls} polls\n  last seen: ${seen}\n  expected: the runs to reach the until() condition in time; raise timeout, or read the status later with runsForEvent()`,
  });
}
