import type { AnyEventDefinition, InferEventData } from "@jobkit/events";
import {
  type EmailTemplate,
  emailSend,
  marketingSubscribe,
  notificationSlack,
  userCreated,
  userProfileCreate,
  userSettingsInitialize,
} from "@jobkit/events/standard";
import type { ReadyMadeOptions, ReceivedEventOf } from "@jobkit/functions";
import { type ConfigFailure, checkReadyMadeOptions } from "@jobkit/functions/internal";
import { createFanOut } from "./define-fan-out";
import type { FanOutDefinition, FanOutEvent, FanOutResult } from "./fan-out-options";

/**
 * The `user/created` event as the sign-up fan-out receives it.
 *
 * @example A Slack message built from the sign-up event
 * ```ts
 * import { type UserCreatedEvent, userSignupFanOut } from "@jobkit/fan-out";
 *
 * // No email address in Slack: the user id and where they signed up.
 * const slackText = (user: UserCreatedEvent) =>
 *   `New sign-up from ${user.data.source ?? "web"}: ${user.data.userId}`;
 *
 * export const signup = userSignupFanOut({ slackText });
 * ```
 */
export type UserCreatedEvent = ReceivedEventOf<typeof userCreated>;

/**
 * The five jobs the sign-up fan-out starts, by the name `skip` takes.
 *
 * @example Keep only the welcome email and the profile
 * ```ts
 * import { userSignupFanOut, userSignupTargets } from "@jobkit/fan-out";
 *
 * export const signup = userSignupFanOut({
 *   skip: userSignupTargets.filter((target) => target !== "welcome-email" && target !== "profile"),
 * });
 * ```
 */
export const userSignupTargets = ["welcome-email", "profile", "marketing", "slack", "settings"] as const;

/**
 * One of {@link userSignupTargets}.
 *
 * @example Turn targets off from configuration
 * ```ts
 * import { type UserSignupTarget, userSignupFanOut } from "@jobkit/fan-out";
 *
 * const targets: readonly UserSignupTarget[] = ["welcome-email", "profile", "marketing", "slack", "settings"];
 * const isTarget = (name: string): name is UserSignupTarget => (targets as readonly string[]).includes(name);
 *
 * // SIGNUP_SKIP=marketing,slack leaves those two out.
 * export const signup = userSignupFanOut({
 *   skip: (process.env.SIGNUP_SKIP ?? "").split(",").filter(isTarget),
 * });
 * ```
 */
export type UserSignupTarget = (typeof userSignupTargets)[number];

/**
 * An extra job for the sign-up fan-out: an event definition and its data for the new user.
 *
 * @example Add a welcome text message to the sign-up jobs
 * ```ts
 * import { smsSend } from "@jobkit/events/standard";
 * import { type UserSignupExtraTarget, userSignupFanOut } from "@jobkit/fan-out";
 *
 * const welcomeSms: UserSignupExtraTarget<typeof smsSend> = {
 *   event: smsSend,
 *   data: (user) => ({
 *     userId: user.data.userId,
 *     phoneNumber: String(user.data.metadata?.phone),
 *     message: "Welcome!",
 *   }),
 * };
 * export const signup = userSignupFanOut({ add: [welcomeSms] });
 * ```
 */
export interface UserSignupExtraTarget<TDefinition extends AnyEventDefinition = AnyEventDefinition> {
  readonly event: TDefinition;
  readonly data: (user: UserCreatedEvent) => InferEventData<TDefinition["schema"]>;
}

/**
 * The options of {@link userSignupFanOut}: what it sends, and any function option but `on` and `sends`.
 */
export interface UserSignupFanOutOptions<TExtra extends readonly AnyEventDefinition[] = readonly []>
  extends ReadyMadeOptions<UserCreatedEvent> {
  /** Template of the welcome email; default `"welcome"`. */
  readonly welcomeTemplate?: EmailTemplate;
  /** Subject of the welcome email; default `"Welcome to Our Platform!"`. */
  readonly welcomeSubject?: string;
  /** Mailing list of `marketing/subscribe`; default `"all_users"`. */
  readonly list?: string;
  /** Slack channel of `notification/slack`; default `"#new-users"`. */
  readonly channel?: string;
  /** Slack message; default `New user signed up: <userId>`, without the email address. */
  readonly slackText?: (user: UserCreatedEvent) => string;
  /** Jobs to leave out, e.g. `["marketing"]` when users opt in to the newsletter later. */
  readonly skip?: readonly UserSignupTarget[];
  /** Jobs to add: an event definition and its data for the new user each. */
  readonly add?: { readonly [TIndex in keyof TExtra]: UserSignupExtraTarget<TExtra[TIndex]> };
}

/**
 * The sign-up fan-out's result: the audit fields of a fan-out and the seed's `jobsTriggered`.
 *
 * @example An audit line for a sign-up run
 * ```ts
 * import type { UserSignupResult } from "@jobkit/fan-out";
 *
 * export function auditLine(result: UserSignupResult): string {
 *   return `sign-up started ${result.jobsTriggered} jobs in ${result.chunks} send steps`;
 * }
 * ```
 */
export interface UserSignupResult extends FanOutResult {
  /** Jobs started, one per event sent. */
  readonly jobsTriggered: number;
}

const standardSends = [
  emailSend,
  userProfileCreate,
  marketingSubscribe,
  notificationSlack,
  userSettingsInitialize,
];
const signupKeys = new Set([
  "welcomeTemplate",
  "welcomeSubject",
  "list",
  "channel",
  "slackText",
  "skip",
  "add",
]);

/** Checks a configured value with the schema of the event it goes into, so a bad one fails at definition time. */
function checkField(
  fail: ConfigFailure,
  path: string,
  definition: AnyEventDefinition,
  sample: Record<string, unknown>,
  field: string,
  example: string,
): void {
  const result = definition.safeParse(sample);
  const issue = result.success
    ? undefined
    : result.error.issues.find((candidate) => candidate.path === `data.${field}`);
  if (issue === undefined) return;
  fail(path, sample[field], `a value the standard catalog accepts for ${definition.name} data.${field}`, {
    details: [`"${definition.name}" data.${field}: ${issue.message}`],
    example,
    cause: result.success ? undefined : result.error,
  });
}

/**
 * The seed's sign-up fan-out, ready to register: on `user/created` it sends `email/send` (welcome
 * template), `user/profile/create`, `marketing/subscribe`, `notification/slack` and
 * `user/settings/initialize` in one `step.sendEvent`, each validated against the standard catalog and
 * with an id derived from the sign-up event, and returns `{ jobsTriggered }` with the fan-out's audit
 * fields. Options change the list and channel, drop targets or add your own.
 *
 * @example Register it, without the newsletter and with a welcome SMS
 * ```ts
 * import { Inngest } from "inngest";
 * import { smsSend } from "@jobkit/events/standard";
 * import { register } from "@jobkit/functions";
 * import { userSignupFanOut } from "@jobkit/fan-out";
 *
 * const signup = userSignupFanOut({
 *   channel: "#growth",
 *   skip: ["marketing"],
 *   add: [{ event: smsSend, data: (user) => ({ phoneNumber: "+14155550123", message: "Welcome!", userId: user.data.userId }) }],
 *   idempotency: "event.data.userId",
 * });
 *
 * const inngest = new Inngest({ id: "shop" });
 * export const functions = register(inngest, [signup]);
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/fan-out/README.md
 */
export function userSignupFanOut<const TExtra extends readonly AnyEventDefinition[] = readonly []>(
  options: UserSignupFanOutOptions<TExtra> = {},
): FanOutDefinition<UserCreatedEvent, UserSignupResult> {
  const {
    options: checked,
    id,
    fail,
  } = checkReadyMadeOptions(options, {
    defaultId: "user-signup-fan-out",
    own: [...signupKeys],
  });
  const given = checked as UserSignupFanOutOptions;
  const functionOptions = Object.fromEntries(Object.entries(checked).filter(([key]) => !signupKeys.has(key)));
  const welcomeTemplate = given.welcomeTemplate ?? "welcome";
  const welcomeSubject = given.welcomeSubject ?? "Welcome to Our Platform!";
  const list = given.list ?? "all_users";
  const channel = given.channel ?? "#new-users";
  const slackText =
    given.slackText ?? ((user: UserCreatedEvent) => `New user signed up: ${user.data.userId}`);
  const skip = given.skip ?? [];
  const extras = (given.add ?? []) as readonly UserSignupExtraTarget[];

  if (typeof slackText !== "function") {
    fail("slackText", slackText, "a function of the user/created event returning the message", {
      example: '(user) => "New sign-up: " + user.data.userId',
    });
  }
  if (!Array.isArray(skip)) fail("skip", skip, "a list of target names", { example: '["marketing"]' });
  skip.forEach((target, index) => {
    if (!(userSignupTargets as readonly unknown[]).includes(target)) {
      fail(`skip[${index}]`, target, `one of ${userSignupTargets.map((name) => `"${name}"`).join(", ")}`, {
        example: '"marketing"',
      });
    }
  });
  if (!Array.isArray(extras)) {
    fail("add", extras, "a list of { event, data }", {
      example: "[{ event: smsSend, data: (user) => ({ … }) }]",
    });
  }
  extras.forEach((extra, index) => {
    const event = typeof extra === "object" && extra !== null ? (extra.event as unknown) : undefined;
    const parse =
      typeof event === "object" && event !== null ? (event as { parse?: unknown }).parse : undefined;
    if (typeof parse !== "function" || typeof extra.data !== "function") {
      fail(
        `add[${index}]`,
        extra,
        "{ event, data }: an event definition and a function of the user/created event returning its data",
        {
          example:
            '{ event: smsSend, data: (user) => ({ phoneNumber: user.data.phone, message: "Welcome!" }) }',
        },
      );
    }
  });

  const enabled = userSignupTargets.filter((target) => !skip.includes(target));
  if (enabled.length === 0 && extras.length === 0) {
    fail("skip", skip, "at least one target left, or jobs added with add", {
      details: [`all ${userSignupTargets.length} targets are skipped`],
      example: '["marketing"]',
    });
  }

  // The configured values go into event data: check them with the catalog now, not on the first sign-up.
  const sampleUser = { userId: "usr_123", email: "ada@example.com" };
  checkField(
    fail,
    "welcomeTemplate",
    emailSend,
    { to: sampleUser.email, template: welcomeTemplate, subject: welcomeSubject },
    "template",
    '"welcome"',
  );
  checkField(
    fail,
    "welcomeSubject",
    emailSend,
    { to: sampleUser.email, template: welcomeTemplate, subject: welcomeSubject },
    "subject",
    '"Welcome to Acme!"',
  );
  checkField(fail, "list", marketingSubscribe, { ...sampleUser, list }, "list", '"all_users"');
  checkField(
    fail,
    "channel",
    notificationSlack,
    { channel, text: "New user signed up: usr_123" },
    "channel",
    '"#new-users"',
  );

  const build: Record<UserSignupTarget, (user: UserCreatedEvent) => FanOutEvent> = {
    "welcome-email": (user) => ({
      name: "email/send",
      data: {
        to: user.data.email,
        template: welcomeTemplate,
        subject: welcomeSubject,
        data: { userId: user.data.userId, ...(user.data.name === undefined ? {} : { name: user.data.name }) },
        metadata: { userId: user.data.userId },
      },
    }),
    profile: (user) => ({
      name: "user/profile/create",
      data: {
        userId: user.data.userId,
        email: user.data.email,
        ...(user.data.name === undefined ? {} : { name: user.data.name }),
      },
    }),
    marketing: (user) => ({
      name: "marketing/subscribe",
      data: { userId: user.data.userId, email: user.data.email, list, source: "signup" },
    }),
    slack: (user) => ({
      name: "notification/slack",
      data: { channel, text: slackText(user), emoji: ":tada:" },
    }),
    settings: (user) => ({ name: "user/settings/initialize", data: { userId: user.data.userId } }),
  };
  // Keys name the target, not its position, so dropping one target never changes another's event id.
  const keys = [...enabled, ...extras.map((extra, index) => `add-${index}-${extra.event.name}`)];
  const sends = [
    ...standardSends.filter((_definition, index) =>
      enabled.includes(userSignupTargets[index] as UserSignupTarget),
    ),
    ...extras.map((extra) => extra.event),
  ].filter((definition, index, all) => all.indexOf(definition) === index);
  const definition = createFanOut(
    {
      description:
        "Fan-out of the seed: one sign-up starts the welcome email, profile, newsletter, Slack and settings jobs",
      ...functionOptions,
      id,
      on: userCreated,
      sends,
      fanOut: (user: UserCreatedEvent) => [
        ...enabled.map((target) => build[target](user)),
        ...extras.map((extra) => ({ name: extra.event.name, data: extra.data(user) })),
      ],
      key: (_event: unknown, index: number) => keys[index] as string,
    },
    (result): UserSignupResult => ({ ...result, jobsTriggered: result.sent }),
  );
  return definition as FanOutDefinition<UserCreatedEvent, UserSignupResult>;
}
