import { describe, expect, it } from "vitest";
import { JobError } from "../job-error";
import { checkKnownOptions, configFailure, requireOneOf } from "./config-failure";

describe("configFailure", () => {
  it("throws a JobError with the path, the rendered value and what is expected", () => {
    const fail = configFailure("digest");
    const error = (() => {
      try {
        fail("window", { secret: "x" }, "a duration", { example: '"1h"', cause: new Error("inner") });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({
      functionId: "digest",
      path: "window",
      received: "an object",
      example: '"1h"',
    });
    expect((error as Error).message).not.toContain("secret");
    expect((error as Error).cause).toEqual(new Error("inner"));
  });
});

describe("checkKnownOptions", () => {
  it("refuses a misspelt option with a suggestion", () => {
    expect(() => checkKnownOptions("digest", { id: "x", concurency: 5 }, ["id", "concurrency"])).toThrow(
      /did you mean "concurrency"\?/,
    );
  });

  it("lists the known options when nothing is close", () => {
    expect(() => checkKnownOptions(undefined, { zzz: 1 }, ["id", "window"], "defaults")).toThrow(
      /option "defaults.zzz".*\n.*expected: one of id, window/,
    );
  });

  it("accepts known options", () => {
    expect(checkKnownOptions("digest", { id: "x" }, ["id"])).toBeUndefined();
  });
});

describe("requireOneOf", () => {
  const text = { expected: "either fanOut or pages", example: "fanOut: () => []" };
  const fail = configFailure("announce");

  it("accepts exactly one of the two", () => {
    expect(requireOneOf(fail, ["fanOut", () => []], ["pages", undefined], text)).toBeUndefined();
    expect(requireOneOf(fail, ["fanOut", undefined], ["pages", {}], text)).toBeUndefined();
  });

  it("names the first when neither is given and the second when both are", () => {
    expect(() => requireOneOf(fail, ["fanOut", undefined], ["pages", undefined], text)).toThrow(
      expect.objectContaining({ path: "fanOut", details: ["neither fanOut nor pages was given"] }),
    );
    expect(() => requireOneOf(fail, ["fanOut", () => []], ["pages", {}], text)).toThrow(
      expect.objectContaining({
        path: "pages",
        received: "an object",
        details: ["both fanOut and pages were given"],
      }),
    );
  });
});
