import { systemCleanup } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import type { Store } from "../store";

const day = 24 * 60 * 60 * 1000;

/**
 * Deletes the expired records of one scope on `system/cleanup`, from the nightly schedule or an admin;
 * one run per scope at a time.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { cleanupExpiredRecords } from "./cleanup-expired-records";
 *
 * const definition = cleanupExpiredRecords(createStore());
 * ```
 */
export function cleanupExpiredRecords(store: Store) {
  return defineEventFunction({
    id: "cleanup-expired-records",
    name: "Delete expired records",
    description: "Deletes sessions, tokens, logs or temporary files older than the given number of days",
    on: systemCleanup,
    concurrency: { limit: 1, key: "event.data.scope" },
    handler: async ({ event, step }) => {
      const { scope, olderThanDays } = event.data;
      const before = new Date(event.ts - olderThanDays * day);
      const deleted = await step.run("delete-records", () => store.purge(scope, before));
      return { scope, deleted, before: before.toISOString() };
    },
  });
}
