import { defineEvent } from "@jobkit/events";
import { defineEventFunction } from "@jobkit/functions";
import { NonRetriableError } from "inngest";
import { z } from "zod";
import type { Store } from "../store";

const timezone = "America/New_York";
const day = 24 * 60 * 60 * 1000;

/** The calendar date (`YYYY-MM-DD`) of an instant in the report's time zone. */
function dateIn(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(instant);
}

/**
 * `report/requested`: one user's daily report, asked for on demand (`POST /reports`). Not in the standard
 * catalog: the job carries the definition, so `register()` needs no catalog entry for it.
 */
export const reportRequested = defineEvent("report/requested", {
  description: "A user asked for their daily sales report.",
  schema: z.object({
    userId: z.string().min(1),
    /** The day to report (`YYYY-MM-DD`, New York time); the day before the request by default. */
    date: z.iso.date().optional(),
  }),
});

/**
 * The daily sales report (the cron job `daily-report`), on demand for one user: that user's orders and
 * revenue of one day. Its return value is what `GET /reports/:eventId` shows, typed.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { userReport } from "./user-report";
 *
 * const definition = userReport(createStore());
 * ```
 */
export function userReport(store: Store) {
  return defineEventFunction({
    id: "user-report",
    name: "Daily report for one user",
    on: reportRequested,
    retries: 2,
    concurrency: { limit: 1, key: "event.data.userId" },
    handler: async ({ event, step }) => {
      const date = event.data.date ?? dateIn(new Date((event.ts ?? Date.now()) - day));
      return step.run("fetch-report-data", () => {
        if (!store.users.has(event.data.userId)) {
          // No id in the message: it ends up in Inngest's dashboard and the failure log.
          throw new NonRetriableError("the report's user does not exist");
        }
        const orders = [...store.orders.values()].filter(
          (order) =>
            order.userId === event.data.userId &&
            order.status !== "cancelled" &&
            dateIn(order.createdAt) === date,
        );
        return {
          userId: event.data.userId,
          date,
          orders: orders.length,
          revenue: orders.reduce((sum, order) => sum + order.amount, 0),
        };
      });
    },
  });
}
