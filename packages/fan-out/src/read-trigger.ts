import { jsonBytes } from "./event-bytes";
import { FanOutError } from "./fan-out-error";

/** The triggering event's id, which event ids derive from, and its size, which counts in the run state. */
export interface TriggerInfo {
  readonly id: string;
  readonly bytes: number;
}

/** Reads the trigger's id and size; refuses a trigger without an id, as no stable event id could follow. */
export function readTrigger(functionId: string, event: { readonly id?: unknown }): TriggerInfo {
  if (typeof event.id !== "string" || event.id === "") {
    throw new FanOutError({
      functionId,
      code: "missing-trigger-id",
      problem: "was triggered by an event without an id",
      received: `id ${event.id === "" ? '""' : String(event.id)}`,
      details: [
        "event ids of a fan-out derive from the trigger's id, so retries and replays never send twice",
      ],
      expected: "the event as Inngest delivers it (Inngest gives every event an id)",
      example: 'runJob(fanOut, { event: { ...event, id: "evt_1" } }) in tests',
    });
  }
  return { id: event.id, bytes: jsonBytes(JSON.stringify(event)) };
}
