import { describe, expect, it } from "vitest";
import { groupBy } from "./group-by";

describe("groupBy", () => {
  it("groups items by key, keeping first-seen key order and item order", () => {
    const groups = groupBy(["b1", "a1", "b2", "c1", "a2"], (item) => item[0]);
    expect([...groups.keys()]).toEqual(["b", "a", "c"]);
    expect(groups.get("a")).toEqual(["a1", "a2"]);
    expect(groups.get("b")).toEqual(["b1", "b2"]);
  });

  it("passes the index and accepts non-string keys", () => {
    const groups = groupBy(["x", "y", "z", "w"], (_item, index) => index % 2 === 0);
    expect(groups.get(true)).toEqual(["x", "z"]);
    expect(groups.get(false)).toEqual(["y", "w"]);
  });

  it("returns an empty map for no items", () => {
    expect(groupBy([], () => "key").size).toBe(0);
  });
});
