import type { AnyEventDefinition, EventError } from "@jobkit/events";
import type { InngestLimits } from "@jobkit/functions";
import { describeKind } from "./describe-kind";
import { formatBytes, jsonBytes, requestArrayBytes, sentTimestampBytes } from "./event-bytes";
import { FanOutError } from "./fan-out-error";
import { eventIdOf } from "./fan-out-event-id";

/** An event exactly as it goes to `step.sendEvent`. */
export interface OutgoingEvent {
  readonly name: string;
  readonly data: Record<string, unknown>;
  readonly id: string;
  readonly v: string;
  readonly ts?: number;
}

/** A validated event with its id, its JSON and its size. */
export interface PreparedEvent {
  readonly payload: OutgoingEvent;
  readonly json: string;
  readonly bytes: number;
  /** The bytes it takes in the body of a send request: its JSON and, without a `ts`, the one the SDK adds. */
  readonly requestBytes: number;
}

/** What every event of one run is checked and identified against. */
export interface PreparerContext {
  readonly functionId: string;
  readonly triggerId: string;
  /** The `sends` definitions by name. */
  readonly definitions: ReadonlyMap<string, AnyEventDefinition>;
  readonly limits: InngestLimits;
}

/**
 * Turns what `fanOut` or `toEvents` returned into one event to send: checks its name against `sends`,
 * validates its data, gives it its deterministic id, measures it, and refuses duplicate ids. `where`
 * names the event in messages (`event 17`, `page 3, item 5`); it never includes the payload.
 */
export type EventPreparer = (raw: unknown, where: string, key: (event: unknown) => unknown) => PreparedEvent;

function describeName(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 80)) : describeKind(value);
}

/** Creates the {@link EventPreparer} of one run. */
export function createEventPreparer(context: PreparerContext): EventPreparer {
  const { functionId, triggerId, definitions, limits } = context;
  const seen = new Map<string, string>();
  const names = [...definitions.keys()].map((name) => `"${name}"`).join(", ");

  return (raw, where, key) => {
    const candidate = (typeof raw === "object" && raw !== null ? raw : {}) as {
      readonly name?: unknown;
      readonly data?: unknown;
      readonly id?: unknown;
      readonly ts?: unknown;
    };
    const definition = typeof candidate.name === "string" ? definitions.get(candidate.name) : undefined;
    if (definition === undefined) {
      throw new FanOutError({
        functionId,
        code: "unknown-event",
        problem: "produced an event that is not in its sends list",
        received: `${where} is ${typeof raw === "object" && raw !== null && !Array.isArray(raw) ? `named ${describeName(candidate.name)}` : describeKind(raw)}`,
        expected: `an event named one of ${names}; add its definition to sends`,
        example: "sends: [emailSend, userProfileCreate]",
      });
    }

    let data: Record<string, unknown>;
    try {
      data = definition.parse(candidate.data) as Record<string, unknown>;
    } catch (error) {
      // By name, not instanceof: an app may load another copy of @jobkit/events (ESM next to CJS), and the
      // class itself would be bundled into every app only for this test.
      if (
        (error as Error | undefined)?.name !== "EventError" ||
        (error as EventError).code !== "invalid-data"
      )
        throw error;
      throw new FanOutError(
        {
          functionId,
          code: "invalid-event",
          problem: `produced an invalid "${definition.name}" event`,
          received: where,
          details: (error as EventError).issues.map(
            (issue) =>
              `${issue.path}: ${issue.message}${issue.received === undefined ? "" : `, received ${issue.received}`}`,
          ),
          expected: `data matching the schema of "${definition.name}" v${definition.version}`,
          example: exampleOf(definition),
        },
        { cause: error },
      );
    }

    let id: string;
    if (typeof candidate.id === "string" && candidate.id !== "") {
      id = candidate.id;
    } else {
      const itemKey = key(raw);
      if (typeof itemKey !== "string" || itemKey === "") {
        throw new FanOutError({
          functionId,
          code: "invalid-key",
          problem: "got an unusable event key",
          received: `${where}: key returned ${typeof itemKey === "string" ? "an empty string" : describeKind(itemKey)}`,
          expected: "a non-empty string that identifies the item among the others of this run",
          example: "key: (event) => event.data.userId",
        });
      }
      id = eventIdOf({ functionId, triggerId, name: definition.name, key: itemKey });
    }

    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new FanOutError({
        functionId,
        code: "duplicate-id",
        problem: "produced two events with the same id",
        received: `${previous} and ${where} both have id "${id}"`,
        details: ["Inngest keeps the first event with an id and drops the others"],
        expected: "a key that differs for every event of a run (and no repeated explicit ids)",
        example: "key: (event) => event.data.userId",
      });
    }
    seen.set(id, where);

    const payload: OutgoingEvent =
      typeof candidate.ts === "number"
        ? { name: definition.name, data, id, v: definition.version, ts: candidate.ts }
        : { name: definition.name, data, id, v: definition.version };
    const json = JSON.stringify(payload);
    const bytes = jsonBytes(json);
    if (bytes > limits.maxEventBytes) {
      throw new FanOutError({
        functionId,
        code: "event-size",
        problem: "produced an event over the size limit",
        received: `${where} ("${definition.name}") is ${formatBytes(bytes)}`,
        details: [
          `limit: ${formatBytes(limits.maxEventBytes)} per event (maxEventBytes), measured as the UTF-8 bytes of its JSON`,
        ],
        expected: "smaller event data: send ids and let the receiving job load the rest",
        example: '{ userId: "usr_123" } instead of the whole user record',
        limit: "maxEventBytes",
      });
    }
    const requestBytes = bytes + (payload.ts === undefined ? sentTimestampBytes : 0);
    if (requestBytes + requestArrayBytes > limits.maxSendRequestBytes) {
      throw new FanOutError({
        functionId,
        code: "event-size",
        problem: "produced an event too big for one send request",
        received: `${where} ("${definition.name}") takes ${formatBytes(requestBytes)} in a send request`,
        details: [`limit: ${formatBytes(limits.maxSendRequestBytes)} per send request (maxSendRequestBytes)`],
        expected: "smaller event data: send ids and let the receiving job load the rest",
        example: '{ userId: "usr_123" } instead of the whole user record',
        limit: "maxSendRequestBytes",
      });
    }
    return { payload, json, bytes, requestBytes };
  };
}

function exampleOf(definition: AnyEventDefinition): string | undefined {
  const example = definition.examples[0];
  if (example === undefined) return undefined;
  const json = JSON.stringify(example);
  return json.length > 160 ? undefined : json;
}
