import type { AnyEventDefinition } from "@jobkit/events";
import { eventType } from "inngest";
import { z } from "zod";

/** Inngest's system event for a run that failed for good (`internalEvents.FunctionFailed` in inngest-js). */
export const functionFailedName = "inngest/function.failed";

const errorSchema = z.looseObject({ name: z.string(), message: z.string(), stack: z.string().optional() });

/** The data of `inngest/function.failed`, as inngest-js types it (`FailureEventPayload`). */
const functionFailedSchema = z.object({
  function_id: z.string(),
  run_id: z.string(),
  error: errorSchema,
  event: z.looseObject({
    name: z.string(),
    data: z.unknown(),
    id: z.string().optional(),
    ts: z.number().optional(),
  }),
});

/**
 * The `inngest/function.failed` event a failure tracker receives: the failed function's slug (`<app>-<fn>`), its
 * run id, the serialised error and the event that started the failed run.
 *
 * @example A fixture for a tracker test
 * ```ts
 * import type { FunctionFailedEvent } from "@jobkit/runs";
 *
 * export const failed: FunctionFailedEvent = {
 *   name: "inngest/function.failed",
 *   data: {
 *     function_id: "shop-charge-card",
 *     run_id: "01HWAVEB858VPPX47Z65GR6P6R",
 *     error: { name: "Error", message: "card declined" },
 *     event: { name: "shop/order.placed", data: { orderId: "o_1" } },
 *   },
 * };
 * ```
 */
export interface FunctionFailedEvent {
  readonly name: typeof functionFailedName;
  readonly data: {
    /** The failed function's slug, `<app>-<fn>`. */
    readonly function_id: string;
    readonly run_id: string;
    readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    /** The event that started the failed run. */
    readonly event: {
      readonly name: string;
      readonly data: unknown;
      readonly id?: string;
      readonly ts?: number;
    };
  };
  readonly id?: string;
  readonly ts?: number;
}

/**
 * A trigger for the system event. `defineEvent` refuses `inngest/` names (they are Inngest's), and `register()`
 * resolves a bare name only through the app's catalog, which never lists system events: so the tracker carries
 * a definition of its own, an Inngest `EventType` with the members jobkit's definitions have.
 */
export const functionFailedTrigger: AnyEventDefinition = (() => {
  const base = eventType(functionFailedName, { schema: functionFailedSchema });
  const parse = (data: unknown) => functionFailedSchema.parse(data);
  const safeParse = (data: unknown) => {
    const result = functionFailedSchema.safeParse(data);
    return result.success
      ? { success: true as const, data: result.data }
      : { success: false as const, issues: result.error.issues };
  };
  return Object.freeze(
    Object.assign(base, {
      version: "1.0.0",
      description: "Sent by Inngest when a function run fails for good.",
      examples: [],
      parse,
      safeParse,
      create: (data: unknown) => ({ name: functionFailedName, data: parse(data) }),
      toJSONSchema: () => z.toJSONSchema(functionFailedSchema, { io: "input", unrepresentable: "any" }),
    }),
  ) as unknown as AnyEventDefinition;
})();
