/**
 * Thrown by a sender when one of the requests a send was split into fails: the requests before it were
 * delivered, and their ids are kept so the caller can tell what already went out.
 *
 * @example Retry only when nothing was delivered, or resend with the same ids
 * ```ts
 * import { Inngest } from "inngest";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender, EventSendError } from "@jobkit/functions";
 *
 * const events = createSender(new Inngest({ id: "shop" }), standardCatalog);
 * const imported = Array.from({ length: 12_000 }, (_, index) => ({
 *   name: "user/created" as const,
 *   data: { userId: `usr_${index}`, email: `user${index}@example.com` },
 *   id: `import-usr_${index}`, // ids make a resend of the whole list safe: Inngest deduplicates them
 * }));
 * try {
 *   await events.sendMany(imported);
 * } catch (error) {
 *   if (!(error instanceof EventSendError)) throw error;
 *   console.error(`request ${error.failedRequest + 1} of ${error.requests} failed`, error.deliveredIds.length);
 * }
 * ```
 */
export class EventSendError extends Error {
  override readonly name = "EventSendError";
  /** Ids Inngest assigned to the events of the requests that succeeded, in send order. */
  readonly deliveredIds: readonly string[];
  /** Index (from 0) of the request that failed; the requests after it were not attempted. */
  readonly failedRequest: number;
  /** How many requests the events were split into. */
  readonly requests: number;
  /** How many events were given to the call. */
  readonly eventCount: number;

  constructor(
    details: {
      readonly deliveredIds: readonly string[];
      readonly failedRequest: number;
      readonly requests: number;
      readonly eventCount: number;
    },
    options: { readonly cause: unknown },
  ) {
    const { deliveredIds, failedRequest, requests, eventCount } = details;
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      [
        `Failed to send events: request ${failedRequest + 1} of ${requests} failed: ${reason}`,
        `  delivered: ${deliveredIds.length} of ${eventCount} events (their ids are in error.deliveredIds); later requests were not sent`,
        "  expected: Inngest to accept every request; give events ids so that resending the whole call is deduplicated",
      ].join("\n"),
      { cause: options.cause },
    );
    this.deliveredIds = Object.freeze([...deliveredIds]);
    this.failedRequest = failedRequest;
    this.requests = requests;
    this.eventCount = eventCount;
  }
}
