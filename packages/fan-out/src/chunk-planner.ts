import { createHash, type Hash } from "node:crypto";
import type { PreparedEvent } from "./create-event-preparer";
import { EventChunker, uniformChunkEnds } from "./event-chunker";

/**
 * What a fan-out records in a step the first time it turns a source into events, so a replay can tell
 * whether it still gets the same events, and sends them in the same chunks.
 */
export interface ChunkPlan {
  readonly events: number;
  readonly chunks: number;
  /** SHA-256 (hex) of the events, one line each: their ids, or their whole JSON. */
  readonly digest: string;
  /** The end (exclusive index) of each chunk; left out when every chunk but the last holds `chunkSize` events. */
  readonly ends?: readonly number[];
}

/** What identifies an event in a plan's digest: its id alone (data may change on a replay), or its whole JSON. */
export type DigestOf = "id" | "json";

function sameEnds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((end, index) => end === b[index]);
}

/**
 * Digests events and cuts them into chunks (of `chunkSize` events, smaller where a request would pass
 * `maxRequestBytes`) as they are added, then gives the {@link ChunkPlan} to record.
 */
export class ChunkPlanner {
  readonly #chunkSize: number;
  readonly #digestOf: DigestOf;
  readonly #chunker: EventChunker;
  readonly #hash: Hash = createHash("sha256");
  #events = 0;

  constructor(chunkSize: number, maxRequestBytes: number, digestOf: DigestOf) {
    this.#chunkSize = chunkSize;
    this.#digestOf = digestOf;
    this.#chunker = new EventChunker(chunkSize, maxRequestBytes);
  }

  /** Adds the next event. */
  add(prepared: PreparedEvent): void {
    this.#hash.update(this.#digestOf === "id" ? prepared.payload.id : prepared.json).update("\n");
    this.#chunker.add(prepared.requestBytes);
    this.#events++;
  }

  /** Chunks so far, the open one included. */
  get chunks(): number {
    return this.#chunker.chunks;
  }

  /** Whether the request byte limit closed a chunk before `chunkSize` did. */
  get splitByBytes(): boolean {
    return this.#chunker.splitByBytes;
  }

  /** The plan of every event added; call once, after the last. */
  plan(): ChunkPlan {
    const ends = this.#chunker.ends();
    return {
      events: this.#events,
      chunks: ends.length,
      digest: this.#hash.digest("hex"),
      ...(sameEnds(ends, uniformChunkEnds(this.#events, this.#chunkSize)) ? {} : { ends }),
    };
  }
}

/** The chunk ends `plan` stands for: the recorded ones, or chunks of `chunkSize` when none were recorded. */
export function chunkEndsOf(plan: ChunkPlan, chunkSize: number): readonly number[] {
  return plan.ends ?? uniformChunkEnds(plan.events, chunkSize);
}
