import { Middleware, NonRetriableError } from "inngest";
import type { Catalog } from "./define-catalog";
import { EventError } from "./event-error";

/**
 * Options for {@link catalogValidation}.
 */
export interface CatalogValidationOptions {
  /**
   * Reject outgoing events whose name is not in the catalog (`EventError` with code `unknown-event`,
   * listing close names) or that are not `{ name, data }` at all (`invalid-envelope`) instead of letting
   * them through. Defaults to `false`.
   */
  readonly strict?: boolean;
  /**
   * Validate the events a function receives (its trigger event, or every event of a batch) before the
   * handler runs. Defaults to `true`.
   */
  readonly validateIncoming?: boolean;
}

interface OutgoingEvent {
  readonly name?: unknown;
  readonly data?: unknown;
}

/** The same error, marked with the way the event was travelling. */
function travelling(error: EventError, direction: "outgoing" | "incoming"): EventError {
  return new EventError({ ...error, direction, message: error.message }, { cause: error.cause });
}

function nameOf(event: unknown): unknown {
  return typeof event === "object" && event !== null ? (event as OutgoingEvent).name : undefined;
}

// Inngest's own events (`inngest/function.invoked`, `inngest/scheduled.timer`, failure events) never
// belong to an app catalog.
const internalPrefix = "inngest/";

/**
 * An Inngest v4 middleware that validates events against a catalog: every outgoing event
 * (`inngest.send` and `step.sendEvent`, including plain `{ name, data }` objects) whose name is in the
 * catalog is checked before it leaves the process, and every incoming event before the handler runs.
 *
 * Outgoing: invalid data rejects the send with an `EventError` (code `invalid-data`, `direction:
 * "outgoing"`) and nothing is sent, not even the valid events of the same call. Incoming: invalid data
 * fails the run with a `NonRetriableError` whose `cause` is the `EventError` (`direction: "incoming"`;
 * retrying cannot fix a payload). Payloads are validated, never
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
      const name = nameOf(event);
      if (!strict && (typeof name !== "string" || !catalog.has(name))) continue;
      try {
        // Inngest sends a missing or empty `data` as `{}`, so that is what gets validated.
        const envelope =
          typeof event === "object" && event !== null ? { name, data: event.data || {} } : event;
        const result = catalog.safeParse(envelope as never);
        if (!result.success) throw result.error;
      } catch (error) {
        throw error instanceof EventError ? travelling(error, "outgoing") : error;
      }
    }
  };

  const checkIncoming = (events: readonly OutgoingEvent[]): void => {
    for (const event of events) {
      const name = nameOf(event);
      if (typeof name !== "string" || name.startsWith(internalPrefix) || !catalog.has(name)) continue;
      // The name is known to be a catalog name: its definition validates the data straight away, without the
      // envelope `catalog.safeParse` would build around it and then discard.
      const result = catalog.get(name).safeParse((event as OutgoingEvent).data ?? {});
      if (!result.success) {
        const error = travelling(result.error, "incoming");
        throw new NonRetriableError(error.message, { cause: error });
      }
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
