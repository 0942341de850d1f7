/**
 * Thrown when an event definition or catalog is itself invalid: a bad name, a bad version, a duplicate
 * name or an unusable schema. Raised at definition time, so it surfaces on import, not in production.
 *
 * @example Catch a bad event name
 * ```ts
 * import { z } from "zod";
 * import { defineEvent, EventDefinitionError } from "@jobkit/events";
 *
 * try {
 *   defineEvent("UserCreated", { schema: z.object({}) });
 * } catch (error) {
 *   if (error instanceof EventDefinitionError) console.error(error.message);
 * }
 * ```
 */
export class EventDefinitionError extends Error {
  override readonly name = "EventDefinitionError";
  /** The event name the definition was for, as given. */
  readonly eventName: string;

  constructor(eventName: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.eventName = eventName;
  }
}
