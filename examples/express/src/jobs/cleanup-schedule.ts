import { systemCleanup } from "@jobkit/events/standard";
import { defineCronFunction } from "@jobkit/functions";

/** How long each kind of record is kept, in days. */
export const retentionDays = { sessions: 30, tokens: 7, logs: 90, temp_files: 1 } as const;

/**
 * The nightly cleanup cron: every night at 03:00 UTC it asks for one `system/cleanup` per kind of
 * record, so each scope is deleted by its own run of `cleanup-expired-records`, retried on its own,
 * and an admin can start the same cleanup by hand.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { cleanupSchedule } from "./cleanup-schedule";
 *
 * const definition = cleanupSchedule();
 * ```
 */
export function cleanupSchedule() {
  return defineCronFunction({
    id: "cleanup-schedule",
    name: "Nightly cleanup",
    description: "Requests the deletion of expired sessions, tokens, logs and temporary files",
    cron: "0 3 * * *",
    timezone: "UTC",
    sends: [systemCleanup],
    handler: async ({ event, step }) => {
      const night = new Date(event.ts).toISOString().slice(0, 10);
      const requests = Object.entries(retentionDays).map(([scope, olderThanDays]) =>
        systemCleanup.create(
          { scope: scope as keyof typeof retentionDays, olderThanDays },
          // One request per scope and night, even if this run is retried.
          { id: `cleanup-${scope}-${night}` },
        ),
      );
      await step.sendEvent("request-cleanups", requests);
      return { requested: requests.map((request) => request.data.scope) };
    },
  });
}
