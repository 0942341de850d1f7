import {
  createDefineEventFunction,
  type DefineEventFunction,
  defineEventFunction,
} from "./define-event-function";
import type { CommonFunctionOptions } from "./function-options";
import { type ConfigFailure, checkKnownOptions, configFailure } from "./internal/config-failure";
import { type InngestLimits, inngestLimits, resolveLimits } from "./limits";

/**
 * The options every ready-made job of the jobkit pattern packages takes besides its own (`cartAbandonment`,
 * `notificationDigest`, `userSignupFanOut`, `webhookDelivery`, …): the function options of
 * `defineEventFunction` (retries, concurrency and the other flow control, `onFailure`, `cancelOn`, …), an
 * optional `id` (each ready-made has a default, so mount it twice under two ids), an `if` filter and the
 * `limits` of a self-hosted Inngest. `sends` is left out: a ready-made knows what it sends.
 *
 * @example Settings shared by the ready-mades of an app
 * ```ts
 * import type { ReadyMadeOptions } from "@jobkit/functions";
 *
 * // Every ready-made gets five retries, an alert on failure and the self-hosted server's batch cap.
 * export const shared: ReadyMadeOptions = {
 *   retries: 5,
 *   onFailure: ({ error }) => console.error(error.message),
 *   limits: { maxBatchSize: 500 },
 * };
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/functions/README.md
 */
export interface ReadyMadeOptions<TEvent = unknown>
  extends Omit<CommonFunctionOptions<TEvent>, "id" | "sends"> {
  /** The function id; each ready-made has a default. Give another one to mount it more than once. */
  readonly id?: string;
  /** A CEL filter over `event`; runs start only for events that match. */
  readonly if?: string;
  /** Overrides of `inngestLimits` for a self-hosted Inngest; every check of the ready-made uses them. */
  readonly limits?: Partial<InngestLimits>;
}

type ReadyMadeOptionName = keyof ReadyMadeOptions;

// `satisfies` keeps the list and the interface in step: a new option must be added here to be accepted.
const names = {
  id: true,
  if: true,
  limits: true,
  name: true,
  description: true,
  retries: true,
  onFailure: true,
  middleware: true,
  tags: true,
  env: true,
  concurrency: true,
  throttle: true,
  rateLimit: true,
  debounce: true,
  idempotency: true,
  singleton: true,
  priority: true,
  timeouts: true,
  timeout: true,
  cancelOn: true,
} as const satisfies Record<ReadyMadeOptionName, true>;

/** The names of the {@link ReadyMadeOptions}, for a ready-made's unknown-option check. */
export const readyMadeOptionNames: readonly ReadyMadeOptionName[] = Object.freeze(
  Object.keys(names) as ReadyMadeOptionName[],
);

/** What {@link checkReadyMadeOptions} is told about one ready-made. */
export interface ReadyMadeSpec {
  /**
   * The ready-made's default function id, e.g. `"cart-abandonment"`; leave it out for a definer
   * (`defineFanOut`, `defineBatchFunction`), whose `id` is required.
   */
  readonly defaultId?: string;
  /** The names of its own options, besides the shared ones. */
  readonly own: readonly string[];
  /** Shared options it does not take (e.g. `debounce` for a batch function), each with the reason. */
  readonly refused?: Readonly<Partial<Record<ReadyMadeOptionName, string>>>;
}

/** A ready-made's options after {@link checkReadyMadeOptions}. */
export interface CheckedReadyMade {
  /** The options object (an empty one when none was given). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The function id the errors name: `options.id` when it is a string, else the default. */
  readonly id: string;
  /** `inngestLimits` with the `limits` overrides. */
  readonly limits: InngestLimits;
  /** `defineEventFunction` checking against {@link CheckedReadyMade.limits}. */
  readonly defineEventFunction: DefineEventFunction;
  /** Throws a `JobError` for an option of this ready-made. */
  readonly fail: ConfigFailure;
}

/**
 * The runtime check of {@link ReadyMadeOptions} every ready-made runs first: the options are an object
 * (or left out), every key is a shared or an own option (a typo gets a "did you mean"), `id` and `if` are
 * strings and `limits` names known Inngest limits with positive numbers. The other shared options are
 * checked by the `defineEventFunction` it returns, bound to the limits.
 *
 * @example Check the options of a ready-made
 * ```ts
 * import { checkReadyMadeOptions } from "@jobkit/functions/internal";
 *
 * export function auditLog(options: { readonly id?: string; readonly write: (data: unknown) => unknown }) {
 *   const { id, defineEventFunction } = checkReadyMadeOptions(options, { defaultId: "audit-log", own: ["write"] });
 *   return defineEventFunction({
 *     id,
 *     on: "audit/recorded",
 *     handler: async ({ event }) => options.write(event.data),
 *   });
 * }
 * ```
 */
export function checkReadyMadeOptions(options: unknown, spec: ReadyMadeSpec): CheckedReadyMade {
  if (options === undefined) options = {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    configFailure(spec.defaultId)("options", options, "an options object", {
      example: `{ id: "${spec.defaultId ?? "send-welcome-email"}" }`,
    });
  }
  const record = options as Readonly<Record<string, unknown>>;
  const given = typeof record.id === "string" ? record.id : undefined;
  if (given === undefined && (record.id !== undefined || spec.defaultId === undefined)) {
    configFailure(undefined)(
      "id",
      record.id,
      "a function id: lower-case letters, digits and single hyphens",
      {
        example: `"${spec.defaultId ?? "send-welcome-email"}"`,
      },
    );
  }
  // An id too long for any Inngest would fill every later message: refuse it before naming it.
  if (given !== undefined && given.length > maxShownIdLength) {
    configFailure(undefined)(
      "id",
      given,
      `a function id of at most ${inngestLimits.maxFunctionIdLength} characters`,
      {
        example: `"${spec.defaultId ?? "send-welcome-email"}"`,
      },
    );
  }
  const id = given ?? (spec.defaultId as string);
  const fail = configFailure(id);
  checkKnownOptions(id, record, [...readyMadeOptionNames, ...spec.own]);
  for (const [name, reason] of Object.entries(spec.refused ?? {})) {
    if (record[name] !== undefined) fail(name, record[name], `no ${name}: ${reason}`);
  }
  if (record.if !== undefined && typeof record.if !== "string") {
    fail("if", record.if, "a CEL expression over event", { example: `"event.data.plan == 'pro'"` });
  }
  const overrides = record.limits as Partial<InngestLimits> | undefined;
  const limits = overrides === undefined ? inngestLimits : resolveLimits(overrides, id);
  // No override in effect: the shared definer, not a second one bound to the same limits.
  const customised = overrides !== undefined && Object.keys(overrides).length > 0;
  const define = customised ? createDefineEventFunction(limits) : defineEventFunction;
  return { options: record, id, limits, defineEventFunction: define, fail };
}

/** Longest id named in messages before its own check; a self-hosted Inngest may allow more than 128. */
const maxShownIdLength = 1024;
