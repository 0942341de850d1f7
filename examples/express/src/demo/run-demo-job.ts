import { standardCatalog } from "@jobkit/events/standard";
import type { AnyFunctionDefinition } from "@jobkit/functions";
import { type EventInputOf, type IncomingEvent, type JobRun, runJob, type SentEvent } from "@jobkit/testing";

/**
 * Runs one of the app's jobs (on one event, or a batch) on the virtual clock with the standard catalog, so every event it
 * receives or sends is validated exactly as in production.
 *
 * @example
 * ```ts
 * import { userCreated } from "@jobkit/events/standard";
 * import { userSignup } from "../jobs/user-signup-fan-out";
 * import { runDemoJob } from "./run-demo-job";
 *
 * const run = await runDemoJob(userSignup(), userCreated.create({ userId: "usr_1", email: "ada@example.com" }), new Date());
 * ```
 */
export function runDemoJob<TDefinition extends AnyFunctionDefinition>(
  definition: TDefinition,
  event: EventInputOf<TDefinition> | readonly EventInputOf<TDefinition>[],
  now: Date,
  options: { readonly incoming?: readonly IncomingEvent[] } = {},
): Promise<JobRun> {
  // A list is a batch, for functions with `batchEvents`.
  const trigger = Array.isArray(event) ? { events: event } : { event: event as EventInputOf<TDefinition> };
  return runJob(definition, { ...trigger, now, catalog: standardCatalog, ...options }) as Promise<JobRun>;
}

/** An event one job sent, as the input of the next job: the chain the Inngest server would run. */
export function handOver<TDefinition extends AnyFunctionDefinition>(
  _definition: TDefinition,
  event: SentEvent,
): EventInputOf<TDefinition> {
  return { name: event.name, data: event.data, id: event.id, ts: event.ts } as EventInputOf<TDefinition>;
}
