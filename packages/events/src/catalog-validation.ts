import { Middleware, NonRetriableError } from "inngest";
import type { Catalog } from "./define-catalog";

/**
 * Options for {@link catalogValidation}.
 *
 * @example Strict on send, trusting what arrives
 * ```ts
 * import type { CatalogValidationOptions } from "@jobkit/events";
 *
 * const options: CatalogValidationOptions = { strict: true, validateIncoming: false };
 * ```
 */
export interface CatalogValidationOptions {
  /**
   * Reject outgoing events whose name is not in the catalog with `UnknownEventError` (listing close
   * names) instead of letting them through. Defaults to `false`.
   */
  readonly strict?: boolean;
  /**
   * Validate the events a function receives (its trigger event, or every event of a batch) before the
   * handler runs. Defaults to `true`.
   */
  readonly validateIncoming?: boolean;
}

interface OutgoingEvent {
  readonly name: string;
  readonly data?: unknown;
}

// Inngest's own events (`inngest/function.invoked`, `inngest/scheduled.timer`, failure events) never
// belong to an app catalog.
const internalPrefix = "inngest/";

/**
 * An Inngest v4 middleware that validates events against a catalog: every outgoing event
 * (`inngest.send` and `step.sendEvent`, including plain `{ name, data }` objects) whose name is in the
 * catalog is checked before it leaves the process, and every incoming event before the handler runs.
 *
 * Outgoing: invalid data rejects the send with `EventValidationError` and nothing is sent, not even the
 * valid events of the same call. Incoming: invalid data fails the run with a `NonRetriableError` whose
 * `cause` is the `EventValidationError` (retrying cannot fix a payload). Payloads are validated, never
 * rewritten.
 *
 * @example Validate everything an app sends and receives
 * ```ts
 * import { Inngest } from "inngest";
 * import { catalogValidation } from "@jobkit/events";
 * import { standardCatalog } from "@jobkit/events/standard";
 *
 * export const inngest = new Inngest({
 *   id: "shop",
 *   middleware: [catalogValidation(standardCatalog, { strict: true })],
 * });
 * ```
 */
export function catalogValidation(
  catalog: Catalog,
  options: CatalogValidationOptions = {},
): Middleware.Class {
  const { strict = false, validateIncoming = true } = options;

  const checkOutgoing = (events: readonly OutgoingEvent[]): void => {
    for (const event of events) {
      if (!strict && !catalog.has(event.name)) continue;
      // Inngest sends a missing or empty `data` as `{}`, so that is what gets validated.
      const result = catalog.safeParse({ name: event.name, data: event.data || {} });
      if (!result.success) throw result.error;
    }
  };

  const checkIncoming = (events: readonly OutgoingEvent[]): void => {
    for (const event of events) {
      if (event.name.startsWith(internalPrefix) || !catalog.has(event.name)) continue;
      const result = catalog.safeParse({ name: event.name, data: event.data ?? {} });
      if (!result.success) throw new NonRetriableError(result.error.message, { cause: result.error });
    }
  };

  return class CatalogValidationMiddleware extends Middleware.BaseMiddleware {
    readonly id = "jobkit:catalog-validation";

    override transformSendEvent(arg: Middleware.TransformSendEventArgs): Middleware.TransformSendEventArgs {
      checkOutgoing(arg.events);
      return arg;
    }

    override async wrapFunctionHandler(args: Middleware.WrapFunctionHandlerArgs): Promise<unknown> {
      if (validateIncoming) {
        const { event, events } = args.ctx;
        checkIncoming(events && events.length > 0 ? events : [event]);
      }
      return args.next();
    }
  };
}
