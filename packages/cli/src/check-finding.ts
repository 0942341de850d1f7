/**
 * How bad a finding is: errors fail `jobkit check`, warnings only with `--strict`.
 */
export type CheckSeverity = "error" | "warning";

/**
 * What a finding is about.
 *
 * | code | severity | meaning |
 * | --- | --- | --- |
 * | `module-load` | error | the module threw while it was imported, e.g. a definition with a bad cron |
 * | `no-definitions` | error | the module exports no job definitions |
 * | `no-catalog` | warning | the module exports no catalog; the catalog checks were skipped |
 * | `duplicate-id` | error | two definitions share an id |
 * | `unknown-trigger` | error | a function is triggered by an event the catalog does not define |
 * | `unknown-cancel-event` | error | a `cancelOn` event is not in the catalog |
 * | `unknown-sent-event` | warning | a function declares it sends an event the catalog does not define |
 * | `version-mismatch` | error/warning | a definition uses another version of an event than the catalog (error when the major differs) |
 * | `sent-not-consumed` | warning | an event is sent but no function in the module triggers on it or cancels on it |
 * | `unknown-key-path` | error | a key or CEL expression reads `event.data.<path>` that the event's schema does not have |
 * | `invalid-cron` | error | a cron expression or timezone the parser rejects |
 * | `cron-dst-gap` | warning | a scheduled local time does not exist on a daylight-saving day |
 * | `cron-dst-overlap` | warning | a scheduled local time happens twice on a daylight-saving day |
 * | `cron-day-or` | warning | both day-of-month and day-of-week are set: cron runs when either matches |
 */
export type CheckCode =
  | "module-load"
  | "no-definitions"
  | "no-catalog"
  | "duplicate-id"
  | "unknown-trigger"
  | "unknown-cancel-event"
  | "unknown-sent-event"
  | "version-mismatch"
  | "sent-not-consumed"
  | "unknown-key-path"
  | "invalid-cron"
  | "cron-dst-gap"
  | "cron-dst-overlap"
  | "cron-day-or";

/**
 * One problem `checkJobs` found.
 */
export interface CheckFinding {
  readonly severity: CheckSeverity;
  readonly code: CheckCode;
  /** What is wrong, where, and what is expected; several lines. */
  readonly message: string;
  /** The function the finding is about, if any. */
  readonly functionId?: string;
  /** The event the finding is about, if any. */
  readonly event?: string;
}
