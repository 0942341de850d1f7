import { type EmailTemplate, emailSend, emailTemplateSchema } from "@jobkit/events/standard";
import { type Duration, inngestLimits, parseDuration, type ReceivedEventOf } from "@jobkit/functions";
import {
  type CheckOptionKeys,
  configFailure,
  type OnInput,
  type RejectUnknownOptions,
} from "@jobkit/functions/internal";
import { checkCallback } from "./check-callback";
import { buildReminderSequence, type ReminderSequenceDefinition } from "./define-reminder-sequence";
import { checkSequenceOptions, type ReminderReadyMadeOptions } from "./ready-made-options";
import { type Recipient, type RecipientOption, recipientOf, userIdOf } from "./recipient-option";
import type { ReminderContext, ReminderInfo } from "./reminder-handler";

/**
 * One email of a drip: when, after the trigger, and which template.
 *
 * @example Steps kept in configuration
 * ```ts
 * import { userCreated } from "@jobkit/events/standard";
 * import { type DripStep, dripSequence } from "@jobkit/reminders";
 *
 * // Marketing edits subjects and timing here without touching the job.
 * const steps: DripStep[] = [
 *   { after: "0s", template: "welcome", subject: "Welcome to Acme!" },
 *   { id: "tips", after: "1d", template: "drip", subject: "Three tips to get started", data: { tips: 3 } },
 * ];
 * export const onboarding = dripSequence({ on: userCreated, steps });
 * ```
 */
export interface DripStep {
  /** Unique within the drip; default the template. Names the steps (`send-<id>`). */
  readonly id?: string;
  /** How long after the trigger event: `"0s"` at once, `"1d"`, `"3d"`. */
  readonly after: Duration;
  /** The `email/send` template, e.g. `"welcome"` or `"drip"`. */
  readonly template: EmailTemplate;
  /** The email's subject. */
  readonly subject: string;
  /** Template variables of this email. */
  readonly data?: Record<string, unknown>;
}

/**
 * The drip step being sent, with its reminder id and due instant.
 *
 * @example Send drip emails through your own mailer
 * ```ts
 * import { userCreated } from "@jobkit/events/standard";
 * import { type DripReminder, dripSequence } from "@jobkit/reminders";
 *
 * declare const mailer: { send(to: string, template: string, subject: string): Promise<void> };
 *
 * async function remind(user: { email: string }, reminder: DripReminder) {
 *   await mailer.send(user.email, reminder.step.template, reminder.step.subject);
 * }
 * export const onboarding = dripSequence({
 *   on: userCreated,
 *   steps: [{ after: "0s", template: "welcome", subject: "Welcome!" }],
 *   remind,
 * });
 * ```
 */
export interface DripReminder extends ReminderInfo {
  readonly step: DripStep;
}

type DripData<TOn extends OnInput> = ReceivedEventOf<TOn>["data"];

/**
 * The options of {@link dripSequence} besides the recipient.
 *
 * @example One drip, emailed and dry-run
 * ```ts
 * import { userCreated } from "@jobkit/events/standard";
 * import { type DripSequenceBaseOptions, dripSequence } from "@jobkit/reminders";
 *
 * const base: DripSequenceBaseOptions<typeof userCreated> = {
 *   on: userCreated,
 *   steps: [
 *     { after: "0s", template: "welcome", subject: "Welcome!" },
 *     { after: "3d", template: "re-engagement", subject: "How is it going?" },
 *   ],
 * };
 * export const onboarding = dripSequence(base);
 * export const onboardingDryRun = dripSequence({
 *   ...base,
 *   id: "onboarding-dry-run",
 *   remind: (user, reminder) => console.log(user.userId, reminder.id),
 * });
 * ```
 */
export interface DripSequenceBaseOptions<TOn extends OnInput>
  extends ReminderReadyMadeOptions<ReceivedEventOf<TOn>> {
  /** The trigger, e.g. `userCreated` from `@jobkit/events/standard`. */
  readonly on: TOn;
  /** The emails, each `after` the trigger; sent in time order. */
  readonly steps: readonly DripStep[];
  /** Asked before each email, in its own step: `true` skips that email (reason `"active"`). */
  readonly isActive?: (
    data: DripData<TOn>,
    reminder: DripReminder,
    ctx: ReminderContext<ReceivedEventOf<TOn>>,
  ) => boolean | Promise<boolean>;
  /** Extra template variables of every emitted email, under each step's `data`. */
  readonly emailData?: (data: DripData<TOn>, reminder: DripReminder) => Record<string, unknown>;
}

/**
 * The options of {@link dripSequence}: emit `email/send` to `to` (or `data.email`), or `remind` yourself.
 */
export type DripSequenceOptions<TOn extends OnInput> = DripSequenceBaseOptions<TOn> &
  (
    | {
        /** Sends one drip email yourself, in its own step, instead of emitting `email/send`. */
        readonly remind: (
          data: DripData<TOn>,
          reminder: DripReminder,
          ctx: ReminderContext<ReceivedEventOf<TOn>>,
        ) => unknown;
        readonly to?: Recipient<ReceivedEventOf<TOn>>;
      }
    | ({ readonly remind?: undefined } & RecipientOption<ReceivedEventOf<TOn>>)
  );

/** Every option name {@link dripSequence} accepts. */
export type DripSequenceKey = keyof DripSequenceBaseOptions<OnInput> | "remind" | "to";

const dripOptionNames = ["on", "steps", "isActive", "emailData", "remind", "to"] as const satisfies readonly (
  | keyof DripSequenceBaseOptions<OnInput>
  | "remind"
  | "to"
)[];

/**
 * A welcome/onboarding drip, ready-made: for each trigger event, send each step's email `after` the
 * trigger (the seed's day 0 welcome, day 1 tips, day 3 check-in), skipping the ones `isActive` says the
 * user no longer needs. Emits `email/send` to `data.email` (or `to`) unless you pass `remind`.
 *
 * @example The seed's welcome drip
 * ```ts
 * import { userCreated } from "@jobkit/events/standard";
 * import { dripSequence } from "@jobkit/reminders";
 *
 * const lastSeen = new Map<string, number>();
 *
 * export const onboarding = dripSequence({
 *   on: userCreated,
 *   steps: [
 *     { after: "0s", template: "welcome", subject: "Welcome to Acme!" },
 *     { after: "1d", template: "drip", id: "tips", subject: "Three tips to get started" },
 *     { after: "3d", template: "re-engagement", subject: "How is it going?" },
 *   ],
 *   isActive: (user, reminder) => reminder.id !== "welcome" && lastSeen.has(user.userId),
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/reminders/README.md#dripsequence
 */
export function dripSequence<const TOn extends OnInput, const TOptions extends object = object>(
  options: DripSequenceOptions<TOn> &
    TOptions &
    CheckOptionKeys<TOptions, ReceivedEventOf<TOn>> &
    RejectUnknownOptions<TOptions, DripSequenceKey>,
): ReminderSequenceDefinition<ReceivedEventOf<TOn>> {
  type TEvent = ReceivedEventOf<TOn>;
  const raw = options as { readonly on?: unknown };
  const {
    options: checked,
    id: functionId,
    fail,
  } = checkSequenceOptions(
    options,
    defaultId(typeof raw === "object" && raw !== null ? raw.on : undefined),
    dripOptionNames,
  );
  const {
    on,
    steps,
    isActive,
    emailData,
    remind,
    to,
    id: _id,
    ...functionOptions
  } = checked as unknown as DripSequenceOptions<OnInput> & { readonly to?: Recipient<unknown> };
  checkCallback(fail, isActive, "isActive", false, "(user) => activity.isActive(user.userId)");
  checkCallback(fail, remind, "remind", false, "(user, reminder) => mailer.send(user.email, reminder.step)");
  checkCallback(fail, to, "to", false, "(event) => event.data.contactEmail");
  checkCallback(fail, emailData, "emailData", false, "(user) => ({ firstName: user.name })");
  const byId = new Map(
    checkSteps(steps, functionId, functionOptions.limits?.maxSleepMs ?? inngestLimits.maxSleepMs).map(
      (step) => [step.id ?? step.template, step],
    ),
  );
  const dripReminder = (reminder: ReminderInfo): DripReminder => ({
    ...reminder,
    step: byId.get(reminder.id) as DripStep,
  });
  return buildReminderSequence({
    ...functionOptions,
    id: functionId,
    on,
    schedule: [...byId].map(([reminderId, step]) => ({ id: reminderId, after: step.after })),
    ...(isActive === undefined
      ? {}
      : {
          stillRelevant: async (ctx: ReminderContext<TEvent>) =>
            (await isActive(ctx.event.data, dripReminder(ctx.reminder), ctx as never))
              ? { relevant: false, reason: "active" }
              : true,
        }),
    ...(remind === undefined
      ? {
          sends: [emailSend],
          emit: ({ event, reminder }: { event: TEvent; reminder: ReminderInfo }) => {
            const info = dripReminder(reminder);
            return emailSend.create({
              to: recipientOf(event, to),
              template: info.step.template,
              subject: info.step.subject,
              // Step data and emailData are the app's JSON; email/send validates them when the event is created.
              data: { ...emailData?.(event.data, info), ...info.step.data } as Parameters<
                typeof emailSend.create
              >[0]["data"],
              metadata: { ...userIdOf(event), reminderId: reminder.id },
            });
          },
        }
      : {
          send: (ctx: ReminderContext<TEvent>) =>
            remind(ctx.event.data, dripReminder(ctx.reminder), ctx as never),
        }),
  }) as ReminderSequenceDefinition<TEvent>;
}

function checkSteps(steps: unknown, functionId: string, maxSleepMs: number): readonly DripStep[] {
  const fail = configFailure(functionId);
  if (!Array.isArray(steps) || steps.length === 0) {
    return fail("steps", steps, "a non-empty list of { after, template, subject }", {
      example: '[{ after: "0s", template: "welcome", subject: "Welcome!" }]',
    });
  }
  const seen = new Map<string, number>();
  steps.forEach((step: unknown, index) => {
    const path = `steps[${index}]`;
    if (typeof step !== "object" || step === null) {
      fail(path, step, "an email step { after, template, subject }", {
        example: '{ after: "1d", template: "drip", subject: "Tips" }',
      });
    }
    const { id, after, template, subject, data } = step as Record<string, unknown>;
    parseDuration(after as Duration, { functionId, path: `${path}.after`, minMs: 0, maxMs: maxSleepMs });
    if (!emailTemplateSchema.safeParse(template).success) {
      fail(`${path}.template`, template, "a template slug: lower-case letters, digits, '_', '.', '-'", {
        example: '"welcome"',
      });
    }
    if (typeof subject !== "string" || subject === "")
      fail(`${path}.subject`, subject, "a non-empty subject", { example: '"Welcome!"' });
    if (data !== undefined && (typeof data !== "object" || data === null || Array.isArray(data))) {
      fail(`${path}.data`, data, "an object of template variables", { example: '{ plan: "pro" }' });
    }
    const reminderId = (id ?? template) as string;
    const previous = seen.get(reminderId);
    if (previous !== undefined) {
      fail(
        `${path}.id`,
        reminderId,
        `an id no other step has; steps[${previous}] is also "${reminderId}": give one of them an "id"`,
        { example: '"tips-2"' },
      );
    }
    seen.set(reminderId, index);
  });
  return steps as readonly DripStep[];
}

function defaultId(on: unknown): string {
  const first = (Array.isArray(on) ? on[0] : on) as { readonly name?: unknown } | string | undefined;
  const name = typeof first === "string" ? first : typeof first?.name === "string" ? first.name : "";
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // Cut so the default id stays within Inngest's 128 characters whatever the event is called.
  return slug === "" ? "drip-sequence" : `drip-${slug.slice(0, 100).replace(/-+$/, "")}`;
}
