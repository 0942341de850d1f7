import type { JobRun, RunEvent, TimelineEntry } from "@jobkit/testing";

/** What kind of thing happened, for colouring and for tests. */
export type TimelineKind =
  | "event"
  | "step"
  | "sleep"
  | "wait"
  | "send"
  | "retry"
  | "done"
  | "cancelled"
  | "failed";

/** One line of a scenario's timeline, on the virtual clock. */
export interface TimelineLine {
  readonly at: Date;
  /** Who did it: a function id, or `event` for an event arriving from outside. */
  readonly source: string;
  readonly kind: TimelineKind;
  /** What happened: an event name, a step id, an outcome. */
  readonly text: string;
  /** The particulars, shown after `text`. */
  readonly detail?: string;
}

/** A demo scenario: a title, when it starts on the virtual clock, and what happened in order. */
export interface Scenario {
  readonly title: string;
  readonly startedAt: Date;
  readonly lines: readonly TimelineLine[];
}

const units = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
] as const;

/**
 * A duration in at most two units: `1s`, `24h`, `7d`, `2d 12h`, `250ms`.
 *
 * @example
 * ```ts
 * import { formatDuration } from "./timeline";
 *
 * formatDuration(86_400_000); // "24h"
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  // A day reads better as 24h; longer spans in days.
  if (ms === 86_400_000) return "24h";
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 && parts.length < 2) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  return parts.join(" ");
}

/** The few fields that tell events apart, never a whole payload. */
export function describeEvent(event: Pick<RunEvent, "name" | "data">): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.name === "email/send") {
    const to = [data.to].flat().join(", ");
    return `${data.template} to ${to}: "${data.subject}"`;
  }
  const keys = ["orderId", "cartId", "userId", "scope", "channel", "list", "to", "title"];
  return keys
    .filter((key) => typeof data[key] === "string" || typeof data[key] === "number")
    .slice(0, 2)
    .map((key) => `${key} ${data[key]}`)
    .join(", ");
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
}

function compact(value: unknown): string {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length > 70 ? `${json.slice(0, 69)}…` : json;
}

/** How a step's output reads in the timeline; `undefined` shows its JSON. */
export type StepSummary = (stepId: string, output: unknown) => string | undefined;

function linesOf(entry: TimelineEntry, source: string, summary: StepSummary | undefined): TimelineLine[] {
  const at = entry.at;
  switch (entry.type) {
    case "step": {
      if (entry.error !== undefined) {
        return [{ at, source, kind: "failed", text: `✗ ${entry.id}`, detail: errorMessage(entry.error) }];
      }
      const detail = summary?.(entry.id, entry.output) ?? compact(entry.output);
      return [{ at, source, kind: "step", text: `✓ ${entry.id}`, ...(detail === "" ? {} : { detail }) }];
    }
    case "sleep":
    case "sleepUntil":
      return [
        {
          at,
          source,
          kind: "sleep",
          text: `… ${entry.id}`,
          detail: `sleeps ${formatDuration(entry.duration)}`,
        },
      ];
    case "waitForEvent":
      return [
        {
          at,
          source,
          kind: "wait",
          text: `… ${entry.id}`,
          detail: `waits up to ${formatDuration(entry.timeout)} for ${entry.event}`,
        },
      ];
    case "sendEvent":
      return entry.events.map((event) => ({
        at,
        source,
        kind: "send" as const,
        text: `→ ${event.name}`,
        detail: describeEvent(event),
      }));
    case "retry":
      return [
        {
          at,
          source,
          kind: "retry",
          text: `↻ ${entry.id}`,
          detail: `attempt ${entry.attempt + 1} failed (${errorMessage(entry.error)}); retry in ${formatDuration(entry.delay)}`,
        },
      ];
    case "cancelled":
      return [
        {
          at,
          source,
          kind: "cancelled",
          text: "⊘ cancelled",
          detail:
            entry.reason === "event" && entry.event
              ? `by ${entry.event.name} (${describeEvent(entry.event)})`
              : "timed out",
        },
      ];
    default:
      return [];
  }
}

/**
 * The timeline lines of a run: its steps, sleeps, sent events, retries, and how it ended.
 *
 * @example
 * ```ts
 * import type { JobRun } from "@jobkit/testing";
 * import { describeRun } from "./timeline";
 *
 * declare const run: JobRun;
 * const lines = describeRun(run, { result: (output) => JSON.stringify(output) });
 * ```
 */
export function describeRun(
  run: JobRun,
  options: { readonly summary?: StepSummary; readonly result?: (output: unknown) => string } = {},
): TimelineLine[] {
  const source = run.functionId;
  const lines = run.timeline
    .filter((entry) => entry.handler === "main")
    .flatMap((entry) => linesOf(entry, source, options.summary));
  if (run.status === "completed") {
    const detail = options.result?.(run.output) ?? compact(run.output);
    lines.push({
      at: run.endedAt,
      source,
      kind: "done",
      text: "✓ completed",
      ...(detail === "" ? {} : { detail }),
    });
  } else if (run.status === "failed") {
    lines.push({
      at: run.endedAt,
      source,
      kind: "failed",
      text: "✗ failed",
      detail: errorMessage(run.error),
    });
  }
  return lines;
}

/** The line of an event arriving from outside the run (the app sending it). */
export function arrival(at: Date, event: Pick<RunEvent, "name" | "data">, note?: string): TimelineLine {
  return {
    at,
    source: "event",
    kind: "event",
    text: event.name,
    detail: note ?? describeEvent(event),
  };
}
