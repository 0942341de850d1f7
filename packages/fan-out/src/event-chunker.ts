import { requestArrayBytes } from "./event-bytes";

/** How many events of `eventBytes` bytes each one send request of at most `maxRequestBytes` holds. */
export function eventsPerRequest(eventBytes: number, maxRequestBytes: number): number {
  // n events take 2 + n * bytes + (n - 1) commas.
  return Math.floor((maxRequestBytes - requestArrayBytes + 1) / (eventBytes + 1));
}

/** Chunk ends for chunks of `chunkSize` events, by count alone. */
export function uniformChunkEnds(count: number, chunkSize: number): number[] {
  return Array.from({ length: Math.ceil(count / chunkSize) }, (_, index) =>
    Math.min(count, (index + 1) * chunkSize),
  );
}

/**
 * Cuts a stream of events into chunks, one `step.sendEvent` each: a chunk closes at `chunkSize` events, or
 * earlier when the next event would push its request (the JSON array of its events) over
 * `maxRequestBytes`. Chunks depend on the events' sizes alone, so the same events always give the same
 * chunks. An event too big for a request on its own is refused before it gets here, by the event preparer.
 */
export class EventChunker {
  readonly #chunkSize: number;
  readonly #maxRequestBytes: number;
  readonly #ends: number[] = [];
  #count = 0;
  #inChunk = 0;
  #chunkBytes = requestArrayBytes;
  #splitByBytes = false;

  constructor(chunkSize: number, maxRequestBytes: number) {
    this.#chunkSize = chunkSize;
    this.#maxRequestBytes = maxRequestBytes;
  }

  /** Adds the next event, of `bytes` bytes in a send request. */
  add(bytes: number): void {
    if (this.#inChunk > 0) {
      const full = this.#inChunk >= this.#chunkSize;
      if (full || this.#chunkBytes + 1 + bytes > this.#maxRequestBytes) {
        if (!full) this.#splitByBytes = true;
        this.#ends.push(this.#count);
        this.#inChunk = 0;
        this.#chunkBytes = requestArrayBytes;
      }
    }
    this.#chunkBytes += (this.#inChunk > 0 ? 1 : 0) + bytes;
    this.#inChunk++;
    this.#count++;
  }

  /** Chunks so far, the open one included. */
  get chunks(): number {
    return this.#ends.length + (this.#inChunk > 0 ? 1 : 0);
  }

  /** Whether the request byte limit closed a chunk before `chunkSize` did. */
  get splitByBytes(): boolean {
    return this.#splitByBytes;
  }

  /** The end (exclusive index) of every chunk, the open one included. */
  ends(): number[] {
    return this.#inChunk > 0 ? [...this.#ends, this.#count] : [...this.#ends];
  }
}
