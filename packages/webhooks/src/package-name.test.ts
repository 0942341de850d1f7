import { describe, expect, it } from "vitest";
import { packageName } from "./index";

describe("packageName", () => {
  it("is the scoped npm name the package is published under", () => {
    expect(packageName).toBe("@jobkit/webhooks");
  });
});
