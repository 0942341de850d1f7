import { describe, expect, it } from "vitest";
import { JobError } from "./job-error";
import { inngestLimits } from "./limits";
import { checkReadyMadeOptions } from "./ready-made-options";

const spec = { defaultId: "audit-log", own: ["write"] };

function errorOf(run: () => unknown): JobError {
  try {
    run();
  } catch (error) {
    if (error instanceof JobError) return error;
    throw error;
  }
  throw new Error("expected a JobError");
}

describe("checkReadyMadeOptions", () => {
  it("accepts the shared options and the ready-made's own, and defaults the id", () => {
    const checked = checkReadyMadeOptions({ retries: 3, concurrency: 2, write: () => {} }, spec);
    expect(checked.id).toBe("audit-log");
    expect(checked.limits).toBe(inngestLimits);
  });

  it("takes no options at all", () => {
    expect(checkReadyMadeOptions(undefined, spec).options).toEqual({});
  });

  it("refuses options that are not an object", () => {
    expect(errorOf(() => checkReadyMadeOptions("audit", spec))).toMatchObject({
      path: "options",
      functionId: "audit-log",
      received: '"audit"',
    });
  });

  it("refuses a misspelt shared option with a suggestion and names the given id", () => {
    const error = errorOf(() => checkReadyMadeOptions({ id: "audit-eu", retires: 3 }, spec));
    expect(error).toMatchObject({ path: "retires", functionId: "audit-eu" });
    expect(error.message).toMatch(/did you mean "retries"\?/);
  });

  it("refuses a shared option the ready-made does not take, with the reason", () => {
    const error = errorOf(() =>
      checkReadyMadeOptions(
        { debounce: { period: "1m" } },
        { ...spec, refused: { debounce: "batches already wait" } },
      ),
    );
    expect(error).toMatchObject({ path: "debounce", expected: "no debounce: batches already wait" });
  });

  it("requires an id when the spec has no default (a definer)", () => {
    const error = errorOf(() => checkReadyMadeOptions({ write: () => {} }, { own: ["write"] }));
    expect(error).toMatchObject({ path: "id", functionId: undefined, received: "undefined" });
    expect(checkReadyMadeOptions({ id: "import-rows" }, { own: [] }).id).toBe("import-rows");
  });

  it("refuses an overlong id without repeating it whole (found by the fuzz suite)", () => {
    const error = errorOf(() => checkReadyMadeOptions({ id: "x".repeat(262_144) }, spec));
    expect(error).toMatchObject({ path: "id", functionId: undefined });
    expect(error.message.length).toBeLessThan(400);
  });

  it("refuses a non-string id or if", () => {
    expect(errorOf(() => checkReadyMadeOptions({ id: 5 }, spec)).path).toBe("id");
    expect(errorOf(() => checkReadyMadeOptions({ if: true }, spec)).path).toBe("if");
  });

  it("applies limit overrides and binds defineEventFunction to them", () => {
    const checked = checkReadyMadeOptions({ limits: { maxBatchSize: 500 } }, spec);
    expect(checked.limits.maxBatchSize).toBe(500);
    const definition = checked.defineEventFunction({
      id: "big-batches",
      on: "audit/recorded",
      batchEvents: { maxSize: 400, timeout: "10s" },
      handler: async () => {},
    });
    expect(definition.id).toBe("big-batches");
    expect(() =>
      checkReadyMadeOptions({}, spec).defineEventFunction({
        id: "big-batches",
        on: "audit/recorded",
        batchEvents: { maxSize: 400, timeout: "10s" },
        handler: async () => {},
      }),
    ).toThrow(JobError);
  });

  it("refuses unknown or non-positive limits with the function id", () => {
    expect(errorOf(() => checkReadyMadeOptions({ limits: { maxBatchSise: 5 } }, spec))).toMatchObject({
      path: "limits.maxBatchSise",
      functionId: "audit-log",
    });
    expect(errorOf(() => checkReadyMadeOptions({ limits: { maxBatchSize: -1 } }, spec))).toMatchObject({
      path: "limits.maxBatchSize",
      expected: "a positive number",
    });
    expect(errorOf(() => checkReadyMadeOptions({ limits: [] }, spec)).path).toBe("limits");
  });
});
