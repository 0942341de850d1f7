import { describe, expect, it } from "vitest";
import { bodyExcerpt } from "./body-excerpt";

describe("bodyExcerpt", () => {
  it("collapses whitespace and control characters and cuts to the length with an ellipsis", () => {
    expect(bodyExcerpt(Buffer.from("  invalid\n\tpayload\u0000!  "), 200)).toBe("invalid payload !");
    expect(bodyExcerpt(Buffer.from("x".repeat(300)), 10)).toBe(`${"x".repeat(10)}…`);
  });

  it("decodes UTF-8 and survives a multi-byte character cut by the read limit", () => {
    const cut = Buffer.from("Zoë", "utf8").subarray(0, 3);
    expect(bodyExcerpt(cut, 200)).toBe("Zo\ufffd");
  });
});
