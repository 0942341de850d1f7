import type { HandlerContext } from "@jobkit/functions";
import type { InngestContext } from "@jobkit/functions/internal";
import type { CheckedReminder } from "./check-schedule";
import {
  type PlannedReminder,
  planChecked,
  type ReminderPlan,
  resolveTimezone,
  type SkipReason,
  type TimezoneOption,
} from "./plan-reminders";
import { ReminderError } from "./reminder-error";

/**
 * The reminder being handled: its id, when it is due, and its position in `schedule`.
 *
 * @example A log line per reminder
 * ```ts
 * import type { ReminderInfo } from "@jobkit/reminders";
 *
 * export const describeReminder = (reminder: ReminderInfo) =>
 *   `#${reminder.index + 1} "${reminder.id}", due ${reminder.at.toISOString()}`;
 * ```
 */
export interface ReminderInfo {
  readonly id: string;
  /** The instant it is due. */
  readonly at: Date;
  /** Position in `schedule` as written. */
  readonly index: number;
}

/**
 * What `stillRelevant` and `send` receive.
 *
 * @example A send callback in a module of its own
 * ```ts
 * import type { ReminderContext, TrialStartedEvent } from "@jobkit/reminders";
 *
 * declare const mailer: { send(to: string, template: string, idempotencyKey: string): Promise<void> };
 *
 * // The key makes a retried send safe at the email provider.
 * export async function sendTrialReminder({ event, reminder, runId }: ReminderContext<TrialStartedEvent>) {
 *   await mailer.send(event.data.email, `trial-${reminder.id}`, `${runId}-${reminder.id}`);
 * }
 * ```
 */
export interface ReminderContext<TEvent> {
  /** The trigger event, typed from `on`. */
  readonly event: TEvent;
  readonly reminder: ReminderInfo;
  /** Inngest's zero-based attempt of this step: `send` sees 1 on its first retry. */
  readonly attempt: number;
  readonly runId: string;
  readonly logger: InngestContext["logger"];
}

/**
 * What `emit` receives: no `attempt`, as it runs outside a step and must not have side effects.
 *
 * @example An emit callback that builds a text message
 * ```ts
 * import { smsSend } from "@jobkit/events/standard";
 * import type { ReceivedEvent } from "@jobkit/functions";
 * import type { ReminderEmitContext } from "@jobkit/reminders";
 *
 * type AppointmentBooked = ReceivedEvent<"appointment/booked", { phone: string; startsAt: string }>;
 *
 * // Pure: it only builds the event, the sequence sends it.
 * export const textReminder = ({ event }: ReminderEmitContext<AppointmentBooked>) =>
 *   smsSend.create({
 *     phoneNumber: event.data.phone,
 *     message: `Reminder: your appointment at ${event.data.startsAt}`,
 *   });
 * ```
 */
export interface ReminderEmitContext<TEvent> {
  readonly event: TEvent;
  readonly reminder: ReminderInfo;
  readonly runId: string;
}

/**
 * What `stillRelevant` returns: `true` to send, `false` to skip this reminder (`"not-relevant"`), or a
 * decision with a recorded `reason` and `stop: true` to skip every later reminder as well.
 *
 * @example Skip one reminder, or stop the sequence
 * ```ts
 * import type { Relevance } from "@jobkit/reminders";
 *
 * declare const orders: { statusOf(orderId: string): Promise<"open" | "on-hold" | "paid" | "cancelled"> };
 *
 * export async function stillDue(orderId: string): Promise<Relevance> {
 *   const status = await orders.statusOf(orderId);
 *   if (status === "paid" || status === "cancelled") return { relevant: false, reason: status, stop: true };
 *   return status === "open"; // on hold: skip this reminder, keep the later ones
 * }
 * ```
 */
export type Relevance =
  | boolean
  | { readonly relevant: true }
  | { readonly relevant: false; readonly reason?: string; readonly stop?: boolean };

/**
 * An event `emit` returns, e.g. what an event definition's `create()` builds.
 *
 * @example An event for another app's catalog, built by hand
 * ```ts
 * import type { ReminderEvent } from "@jobkit/reminders";
 *
 * export function followUpTask(userId: string, reminderId: string): ReminderEvent {
 *   return { name: "crm/task.create", data: { userId, title: `Follow up (${reminderId})` } };
 * }
 * ```
 */
export interface ReminderEvent {
  readonly name: string;
  readonly data?: unknown;
  /** Defaults to `reminder-<runId>-<reminder id>`, so Inngest drops a duplicate of the same reminder. */
  readonly id?: string;
  readonly ts?: number;
  readonly v?: string;
}

/**
 * What happened to one reminder of a run.
 *
 * @example Report each reminder of a finished run
 * ```ts
 * import type { ReminderOutcome } from "@jobkit/reminders";
 *
 * export function outcomeLine(outcome: ReminderOutcome): string {
 *   return outcome.status === "sent"
 *     ? `${outcome.id}: sent (due ${outcome.at})`
 *     : `${outcome.id}: skipped, ${outcome.reason}`;
 * }
 * ```
 */
export interface ReminderOutcome {
  readonly id: string;
  /** When it was due (ISO 8601); `null` when its deadline was missing. */
  readonly at: string | null;
  readonly status: "sent" | "skipped";
  /** Why it was skipped. */
  readonly reason?: SkipReason;
}

/**
 * What a reminder sequence's run returns: the plan's instant and each reminder's outcome, in time order.
 *
 * @example Summarise a finished run on an admin page
 * ```ts
 * import type { ReminderSequenceResult } from "@jobkit/reminders";
 *
 * export function summary(result: ReminderSequenceResult): string {
 *   const { sent, skipped, plannedAt, timezone } = result;
 *   return `${sent} sent, ${skipped} skipped (planned ${plannedAt}, ${timezone})`;
 * }
 * ```
 */
export interface ReminderSequenceResult {
  /** The run's memoized "now" (ISO 8601) that decided which reminders had already passed. */
  readonly plannedAt: string;
  /** The time zone calendar days were counted in. */
  readonly timezone: string;
  readonly sent: number;
  readonly skipped: number;
  readonly reminders: readonly ReminderOutcome[];
}

/** The checked parts of a reminder sequence the handler runs. */
export interface ReminderHandlerParts<TEvent> {
  readonly functionId: string | undefined;
  readonly schedule: readonly CheckedReminder<TEvent>[];
  readonly timezone: TimezoneOption<TEvent> | undefined;
  readonly graceMs: number;
  readonly maxSleepMs: number;
  readonly stillRelevant: ((ctx: ReminderContext<TEvent>) => Relevance | Promise<Relevance>) | undefined;
  readonly send: ((ctx: ReminderContext<TEvent>) => unknown) | undefined;
  readonly emit: ((ctx: ReminderEmitContext<TEvent>) => ReminderEvent | readonly ReminderEvent[]) | undefined;
}

type Check =
  | { readonly send: true }
  | { readonly send: false; readonly reason: string; readonly stop: boolean };

/** The step ids of a reminder; stable, so a replay or a retry finds the memoized results. */
export const reminderStepIds = {
  plan: "plan",
  wait: (id: string) => `wait-${id}`,
  check: (id: string) => `check-${id}`,
  send: (id: string) => `send-${id}`,
} as const;

/**
 * Builds the handler of a reminder sequence. "Now" is read once, in the memoized `plan` step: every
 * replay plans from the same instant. Each reminder then sleeps until its instant, reads the clock again
 * in its own memoized `check` step (too late: skipped; otherwise `stillRelevant` decides), and sends in
 * its own step, so a failing send retries alone and earlier sends are never repeated.
 */
export function createReminderHandler<TEvent>(
  parts: ReminderHandlerParts<TEvent>,
): (ctx: HandlerContext<TEvent>) => Promise<ReminderSequenceResult> {
  return async ({ event, step, runId, logger, attempt }) => {
    const plannedAt = await step.run(reminderStepIds.plan, () => Date.now());
    const plan = planOrFail(parts, event, plannedAt);
    const outcomes: ReminderOutcome[] = [];
    let stopped = false;
    for (const planned of plan.reminders) {
      if (planned.status === "skipped" || planned.at === undefined) {
        outcomes.push(skipped(planned, planned.reason ?? "passed"));
        continue;
      }
      if (stopped) {
        outcomes.push(skipped(planned, "stopped"));
        continue;
      }
      const at = planned.at;
      const reminder: ReminderInfo = { id: planned.id, at, index: planned.index };
      // Whether to sleep is decided from the memoized plan, never from a fresh clock reading.
      if (at.getTime() > plannedAt) await step.sleepUntil(reminderStepIds.wait(planned.id), at);
      const check = await step.run(reminderStepIds.check(planned.id), async (): Promise<Check> => {
        if (Date.now() > at.getTime() + parts.graceMs) return { send: false, reason: "late", stop: false };
        if (parts.stillRelevant === undefined) return { send: true };
        return toCheck(
          await parts.stillRelevant({ event, reminder, attempt, runId, logger }),
          parts.functionId,
          reminder.id,
        );
      });
      if (!check.send) {
        outcomes.push(skipped(planned, check.reason));
        stopped = check.stop;
        continue;
      }
      if (parts.send !== undefined) {
        const send = parts.send;
        await step.run(reminderStepIds.send(planned.id), () =>
          send({ event, reminder, attempt, runId, logger }),
        );
      } else if (parts.emit !== undefined) {
        const built = parts.emit({ event, reminder, runId });
        const list = (Array.isArray(built) ? built : [built]) as readonly ReminderEvent[];
        if (list.length === 0) {
          outcomes.push(skipped(planned, "nothing-to-emit"));
          continue;
        }
        const events = list.map((sent, position) => ({
          ...sent,
          id: sent.id ?? `reminder-${runId}-${planned.id}${list.length > 1 ? `-${position}` : ""}`,
        }));
        // biome-ignore lint/suspicious/noExplicitAny: the host's client decides which payloads are typed.
        await step.sendEvent(reminderStepIds.send(planned.id), events as any);
      }
      outcomes.push({ id: planned.id, at: at.toISOString(), status: "sent" });
    }
    return {
      plannedAt: plan.plannedAt.toISOString(),
      timezone: plan.timezone,
      sent: outcomes.filter((outcome) => outcome.status === "sent").length,
      skipped: outcomes.filter((outcome) => outcome.status === "skipped").length,
      reminders: outcomes,
    };
  };
}

function planOrFail<TEvent>(
  parts: ReminderHandlerParts<TEvent>,
  event: TEvent,
  plannedAt: number,
): ReminderPlan {
  // Planning reads only the event and the memoized clock: a retry would fail the same way, so its
  // errors are ReminderErrors, which Inngest does not retry.
  return planChecked(parts.schedule, {
    event,
    now: plannedAt,
    timezone: resolveTimezone(parts.timezone, event, parts.functionId),
    graceMs: parts.graceMs,
    maxSleepMs: parts.maxSleepMs,
    functionId: parts.functionId,
  });
}

function skipped(planned: PlannedReminder, reason: SkipReason): ReminderOutcome {
  return { id: planned.id, at: planned.at?.toISOString() ?? null, status: "skipped", reason };
}

function toCheck(relevance: Relevance, functionId: string | undefined, reminderId: string): Check {
  if (relevance === true) return { send: true };
  if (relevance === false) return { send: false, reason: "not-relevant", stop: false };
  if (typeof relevance === "object" && relevance !== null && typeof relevance.relevant === "boolean") {
    if (relevance.relevant) return { send: true };
    return { send: false, reason: relevance.reason ?? "not-relevant", stop: relevance.stop === true };
  }
  // A callback that returns the wrong thing returns it again on every retry.
  throw new ReminderError({
    code: "invalid-relevance",
    functionId,
    reminderId,
    subject: "result of stillRelevant",
    received: relevance === null ? "null" : typeof relevance,
    expected: "true, false, or { relevant: false, reason?, stop? }",
    example: '{ relevant: false, reason: "paid", stop: true }',
  });
}
