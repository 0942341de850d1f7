import type { InngestLimits } from "@jobkit/functions";
import { formatBytes } from "./event-bytes";
import { FanOutError } from "./fan-out-error";
import { chunkCount, listPlanSteps } from "./plan-fan-out";

/**
 * Run-state bytes one sent event costs: the id Inngest returns for it in the `step.sendEvent` output
 * (a 26-character ULID, its quotes and a comma).
 */
export const sendOutputBytesPerEvent = 29;
/** Run-state bytes of the `{"ids":[]}` wrapper of one `step.sendEvent` output. */
export const sendOutputBytesPerChunk = 10;
/** Result bytes of one id in `ids`: 32 hex characters, quotes and a comma. */
export const resultBytesPerId = 35;
/** Result bytes besides the ids: `{"sent":…,"chunks":…,"pages":…,"ids":[]}`. */
export const resultBaseBytes = 64;
/** Run-state bytes of the `fan-out-plan` step output. */
export const planOutputBytes = 160;
/**
 * Run-state bytes of each chunk end the `fan-out-plan` step records when the request byte limit shaped the
 * chunks: up to 7 digits and a comma.
 */
export const planBytesPerChunkEnd = 8;

/** What a fan-out costs a run. */
export interface FanOutUsage {
  readonly events: number;
  readonly chunks: number;
  readonly pages: number;
  readonly steps: number;
  /** Whether the request byte limit (`maxSendRequestBytes`), not `chunkSize` alone, set the chunks. */
  readonly splitByBytes: boolean;
  /** Estimated bytes of run state: the trigger, every step output and the result. */
  readonly stateBytes: number;
  /** Bytes of the run's result. */
  readonly resultBytes: number;
}

/** The settings a budget is computed from. */
export interface BudgetSettings {
  readonly functionId: string;
  readonly limits: InngestLimits;
  readonly chunkSize: number;
  readonly returnIds: boolean;
  /** Bytes of the triggering event, which is part of the run state. */
  readonly triggerBytes: number;
}

/** Bytes of the result for `events` events. */
export function resultBytes(events: number, returnIds: boolean): number {
  return resultBaseBytes + (returnIds ? events * resultBytesPerId : 0);
}

/** How a list's events fall into chunks, when the request byte limit may have shaped them. */
export interface ListChunking {
  readonly chunks: number;
  readonly splitByBytes: boolean;
}

/**
 * The steps, state and result of a `fanOut` list of `events` events, in `chunking`'s chunks or, without it,
 * in chunks of `chunkSize`.
 */
export function listUsage(settings: BudgetSettings, events: number, chunking?: ListChunking): FanOutUsage {
  const chunks = chunking?.chunks ?? chunkCount(events, settings.chunkSize);
  const splitByBytes = chunking?.splitByBytes ?? false;
  const result = resultBytes(events, settings.returnIds);
  return {
    events,
    chunks,
    pages: 0,
    steps: listPlanSteps + chunks,
    splitByBytes,
    stateBytes:
      settings.triggerBytes +
      planOutputBytes +
      (splitByBytes ? chunks * planBytesPerChunkEnd : 0) +
      chunks * sendOutputBytesPerChunk +
      events * sendOutputBytesPerEvent +
      result,
    resultBytes: result,
  };
}

/** The largest list that fits every limit; a list one event longer is refused. */
export function maxListEvents(settings: BudgetSettings): number {
  const { limits, chunkSize, returnIds } = settings;
  const bySteps = Math.max(0, (limits.maxStepsPerRun - listPlanSteps) * chunkSize);
  const byResult = returnIds
    ? Math.max(0, Math.floor((limits.maxStepOutputBytes - resultBaseBytes) / resultBytesPerId))
    : Number.POSITIVE_INFINITY;
  const fits = (events: number) => listUsage(settings, events).stateBytes <= limits.maxRunStateBytes;
  // Run state grows with the event count, so the largest count that fits is found by bisection.
  let low = 0;
  let high = Math.min(bySteps, byResult);
  if (fits(high)) return high;
  if (!fits(0)) return 0;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** How a refused plan is described: its events and how its steps are made up. */
export interface UsageDescription {
  /** `1000 events`, or `at least 1001 events` when the source was not read to its end. */
  readonly events: string;
  /** One line on how the steps add up, e.g. `1 plan step + 1000 sendEvent steps of up to 1 event`. */
  readonly steps: string;
  /** Lines on what was already sent, for a refusal after some pages went out. */
  readonly progress?: readonly string[];
}

/** Throws the {@link FanOutError} of the first limit `usage` exceeds: steps, result size, then run state. */
export function checkUsage(
  settings: BudgetSettings,
  usage: FanOutUsage,
  description: UsageDescription,
): void {
  const { functionId, limits, chunkSize } = settings;
  const progress = description.progress ?? [];
  if (usage.steps > limits.maxStepsPerRun) {
    throw new FanOutError({
      functionId,
      code: "step-budget",
      problem: "needs more steps than one run may have",
      received: `${usage.steps} steps for ${description.events}`,
      details: [
        description.steps,
        `limit: ${limits.maxStepsPerRun} steps per run (maxStepsPerRun)`,
        ...progress,
      ],
      expected: usage.splitByBytes
        ? `at most ${limits.maxStepsPerRun} steps: smaller events (a send request carries at most ${formatBytes(limits.maxSendRequestBytes)}), or fewer events per triggering event`
        : usage.pages > 0
          ? `at most ${limits.maxStepsPerRun} steps: more items per page, a larger chunkSize (up to ${limits.maxEventsPerSend}), or fewer recipients per triggering event`
          : `at most ${limits.maxStepsPerRun} steps: a larger chunkSize (up to ${limits.maxEventsPerSend} events per step), pages, or fewer events per triggering event`,
      example: usage.splitByBytes
        ? '{ userId: "usr_123" } instead of the whole user record'
        : usage.pages > 0
          ? "fetch: (cursor) => db.users.page({ cursor, limit: 1000 })"
          : `chunkSize: ${Math.min(limits.maxEventsPerSend, Math.max(chunkSize * 10, 1000))}`,
      limit: "maxStepsPerRun",
    });
  }
  if (usage.resultBytes > limits.maxStepOutputBytes) {
    throw new FanOutError({
      functionId,
      code: "result-size",
      problem: "would return a result over the output limit",
      received: `the ids of ${description.events} take ${formatBytes(usage.resultBytes)}`,
      details: [
        `limit: ${formatBytes(limits.maxStepOutputBytes)} per function result (maxStepOutputBytes)`,
        ...progress,
      ],
      expected:
        "returnIds: false, which leaves ids out of the result (fanOutEventId derives any of them again)",
      example: "returnIds: false",
      limit: "maxStepOutputBytes",
    });
  }
  if (usage.stateBytes > limits.maxRunStateBytes) {
    throw new FanOutError({
      functionId,
      code: "run-state",
      problem: "would exceed the run state limit",
      received: `about ${formatBytes(usage.stateBytes)} of run state for ${description.events}`,
      details: [
        `limit: ${formatBytes(limits.maxRunStateBytes)} per run (maxRunStateBytes): the trigger, every step output and the result`,
        `each event costs about ${sendOutputBytesPerEvent} bytes of step.sendEvent output${settings.returnIds ? ` and ${resultBytesPerId} bytes of result` : ""}; each page what fetch returned`,
        ...progress,
      ],
      expected:
        "fewer events per run: returnIds: false, smaller items per page, or several triggering events",
      example: "one triggering event per audience segment",
      limit: "maxRunStateBytes",
    });
  }
}
