import { describe, expect, it } from "vitest";
import { EventChunker, eventsPerRequest, uniformChunkEnds } from "./event-chunker";

function chunk(sizes: readonly number[], chunkSize: number, maxRequestBytes: number) {
  const chunker = new EventChunker(chunkSize, maxRequestBytes);
  for (const bytes of sizes) chunker.add(bytes);
  return chunker;
}

/** Bytes of the JSON array of events of these sizes: brackets and commas. */
const requestBytes = (sizes: readonly number[]) =>
  2 + sizes.reduce((total, bytes) => total + bytes, 0) + Math.max(0, sizes.length - 1);

describe("EventChunker", () => {
  it("closes a chunk at chunkSize events when they are small", () => {
    const chunker = chunk(Array(25).fill(100), 10, 512 * 1024);
    expect(chunker.ends()).toEqual([10, 20, 25]);
    expect(chunker.chunks).toBe(3);
    expect(chunker.splitByBytes).toBe(false);
  });

  it("closes a chunk before the next event would push its request over the byte limit", () => {
    // 2 + 3 * 100 + 2 commas = 304 bytes fit in 304; a fourth event would need 405.
    const chunker = chunk(Array(7).fill(100), 10, 304);
    expect(chunker.ends()).toEqual([3, 6, 7]);
    expect(requestBytes([100, 100, 100])).toBe(304);
    expect(chunker.splitByBytes).toBe(true);
  });

  it("keeps every chunk's request within the limit for events of mixed sizes", () => {
    const sizes = Array.from({ length: 500 }, (_, index) => 50 + ((index * 7919) % 900));
    const ends = chunk(sizes, 1000, 4096).ends();
    let start = 0;
    for (const end of ends) {
      expect(requestBytes(sizes.slice(start, end))).toBeLessThanOrEqual(4096);
      // Greedy: the next event would not have fit.
      if (end < sizes.length) expect(requestBytes(sizes.slice(start, end + 1))).toBeGreaterThan(4096);
      start = end;
    }
    expect(ends.at(-1)).toBe(500);
  });

  it("gives the same chunks for the same sizes", () => {
    const sizes = [900, 10, 10, 3000, 2000, 5, 5, 5];
    expect(chunk(sizes, 3, 3100).ends()).toEqual(chunk(sizes, 3, 3100).ends());
    expect(chunk(sizes, 3, 3100).ends()).toEqual([3, 4, 7, 8]);
  });

  it("counts the open chunk and has no chunks without events", () => {
    const chunker = new EventChunker(10, 1000);
    expect(chunker.chunks).toBe(0);
    expect(chunker.ends()).toEqual([]);
    chunker.add(10);
    expect(chunker.chunks).toBe(1);
    expect(chunker.ends()).toEqual([1]);
  });
});

describe("eventsPerRequest", () => {
  it("is how many equal events the chunker puts in one request", () => {
    const perRequest = eventsPerRequest(2048, 512 * 1024);
    expect(perRequest).toBe(255);
    expect(chunk(Array(600).fill(2048), 1000, 512 * 1024).ends()).toEqual([255, 510, 600]);
  });
});

describe("uniformChunkEnds", () => {
  it("ends chunks every chunkSize events, the last one shorter", () => {
    expect(uniformChunkEnds(2500, 1000)).toEqual([1000, 2000, 2500]);
    expect(uniformChunkEnds(0, 1000)).toEqual([]);
  });
});
