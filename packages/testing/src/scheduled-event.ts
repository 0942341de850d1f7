import type { RunEvent } from "./job-run";

/** An incoming event placed on the run's virtual timeline. */
export interface ScheduledEvent {
  /** Arrival time, milliseconds since the epoch. */
  readonly at: number;
  readonly payload: RunEvent;
}
