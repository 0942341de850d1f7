import type { FailureEventPayload, GetFunctionInput, Inngest } from "inngest";
import type { Simplify } from "type-fest";

/**
 * Inngest's handler context for any client: `step`, `attempt`, `runId`, `logger`, `group` and the rest.
 *
 * @example A helper that needs only Inngest's tools
 * ```ts
 * import type { InngestContext } from "@jobkit/functions/internal";
 *
 * export async function coolDown({ step, logger }: Pick<InngestContext, "step" | "logger">, reason: string) {
 *   logger.info("cooling down", { reason });
 *   await step.sleep("cool-down", "10m");
 * }
 * ```
 */
export type InngestContext = GetFunctionInput<Inngest.Any>;

/**
 * The context a jobkit handler receives: Inngest's, with `event` and `events` typed.
 *
 * @example A handler written apart from its definition
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction, type HandlerContext, type ReceivedEventOf } from "@jobkit/functions";
 *
 * const userCreated = defineEvent("user/created", {
 *   schema: z.object({ userId: z.string(), email: z.string() }),
 * });
 *
 * export async function sendWelcome({ event, step }: HandlerContext<ReceivedEventOf<typeof userCreated>>) {
 *   await step.run("send-email", () => ({ to: event.data.email }));
 * }
 * export const welcome = defineEventFunction({ id: "send-welcome", on: userCreated, handler: sendWelcome });
 * ```
 */
// Simplify flattens the intersection, so a hover shows one object type with every field, not `Omit<…> & {…}`.
export type HandlerContext<TEvent> = Simplify<
  Omit<InngestContext, "event" | "events"> & {
    event: TEvent;
    events: [TEvent, ...TEvent[]];
  }
>;

/**
 * Which run failed, for `onFailure`.
 */
export interface FailureInfo {
  /** The full id of the failed function, app id included. */
  readonly functionId: string;
  /** The id of the failed run. */
  readonly runId: string;
  /** The `inngest/function.failed` event as Inngest sent it. */
  readonly event: FailureEventPayload;
}

/**
 * The context `onFailure` receives: the original event typed, the final error, and the failed run.
 *
 * @example An onFailure handler in a module of its own
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { defineEventFunction, type FailureContext, type ReceivedEventOf } from "@jobkit/functions";
 *
 * const invoiceCreated = defineEvent("invoice/created", { schema: z.object({ invoiceId: z.string() }) });
 *
 * async function alertBilling({
 *   event,
 *   error,
 *   failure,
 * }: FailureContext<ReceivedEventOf<typeof invoiceCreated>>) {
 *   console.error(`invoice ${event.data.invoiceId}: run ${failure.runId} failed for good`, error.message);
 * }
 * export const sendInvoice = defineEventFunction({
 *   id: "send-invoice",
 *   on: invoiceCreated,
 *   onFailure: alertBilling,
 *   handler: async () => {},
 * });
 * ```
 */
export type FailureContext<TEvent> = Simplify<
  Omit<InngestContext, "event" | "events"> & {
    /** The event that triggered the failed run. */
    event: TEvent;
    events: [TEvent];
    /** The error of the last attempt. */
    error: Error;
    failure: FailureInfo;
  }
>;

/**
 * What a step of a step function receives.
 */
export interface StepContext<TEvent, TResults> {
  readonly event: TEvent;
  readonly events: [TEvent, ...TEvent[]];
  /** The results of the steps before this one, by step id, as Inngest stored them (JSON). */
  readonly results: TResults;
  /** Zero-based attempt of this step. */
  readonly attempt: number;
  readonly runId: string;
  readonly logger: InngestContext["logger"];
}
