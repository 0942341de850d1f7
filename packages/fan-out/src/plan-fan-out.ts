import { type InngestLimits, inngestLimits } from "@jobkit/functions";
import { checkKnownOptions, configFailure, resolveLimits } from "@jobkit/functions/internal";
import { formatBytes, requestArrayBytes } from "./event-bytes";
import { eventsPerRequest } from "./event-chunker";

/** Events per `step.sendEvent` when `chunkSize` is not given. */
export const defaultChunkSize = 1000;

/** Steps a `fanOut` list spends besides its sends: the `fan-out-plan` step that records the plan. */
export const listPlanSteps = 1;

/**
 * What {@link planFanOut} needs to know about a fan-out.
 *
 * @example Plan for a self-hosted Inngest with more steps per run
 * ```ts
 * import { type FanOutPlanInput, planFanOut } from "@jobkit/fan-out";
 *
 * const input: FanOutPlanInput = {
 *   events: 1_000_000,
 *   eventsPerPage: 1000,
 *   limits: { maxStepsPerRun: 5000 },
 * };
 * console.log(planFanOut(input).steps); // 2000: 1000 pages, one send each
 * ```
 */
export interface FanOutPlanInput {
  /** How many events the fan-out sends. */
  readonly events: number;
  /**
   * Events per `step.sendEvent`; default 1000, at most `maxEventsPerSend` (5000). With `eventBytes`, a chunk
   * also stays within `maxSendRequestBytes` (512 KiB per request).
   */
  readonly chunkSize?: number;
  /**
   * Bytes of one event as it is sent (the UTF-8 bytes of its JSON, with its id and `ts`). Large events fill a
   * 512 KiB send request before `chunkSize` does, so they take more, smaller chunks; leave out to count
   * chunks by `chunkSize` alone.
   */
  readonly eventBytes?: number;
  /** For a `pages` fan-out: the events one page turns into. Leave out for a `fanOut` list. */
  readonly eventsPerPage?: number;
  /** Overrides of `inngestLimits`, for a self-hosted Inngest. */
  readonly limits?: Partial<InngestLimits>;
}

/**
 * The steps a fan-out needs, and whether they fit in one run.
 *
 * @example Fail a deploy check when an audience outgrows one run
 * ```ts
 * import { type FanOutPlan, planFanOut } from "@jobkit/fan-out";
 *
 * export function checkAudience(recipients: number): FanOutPlan {
 *   const plan = planFanOut({ events: recipients, eventsPerPage: 1000 });
 *   if (!plan.withinBudget) {
 *     throw new Error(
 *       `${recipients} recipients need ${plan.steps} steps; one run may have ${plan.maxSteps}`,
 *     );
 *   }
 *   return plan;
 * }
 * ```
 */
export interface FanOutPlan {
  readonly events: number;
  readonly chunkSize: number;
  /** Events one `step.sendEvent` carries: `chunkSize`, or fewer when `eventBytes` fill a request first. */
  readonly eventsPerChunk: number;
  /** Pages fetched, each in its own step; 0 for a `fanOut` list. */
  readonly pages: number;
  /** `step.sendEvent` steps. */
  readonly chunks: number;
  /** Every step of the run: the plan step and the chunks, or one fetch step per page and the chunks. */
  readonly steps: number;
  /** The step limit the plan is checked against (`maxStepsPerRun`). */
  readonly maxSteps: number;
  readonly withinBudget: boolean;
}

/** `ceil(count / size)`: the chunks `count` events are sent in. */
export function chunkCount(count: number, size: number): number {
  return Math.ceil(count / size);
}

/** Throws a `JobError` unless `chunkSize` is a whole number from 1 to `maxEventsPerSend`. */
export function checkChunkSize(
  functionId: string | undefined,
  value: unknown,
  limits: InngestLimits,
): number {
  if (value === undefined) return Math.min(defaultChunkSize, limits.maxEventsPerSend);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > limits.maxEventsPerSend) {
    configFailure(functionId)(
      "chunkSize",
      value,
      `a whole number from 1 to ${limits.maxEventsPerSend} (events per step.sendEvent)`,
      {
        example: String(defaultChunkSize),
        details:
          typeof value === "number" && value > limits.maxEventsPerSend
            ? [`Inngest accepts at most ${limits.maxEventsPerSend} events per send request`]
            : [],
      },
    );
  }
  return value as number;
}

function checkEventBytes(value: unknown, limits: InngestLimits): number | undefined {
  if (value === undefined) return undefined;
  const max = Math.min(limits.maxEventBytes, limits.maxSendRequestBytes - requestArrayBytes);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    configFailure(undefined)("eventBytes", value, `a whole number of bytes from 1 to ${max}`, {
      example: "2048",
      details:
        typeof value === "number" && value > max
          ? [
              `an event may have ${formatBytes(limits.maxEventBytes)} (maxEventBytes) and a send request ${formatBytes(limits.maxSendRequestBytes)} (maxSendRequestBytes)`,
            ]
          : [],
    });
  }
  return value as number;
}

function checkCount(path: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    configFailure(undefined)(path, value, `a whole number of at least ${min}`, { example: "10000" });
  }
  return value as number;
}

const planInputNames = ["events", "chunkSize", "eventBytes", "eventsPerPage", "limits"];

/** `limits` of a plan input: checked like every limits option, without a function to name. */
function planLimits(overrides: unknown): InngestLimits {
  if (overrides === undefined) return inngestLimits;
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    configFailure(undefined)("limits", overrides, "an object of Inngest limit overrides", {
      example: "{ maxStepsPerRun: 2000 }",
    });
  }
  return resolveLimits(overrides as Partial<InngestLimits>);
}

/**
 * Counts the steps a fan-out of `events` events needs and checks them against the step limit, the way
 * `defineFanOut` does before it sends anything: a `fanOut` list takes one plan step plus one step per
 * chunk; `pages` take one fetch step per page plus one step per chunk of each page. A chunk holds
 * `chunkSize` events, or fewer when `eventBytes` says they fill a 512 KiB send request first.
 *
 * @example How many steps do 100 000 recipients take, 1000 per page?
 * ```ts
 * import { planFanOut } from "@jobkit/fan-out";
 *
 * const plan = planFanOut({ events: 100_000, eventsPerPage: 1000 });
 * console.log(plan.pages, plan.chunks, plan.steps, plan.withinBudget); // 100 100 200 true
 * ```
 * @example How many sends do 20 000 events of 2 KiB take?
 * ```ts
 * import { planFanOut } from "@jobkit/fan-out";
 *
 * // 255 events of 2048 bytes fill a 512 KiB send request, before 1000 (chunkSize) do.
 * const plan = planFanOut({ events: 20_000, eventBytes: 2048 });
 * console.log(plan.eventsPerChunk, plan.chunks, plan.steps); // 255 79 80
 * ```
 */
export function planFanOut(input: FanOutPlanInput): FanOutPlan {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    configFailure(undefined)("input", input, "{ events, chunkSize?, eventBytes?, eventsPerPage?, limits? }", {
      example: "{ events: 100000, eventsPerPage: 1000 }",
    });
  }
  checkKnownOptions(undefined, input, planInputNames);
  const limits = planLimits(input.limits);
  const chunkSize = checkChunkSize(undefined, input.chunkSize, limits);
  const eventBytes = checkEventBytes(input.eventBytes, limits);
  const events = checkCount("events", input.events, 0);
  const perChunk =
    eventBytes === undefined
      ? chunkSize
      : Math.min(chunkSize, eventsPerRequest(eventBytes, limits.maxSendRequestBytes));
  let pages = 0;
  let chunks: number;
  let steps: number;
  if (input.eventsPerPage === undefined) {
    chunks = chunkCount(events, perChunk);
    steps = listPlanSteps + chunks;
  } else {
    const perPage = checkCount("eventsPerPage", input.eventsPerPage, 1);
    const fullPages = Math.floor(events / perPage);
    const rest = events % perPage;
    // An empty source still takes one fetch to find out it is empty.
    pages = Math.max(1, fullPages + (rest > 0 ? 1 : 0));
    chunks = fullPages * chunkCount(perPage, perChunk) + chunkCount(rest, perChunk);
    steps = pages + chunks;
  }
  return Object.freeze({
    events,
    chunkSize,
    eventsPerChunk: perChunk,
    pages,
    chunks,
    steps,
    maxSteps: limits.maxStepsPerRun,
    withinBudget: steps <= limits.maxStepsPerRun,
  });
}
