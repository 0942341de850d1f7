import { formatDuration } from "@jobkit/functions";
import type { MatcherState } from "vitest";
import type { JobRun, SentEvent, SleepEntry, TimelineEntry } from "./job-run";
import { parseDuration } from "./parse-time";
import type { DurationInput } from "./run-job-options";

/** What a matcher returns; `actual` and `expected` feed the runner's diff. */
interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/**
 * The matchers `@jobkit/testing/vitest` adds to `expect`, for typing other assertion libraries.
 *
 * @example Add the matchers to Vitest's asymmetric matchers too
 * ```ts
 * import type { JobMatchers } from "@jobkit/testing/vitest";
 *
 * declare module "vitest" {
 *   interface AsymmetricMatchersContaining extends JobMatchers {}
 * }
 * ```
 */
export interface JobMatchers<TResult = unknown> {
  /** The run sent an event named `name` with `step.sendEvent`, whose data contains `partialData` (deeply). */
  toHaveSentEvent(name: string, partialData?: unknown): TResult;
  /** The run completed: not failed, not cancelled. */
  toHaveCompleted(): TResult;
  /** The run slept exactly `duration` (`"3d"`, `"1h30m"`, ms) in one `step.sleep` or `step.sleepUntil`. */
  toHaveSlept(duration: DurationInput, stepId?: string): TResult;
}

function assertRun(matcher: string, received: unknown): asserts received is JobRun {
  const candidate = received as Partial<JobRun> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.status !== "string" ||
    !Array.isArray(candidate.timeline) ||
    !Array.isArray(candidate.sent)
  ) {
    throw new TypeError(
      `${matcher} expects the run returned by runJob(), received ${candidate === null ? "null" : typeof candidate}\n` +
        "  e.g. const run = await runJob(job, { event }); expect(run)." +
        `${matcher}(…)`,
    );
  }
}

const time = (date: Date): string => date.toISOString();

/** The first stack frames that point at the user's code, not at Inngest or Node internals. */
function userFrames(stack: string | undefined): string {
  const frames = (stack ?? "")
    .split("\n")
    .slice(1)
    .filter((line) => line.trim().startsWith("at ") && !/node_modules|node:internal/.test(line))
    .slice(0, 3);
  return frames.length > 0 ? `${frames.join("\n")}\n` : "";
}

function describeSent(event: SentEvent): string {
  return `"${event.name}" by step "${event.stepId}" at ${time(event.at)}`;
}

function describeEntry(entry: TimelineEntry): string {
  const base = `${time(entry.at)} ${entry.type} "${entry.id}"`;
  switch (entry.type) {
    case "retry":
      return `${base} attempt ${entry.attempt} failed (${entry.error.message}), next in ${formatDuration(entry.delay)}`;
    case "sleep":
    case "sleepUntil":
      return `${base} ${formatDuration(entry.duration)}`;
    case "waitForEvent":
      return `${base} for "${entry.event}": ${entry.received ? `received ${entry.received.id}` : "timed out"}`;
    case "step":
      return entry.error ? `${base} failed: ${entry.error.message}` : base;
    case "cancelled":
      return `${time(entry.at)} cancelled by ${entry.event ? `event "${entry.event.name}"` : "timeouts.finish"}`;
    default:
      return base;
  }
}

function lastEntries(run: JobRun, count = 8): string {
  const entries = run.timeline.slice(-count).map((entry) => `    ${describeEntry(entry)}`);
  const skipped = run.timeline.length - entries.length;
  return [skipped > 0 ? `    … ${skipped} earlier entries` : undefined, ...entries]
    .filter(Boolean)
    .join("\n");
}

/**
 * The matcher implementations behind `@jobkit/testing/vitest`, for `expect.extend` in any Vitest (or
 * Jest-compatible) setup.
 *
 * @example Register the matchers yourself
 * ```ts
 * import { expect } from "vitest";
 * import { jobMatchers } from "@jobkit/testing/vitest";
 *
 * expect.extend(jobMatchers);
 * ```
 */
export const jobMatchers = {
  toHaveSentEvent(this: MatcherState, received: unknown, name: string, partialData?: unknown): MatcherResult {
    assertRun("toHaveSentEvent", received);
    const { utils } = this;
    const named = received.sent.filter((event) => event.name === name);
    const matches =
      partialData === undefined
        ? named
        : named.filter((event) =>
            this.equals(event.data, partialData, [utils.iterableEquality, utils.subsetEquality]),
          );
    const pass = matches.length > 0;
    const hint = utils.matcherHint(
      ".toHaveSentEvent",
      "run",
      partialData === undefined ? "name" : "name, data",
      {
        isNot: this.isNot,
      },
    );
    const wanted = `an event ${utils.printExpected(name)}${partialData === undefined ? "" : ` with data containing ${utils.printExpected(partialData)}`}`;
    const all =
      received.sent.length === 0
        ? "no events at all"
        : received.sent.map((event) => `\n    ${describeSent(event)}`).join("");
    return {
      pass,
      // The closest candidate's data against the expected data, for the runner's diff.
      actual: partialData === undefined ? received.sent.map((event) => event.name) : named[0]?.data,
      expected: partialData === undefined ? name : partialData,
      message: () =>
        pass
          ? `${hint}\n\nExpected the run not to send ${wanted}\nReceived: ${matches.map(describeSent).join(", ")}`
          : `${hint}\n\nExpected the run to send ${wanted}\n` +
            (named.length > 0 && partialData !== undefined
              ? `Received ${named.length} "${name}" event(s) with other data:\n${named
                  .map(
                    (event) =>
                      `  ${describeSent(event)}:\n${utils.diff(partialData, event.data, { expand: false }) ?? ""}`,
                  )
                  .join("\n")}\n`
              : "") +
            `Sent: ${all}`,
    };
  },

  toHaveCompleted(this: MatcherState, received: unknown): MatcherResult {
    assertRun("toHaveCompleted", received);
    const { utils } = this;
    const pass = received.status === "completed";
    const hint = utils.matcherHint(".toHaveCompleted", "run", "", { isNot: this.isNot });
    const cancelled = received.timeline.find((entry) => entry.type === "cancelled");
    const why =
      received.status === "failed"
        ? `failed after ${received.attempts} attempt(s): ${received.error?.name ?? "Error"}: ${received.error?.message ?? ""}\n` +
          userFrames(received.error?.stack)
        : received.status === "cancelled" && cancelled
          ? `${describeEntry(cancelled)}\n`
          : "\n";
    return {
      pass,
      actual: received.status,
      expected: "completed",
      message: () =>
        pass
          ? `${hint}\n\nExpected the run not to complete, but it completed at ${time(received.endedAt)} with output ${utils.printReceived(received.output)}`
          : `${hint}\n\nExpected status: ${utils.printExpected("completed")}\nReceived status: ${utils.printReceived(received.status)}, ${why}` +
            `Last timeline entries:\n${lastEntries(received)}`,
    };
  },

  toHaveSlept(
    this: MatcherState,
    received: unknown,
    duration: DurationInput,
    stepId?: string,
  ): MatcherResult {
    assertRun("toHaveSlept", received);
    const { utils } = this;
    const expected = parseDuration(duration);
    if (expected === undefined) {
      throw new TypeError(
        `toHaveSlept expects a duration such as "3d", "1h30m" or milliseconds, received ${JSON.stringify(duration)}`,
      );
    }
    const sleeps = received.timeline.filter(
      (entry): entry is SleepEntry => entry.type === "sleep" || entry.type === "sleepUntil",
    );
    const pass = sleeps.some(
      (entry) => entry.duration === expected && (stepId === undefined || entry.id === stepId),
    );
    const hint = utils.matcherHint(
      ".toHaveSlept",
      "run",
      stepId === undefined ? "duration" : "duration, stepId",
      {
        isNot: this.isNot,
      },
    );
    const wanted = `a sleep of ${formatDuration(expected)} (${expected} ms)${stepId === undefined ? "" : ` in step "${stepId}"`}`;
    const seen = sleeps.map((entry) => `"${entry.id}" ${formatDuration(entry.duration)}`);
    return {
      pass,
      actual: sleeps.map((entry) => ({ id: entry.id, duration: formatDuration(entry.duration) })),
      expected: [{ id: stepId ?? "(any step)", duration: formatDuration(expected) }],
      message: () =>
        `${hint}\n\nExpected the run ${pass ? "not " : ""}to have ${wanted}\n` +
        `Received sleeps: ${seen.length > 0 ? seen.join(", ") : "none"}`,
    };
  },
};
