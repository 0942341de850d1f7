import { describe, expect, it } from "vitest";
import { describeKind } from "./describe-kind";

describe("describeKind", () => {
  it("names the kind of a value without showing it", () => {
    expect([null, undefined, [1], {}, "secret", 1, () => 1].map(describeKind)).toEqual([
      "null",
      "undefined",
      "an array",
      "an object",
      "a string",
      "a number",
      "a function",
    ]);
  });
});
