import { JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { planReminders } from "./plan-reminders";
import { ReminderError } from "./reminder-error";

interface TrialEvent {
  readonly ts: number;
  readonly data: { readonly endsAt?: string | null; readonly zone?: string };
}

const start = Date.parse("2026-03-01T12:00:00Z");
const trial = (endsAt: string | null | undefined, ts = start): TrialEvent => ({ ts, data: { endsAt } });
const endsAt = (event: TrialEvent) => event.data.endsAt;
const offsets = [
  { id: "ends-in-7d", before: "7d", of: endsAt },
  { id: "ends-in-3d", before: "3d", of: endsAt },
  { id: "ends-in-1d", before: "1d", of: endsAt },
  { id: "ends-in-0d", before: "0d", of: endsAt },
] as const;

const summary = (plan: ReturnType<typeof planReminders>) =>
  plan.reminders.map(
    (reminder) => `${reminder.id} ${reminder.at?.toISOString()} ${reminder.reason ?? reminder.status}`,
  );

describe("planReminders", () => {
  it.each([Number.NaN, new Date("not a date"), Number.POSITIVE_INFINITY, "yesterday", new Date(-8.64e15)])(
    "refuses a clock that is not a date (%s) instead of planning against it",
    (now) => {
      expect(() =>
        planReminders(offsets, { event: trial("2026-03-15T12:00:00Z"), now: now as never }),
      ).toThrow(JobError);
    },
  );

  it("refuses a deadline at the end of time instead of a RangeError (found by the fuzz suite)", () => {
    const plan = () => planReminders(offsets, { event: trial(8.64e15 as never), now: start });
    expect(plan).toThrow(ReminderError);
    expect(plan).toThrow(/between the years 1 and 9999/);
  });

  it("refuses missing options and a misspelt one", () => {
    expect(() => planReminders(offsets, null as never)).toThrow(JobError);
    expect(() => planReminders(offsets, { event: trial(null), now: start, timzone: "UTC" } as never)).toThrow(
      /did you mean "timezone"\?/,
    );
  });

  it("resolves reminders before a deadline read from the event", () => {
    const plan = planReminders(offsets, { event: trial("2026-03-15T12:00:00Z"), now: start });
    expect(summary(plan)).toEqual([
      "ends-in-7d 2026-03-08T12:00:00.000Z pending",
      "ends-in-3d 2026-03-12T12:00:00.000Z pending",
      "ends-in-1d 2026-03-14T12:00:00.000Z pending",
      "ends-in-0d 2026-03-15T12:00:00.000Z pending",
    ]);
  });

  it("counts after-reminders from the trigger's ts, not from when the run plans", () => {
    const plan = planReminders([{ id: "first", after: "24h" }], {
      event: trial(undefined, start),
      now: start + 60_000,
    });
    expect(plan.reminders[0]?.at?.toISOString()).toBe("2026-03-02T12:00:00.000Z");
  });

  it("counts from the planning instant when the event has no ts", () => {
    const plan = planReminders([{ id: "first", after: "1h" }], { event: { data: {} }, now: start });
    expect(plan.reminders[0]?.at?.getTime()).toBe(start + 3_600_000);
  });

  it("counts an after-reminder from the instant of returns", () => {
    const plan = planReminders([{ id: "overdue-1d", after: "1d", of: endsAt }], {
      event: trial("2026-03-15T12:00:00Z"),
      now: start,
    });
    expect(plan.reminders[0]?.at?.toISOString()).toBe("2026-03-16T12:00:00.000Z");
  });

  it("orders reminders by time whatever order the schedule lists them in, ties by position", () => {
    const plan = planReminders(
      [
        { id: "late", after: "3d" },
        { id: "early", after: "1d" },
        { id: "also-early", after: "24h" },
      ],
      { event: trial(undefined), now: start },
    );
    expect(plan.reminders.map((reminder) => reminder.id)).toEqual(["early", "also-early", "late"]);
  });

  it("skips reminders already past when a trial is reported late, and keeps the rest", () => {
    const plan = planReminders(offsets, { event: trial("2026-03-05T12:00:00Z"), now: start });
    expect(summary(plan)).toEqual([
      "ends-in-7d 2026-02-26T12:00:00.000Z passed",
      "ends-in-3d 2026-03-02T12:00:00.000Z pending",
      "ends-in-1d 2026-03-04T12:00:00.000Z pending",
      "ends-in-0d 2026-03-05T12:00:00.000Z pending",
    ]);
  });

  it("keeps a reminder due within the grace period and skips one due before it", () => {
    const schedule = [{ id: "now", after: "0s" }] as const;
    const event = trial(undefined, start);
    expect(planReminders(schedule, { event, now: start + 59 * 60_000 }).reminders[0]?.status).toBe("pending");
    expect(planReminders(schedule, { event, now: start + 61 * 60_000 }).reminders[0]?.reason).toBe("passed");
    expect(planReminders(schedule, { event, now: start + 1, grace: "0s" }).reminders[0]?.reason).toBe(
      "passed",
    );
  });

  it("skips a reminder whose deadline the event does not have", () => {
    const plan = planReminders(offsets.slice(0, 1), { event: trial(null), now: start });
    expect(plan.reminders[0]).toMatchObject({ status: "skipped", reason: "no-deadline", at: undefined });
  });

  it("lands a deadline across the March change in New York at the same local hour", () => {
    // The trial ends at 09:00 EDT on March 10; 3 and 7 days before are 09:00 EST.
    const plan = planReminders(offsets, {
      event: trial("2026-03-10T13:00:00Z", Date.parse("2026-03-01T00:00:00Z")),
      now: Date.parse("2026-03-01T00:00:00Z"),
      timezone: "America/New_York",
    });
    expect(summary(plan)).toEqual([
      "ends-in-7d 2026-03-03T14:00:00.000Z pending",
      "ends-in-3d 2026-03-07T14:00:00.000Z pending",
      "ends-in-1d 2026-03-09T13:00:00.000Z pending",
      "ends-in-0d 2026-03-10T13:00:00.000Z pending",
    ]);
  });

  it("reads the time zone from the event", () => {
    const plan = planReminders([{ id: "ends-in-3d", before: "3d", of: endsAt }], {
      event: { ts: start, data: { endsAt: "2026-03-10", zone: "Europe/Rome" } },
      now: start,
      timezone: (event) => event.data.zone,
    });
    expect(plan.timezone).toBe("Europe/Rome");
    expect(plan.reminders[0]?.at?.toISOString()).toBe("2026-03-06T23:00:00.000Z"); // midnight in Rome
  });

  it("refuses, at run time, a reminder further ahead than Inngest can sleep", () => {
    const plan = () =>
      planReminders(offsets.slice(0, 1), {
        event: trial("2028-01-01T00:00:00Z"),
        now: start,
        functionId: "trials",
      });
    expect(plan).toThrow(ReminderError);
    expect(plan).toThrow(/Invalid reminder time of reminder "ends-in-7d" in function "trials"/);
    expect(plan).toThrow(/expected: at most 365 days ahead/);
  });

  it("refuses a deadline that is not a date, showing only that value", () => {
    let error: unknown;
    try {
      planReminders(offsets.slice(0, 1), { event: trial("soon"), now: start, functionId: "trials" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReminderError);
    expect(error).toMatchObject({ reminderId: "ends-in-7d", received: '"soon"', functionId: "trials" });
  });

  it("wraps an error thrown by of, keeping it as the cause", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'endsAt')");
    let error: unknown;
    try {
      planReminders(
        [
          {
            id: "x",
            before: "1d",
            of: () => {
              throw bug;
            },
          },
        ],
        { event: trial(null), now: start },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReminderError);
    expect((error as Error).cause).toBe(bug);
    expect((error as Error).message).not.toContain("reading 'endsAt'");
  });

  it("refuses an unknown time zone", () => {
    expect(() => planReminders(offsets, { event: trial(null), now: start, timezone: "Moon/Base" })).toThrow(
      /Invalid time zone: "Moon\/Base"/,
    );
  });

  it("checks the schedule it is given", () => {
    expect(() =>
      planReminders([{ id: "x", after: "2y" as never }], { event: trial(null), now: start }),
    ).toThrow(JobError);
  });
});
