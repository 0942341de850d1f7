import type { OutgoingOp } from "inngest";
import type { LogEntry, RunEvent, SentEvent, TimelineEntry } from "./job-run";

/** Everything a run records as it goes, shared by the function's execution and its `onFailure` handler. */
export class RunRecorder {
  readonly timeline: TimelineEntry[] = [];
  readonly sent: SentEvent[] = [];
  readonly logs: LogEntry[] = [];
  /** Events captured by the run client, waiting to be attributed to the `step.sendEvent` that sent them. */
  readonly unattributedSends: RunEvent[] = [];
  /** The most attempts any step or the function body needed. */
  attempts = 1;
  /** A misuse found while Inngest code was running; the runner throws it once control returns. */
  fatal: Error | undefined;
  /** Receives the steps the SDK checkpoints during the execution in progress. */
  checkpoint: (steps: readonly OutgoingOp[]) => void = () => undefined;

  /** Records `error` as the reason to stop, keeping the first one. */
  fail(error: Error): Error {
    this.fatal ??= error;
    return error;
  }

  /** The timeline in virtual time order (entries that started at the same time keep their order). */
  sortedTimeline(): TimelineEntry[] {
    return this.timeline
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index)
      .map(({ entry }) => entry);
  }
}
