import { describe, expect, it } from "vitest";
import { ChunkPlanner, chunkEndsOf } from "./chunk-planner";
import type { PreparedEvent } from "./create-event-preparer";

function prepared(id: string, data: string, requestBytes = 100): PreparedEvent {
  const payload = { name: "email/send", data: { data }, id, v: "1" };
  const json = JSON.stringify(payload);
  return { payload, json, bytes: json.length, requestBytes };
}

function planOf(digestOf: "id" | "json", events: readonly PreparedEvent[], chunkSize = 2) {
  const planner = new ChunkPlanner(chunkSize, 512 * 1024, digestOf);
  for (const event of events) planner.add(event);
  return planner.plan();
}

describe("ChunkPlanner", () => {
  it("digests ids alone by id, so changed data keeps the digest and changed ids do not", () => {
    const first = planOf("id", [prepared("a", "1"), prepared("b", "1")]);
    expect(planOf("id", [prepared("a", "2"), prepared("b", "2")]).digest).toBe(first.digest);
    expect(planOf("id", [prepared("b", "1")]).digest).not.toBe(first.digest);
  });

  it("digests whole events by json, so changed data changes the digest", () => {
    const first = planOf("json", [prepared("a", "1")]);
    expect(planOf("json", [prepared("a", "2")]).digest).not.toBe(first.digest);
  });

  it("leaves out uniform chunk ends and records ends the byte limit shaped", () => {
    const uniform = planOf(
      "id",
      ["a", "b", "c", "d", "e"].map((id) => prepared(id, "")),
    );
    expect(uniform).toMatchObject({ events: 5, chunks: 3 });
    expect(uniform.ends).toBeUndefined();
    expect(chunkEndsOf(uniform, 2)).toEqual([2, 4, 5]);

    const planner = new ChunkPlanner(10, 250, "id");
    for (const id of ["a", "b", "c"]) planner.add(prepared(id, "", 100));
    const split = planner.plan();
    expect(split.ends).toEqual([2, 3]);
    expect(chunkEndsOf(split, 10)).toEqual([2, 3]);
  });
});
