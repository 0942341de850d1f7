import { emailSend } from "@jobkit/events/standard";
import { defineCronFunction } from "@jobkit/functions";
import type { Store } from "../store";

const timezone = "America/New_York";
const day = 24 * 60 * 60 * 1000;

/** The calendar date (`YYYY-MM-DD`) of an instant in the report's time zone. */
function dateIn(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(instant);
}

/**
 * The daily sales report: every day at 9:00 New York time, totals yesterday's orders,
 * revenue and new customers, emails the admins and stores the report for history.
 *
 * @example Register it with the app's other jobs
 * ```ts
 * import { createStore } from "../store";
 * import { dailyReport } from "./daily-report";
 *
 * const definition = dailyReport(createStore());
 * ```
 */
export function dailyReport(store: Store) {
  return defineCronFunction({
    id: "daily-report",
    name: "Daily sales report",
    description: "Generates yesterday's sales report and emails it to the admins",
    cron: "0 9 * * *",
    timezone,
    retries: { attempts: 2, backoff: "exponential" },
    sends: [emailSend],
    handler: async ({ event, step }) => {
      // The schedule's time, not the clock's: a retry an hour later still reports the same day.
      const date = dateIn(new Date(event.ts - day));
      const report = await step.run("fetch-report-data", () => {
        const orders = [...store.orders.values()].filter(
          (order) => order.status !== "cancelled" && dateIn(order.createdAt) === date,
        );
        const newCustomers = [...store.users.values()].filter((user) => dateIn(user.createdAt) === date);
        return {
          date,
          orders: orders.length,
          revenue: orders.reduce((sum, order) => sum + order.amount, 0),
          newCustomers: newCustomers.length,
        };
      });
      const admins = await step.run("get-admin-emails", () =>
        [...store.users.values()].filter((user) => user.role === "admin").map((user) => user.email),
      );
      const [first, ...rest] = admins;
      if (first !== undefined) {
        await step.sendEvent(
          "send-report-email",
          emailSend.create(
            {
              to: [first, ...rest],
              template: "report-ready",
              subject: `Daily sales report - ${report.date}`,
              data: report,
            },
            { id: `daily-report-${report.date}` },
          ),
        );
      }
      await step.run("store-report", () => {
        store.reports.push(report);
      });
      return { reportDate: report.date, metrics: report, recipients: admins.length };
    },
  });
}
