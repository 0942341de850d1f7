import {
  type Duration,
  type FunctionDefinition,
  parseDuration,
  type ReceivedEventOf,
} from "@jobkit/functions";
import {
  type CheckOptionKeys,
  type CommonFunctionOptions,
  checkReadyMadeOptions,
  configFailure,
  type OnInput,
  type RejectUnknownOptions,
} from "@jobkit/functions/internal";
import { checkSchedule, type ReminderEntry } from "./check-schedule";
import { checkSequenceTimezone } from "./check-sequence-timezone";
import { defaultGrace } from "./plan-reminders";
import type { ReminderReadyMadeOptions } from "./ready-made-options";
import {
  createReminderHandler,
  type Relevance,
  type ReminderContext,
  type ReminderEmitContext,
  type ReminderEvent,
  type ReminderSequenceResult,
} from "./reminder-handler";

/**
 * The options of a reminder sequence besides how it delivers: trigger, schedule and function options.
 *
 * @example One schedule, delivered by text message
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineReminderSequence, type ReminderSequenceBaseOptions } from "@jobkit/reminders";
 *
 * const appointmentBooked = defineEvent("appointment/booked", {
 *   schema: z.object({ phone: z.string(), startsAt: z.string() }),
 * });
 * declare const sms: { send(phone: string, text: string): Promise<void> };
 *
 * const base: ReminderSequenceBaseOptions<typeof appointmentBooked> = {
 *   id: "appointment-reminders",
 *   on: appointmentBooked,
 *   timezone: "Europe/London",
 *   schedule: [{ id: "day-before", before: "1d", of: (event) => event.data.startsAt }],
 * };
 * export const appointmentReminders = defineReminderSequence({
 *   ...base,
 *   send: ({ event }) => sms.send(event.data.phone, "See you tomorrow"),
 * });
 * ```
 */
export interface ReminderSequenceBaseOptions<TOn extends OnInput, TEvent = ReceivedEventOf<TOn>>
  extends ReminderReadyMadeOptions<TEvent> {
  /** Stable slug: lower-case letters, digits and single hyphens, e.g. `"invoice-reminders"`. */
  readonly id: string;
  /** The trigger: an event definition, a registered event name, or a list of them. */
  readonly on: TOn;
  /** The reminders, in any order: each is sent at its own instant, in time order. */
  readonly schedule: readonly ReminderEntry<TEvent>[];
  /** Asked in its own step just before each send; `false` skips the reminder, `{ stop: true }` the rest. */
  readonly stillRelevant?: (ctx: ReminderContext<TEvent>) => Relevance | Promise<Relevance>;
  /** Events this sequence sends, for docs and the event graph; not enforced at run time. */
  readonly sends?: CommonFunctionOptions<TEvent>["sends"];
}

/** The two ways to deliver a reminder; a sequence takes exactly one (both together fail at definition). */
interface DeliveryOptions<TEvent> {
  /** Delivers one reminder, in its own `step.run` (`send-<id>`); a throw retries this reminder only. */
  readonly send: (ctx: ReminderContext<TEvent>) => unknown;
  /** Builds the events for one reminder, sent with `step.sendEvent` (`send-<id>`); keep it pure. */
  readonly emit: (ctx: ReminderEmitContext<TEvent>) => ReminderEvent | readonly ReminderEvent[];
}

/**
 * How a reminder is delivered: `send` runs a callback in its own step, or `emit` sends events.
 *
 * @example Emit emails in production, log them locally
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { emailSend } from "@jobkit/events/standard";
 * import type { ReceivedEventOf } from "@jobkit/functions";
 * import type { ReminderDelivery } from "@jobkit/reminders";
 *
 * const invoiceIssued = defineEvent("invoice/issued", {
 *   schema: z.object({ email: z.string(), dueAt: z.string() }),
 * });
 *
 * export const delivery: ReminderDelivery<ReceivedEventOf<typeof invoiceIssued>> =
 *   process.env.NODE_ENV === "production"
 *     ? {
 *         emit: ({ event, reminder }) =>
 *           emailSend.create({
 *             to: event.data.email,
 *             template: "payment-reminder",
 *             subject: `Invoice due (${reminder.id})`,
 *           }),
 *       }
 *     : { send: ({ event, reminder }) => console.log(`would remind ${event.data.email}: ${reminder.id}`) };
 * ```
 */
export type ReminderDelivery<TEvent> =
  | (Pick<DeliveryOptions<TEvent>, "send"> & Partial<Pick<DeliveryOptions<TEvent>, "emit">>)
  | (Pick<DeliveryOptions<TEvent>, "emit"> & Partial<Pick<DeliveryOptions<TEvent>, "send">>);

/**
 * The options of {@link defineReminderSequence}.
 *
 * @example Options built by a helper
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineReminderSequence, type ReminderSequenceOptions } from "@jobkit/reminders";
 *
 * const webinarBooked = defineEvent("webinar/booked", {
 *   schema: z.object({ email: z.string(), startsAt: z.string() }),
 * });
 * declare const mailer: { send(to: string, text: string): Promise<void> };
 *
 * function webinarReminders(id: string): ReminderSequenceOptions<typeof webinarBooked> {
 *   return {
 *     id,
 *     on: webinarBooked,
 *     schedule: [{ id: "hour-before", before: "1h", of: (event) => event.data.startsAt }],
 *     send: ({ event }) => mailer.send(event.data.email, "Starting in an hour"),
 *   };
 * }
 * export const reminders = defineReminderSequence(webinarReminders("webinar-reminders"));
 * ```
 */
export type ReminderSequenceOptions<TOn extends OnInput> = ReminderSequenceBaseOptions<TOn> &
  ReminderDelivery<ReceivedEventOf<TOn>>;

/** Every option name {@link defineReminderSequence} accepts. */
export type ReminderSequenceKey = keyof ReminderSequenceBaseOptions<OnInput> | "send" | "emit";

/**
 * A reminder sequence: an event function whose run returns {@link ReminderSequenceResult}.
 *
 * @example Spell out the sequence's type in a module's exports
 * ```ts
 * import {
 *   type ReminderSequenceDefinition,
 *   type TrialStartedEvent,
 *   trialExpiration,
 * } from "@jobkit/reminders";
 *
 * declare const billing: { isSubscribed(userId: string): Promise<boolean> };
 *
 * export const trialReminders: ReminderSequenceDefinition<TrialStartedEvent> = trialExpiration({
 *   isSubscribed: (trial) => billing.isSubscribed(trial.userId),
 * });
 * ```
 */
export type ReminderSequenceDefinition<TEvent> = FunctionDefinition<"event", TEvent, ReminderSequenceResult>;

const ownKeys = new Set(["schedule", "timezone", "grace", "stillRelevant", "send", "emit", "limits"]);
const sequenceOptionNames = ["on", "sends", "schedule", "timezone", "grace", "stillRelevant", "send", "emit"];

/**
 * Declares a job that sends a list of reminders for each trigger event, each at its own instant
 * (`after` the trigger or `before` a deadline read from the event), skipping ones already past, asking
 * `stillRelevant` before each send and stopping on `cancelOn`. Returns a definition for `register()`.
 *
 * @example Remind about an unpaid invoice
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineReminderSequence } from "@jobkit/reminders";
 *
 * const invoiceIssued = defineEvent("invoice/issued", {
 *   schema: z.object({ invoiceId: z.string(), email: z.string(), dueAt: z.string() }),
 * });
 * const invoicePaid = defineEvent("invoice/paid", { schema: z.object({ invoiceId: z.string() }) });
 * const invoices = new Map<string, { paid: boolean }>();
 *
 * export const invoiceReminders = defineReminderSequence({
 *   id: "invoice-reminders",
 *   on: invoiceIssued,
 *   schedule: [
 *     { id: "due-in-3d", before: "3d", of: (event) => event.data.dueAt },
 *     { id: "overdue-1d", after: "1d", of: (event) => event.data.dueAt },
 *   ],
 *   timezone: "America/New_York",
 *   stillRelevant: ({ event }) => !invoices.get(event.data.invoiceId)?.paid,
 *   send: async ({ event, reminder }) => ({ to: event.data.email, reminder: reminder.id }),
 *   cancelOn: [{ event: invoicePaid, match: "data.invoiceId" }],
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/reminders/README.md
 */
export function defineReminderSequence<const TOn extends OnInput, const TOptions extends object = object>(
  options: ReminderSequenceOptions<TOn> &
    TOptions &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    RejectUnknownOptions<TOptions, ReminderSequenceKey>,
): ReminderSequenceDefinition<ReceivedEventOf<TOn>> {
  return buildReminderSequence(options as unknown as Record<string, unknown>) as ReminderSequenceDefinition<
    ReceivedEventOf<TOn>
  >;
}

/** {@link defineReminderSequence} without the compile-time checks, for the ready-made sequences. */
export function buildReminderSequence(input: Record<string, unknown>): ReminderSequenceDefinition<unknown> {
  if (typeof input === "object" && input !== null) {
    const early = configFailure(typeof input.id === "string" ? input.id : undefined);
    if (input.handler !== undefined) {
      early(
        "handler",
        input.handler,
        "no handler: a reminder sequence runs schedule, stillRelevant and send",
      );
    }
    if (input.batchEvents !== undefined) {
      early(
        "batchEvents",
        input.batchEvents,
        "no batchEvents: a sequence times its reminders from one event",
      );
    }
  }
  const {
    options,
    id: functionId,
    limits,
    defineEventFunction,
    fail,
  } = checkReadyMadeOptions(input, { own: sequenceOptionNames });
  const schedule = checkSchedule<unknown>(options.schedule, { functionId, limits });
  const graceMs = parseDuration((options.grace ?? defaultGrace) as Duration, {
    functionId,
    path: "grace",
    minMs: 0,
    maxMs: limits.maxSleepMs,
  });
  let timezone = options.timezone as ReminderReadyMadeOptions<unknown>["timezone"];
  if (typeof timezone === "string") timezone = checkSequenceTimezone(fail, timezone);
  else if (timezone !== undefined && typeof timezone !== "function") {
    fail("timezone", timezone, "an IANA time zone name, or a function reading one from the event", {
      example: '"Europe/Rome"',
    });
  }
  for (const key of ["stillRelevant", "send", "emit"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function")
      fail(key, options[key], "a function");
  }
  if ((options.send === undefined) === (options.emit === undefined)) {
    fail(
      options.send === undefined ? "send" : "emit",
      options.send ?? options.emit,
      'exactly one of "send" (a callback run in its own step) or "emit" (events sent with step.sendEvent)',
      { example: "send: async ({ event, reminder }) => mailer.send(event.data.email, reminder.id)" },
    );
  }
  const handler = createReminderHandler<unknown>({
    functionId,
    schedule,
    timezone,
    graceMs,
    maxSleepMs: limits.maxSleepMs,
    stillRelevant: options.stillRelevant as never,
    send: options.send as never,
    emit: options.emit as never,
  });
  const functionOptions = Object.fromEntries(Object.entries(options).filter(([key]) => !ownKeys.has(key)));
  return defineEventFunction({ ...functionOptions, handler } as never) as ReminderSequenceDefinition<unknown>;
}
