import { defineEvent } from "@jobkit/events";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { analyticsBatch } from "./analytics-batch";
import { defineBatchFunction } from "./define-batch-function";
import { notificationDigest } from "./notification-digest";

const rowSubmitted = defineEvent("import/row.submitted", {
  schema: z.object({ accountId: z.string(), rowId: z.string(), valid: z.boolean() }),
});

const rows = (count: number, invalid: readonly number[] = []) =>
  Array.from({ length: count }, (_, index) =>
    rowSubmitted.create(
      { accountId: "acc_1", rowId: `row_${index}`, valid: !invalid.includes(index) },
      { id: `evt_row_${index}` },
    ),
  );

/** Calls `define` with options a test deliberately gets wrong, and returns the error it throws. */
function configError(define: () => unknown): JobError {
  try {
    define();
  } catch (error) {
    if (error instanceof JobError) return error;
    throw error;
  }
  throw new Error("expected a JobError");
}

// biome-ignore lint/suspicious/noExplicitAny: these tests pass options the types reject on purpose.
const defineUnchecked = defineBatchFunction as (options: any) => unknown;

const validOptions = {
  id: "import-rows",
  on: rowSubmitted,
  batch: { maxSize: 100, timeout: "10s" },
  handler: async () => "done",
};

describe("defineBatchFunction: configuration", () => {
  it("turns batch into Inngest's batchEvents, durations checked and in milliseconds", () => {
    const definition = defineBatchFunction({
      id: "import-rows",
      on: rowSubmitted,
      batch: { maxSize: 50, timeout: "10s", key: "event.data.accountId", if: "event.data.valid" },
      handler: async () => "done",
    });
    expect(definition.kind).toBe("event");
    expect(definition.config.batchEvents).toEqual({
      maxSize: 50,
      timeoutMs: 10_000,
      key: "event.data.accountId",
      if: "event.data.valid",
    });
  });

  it("rejects maxSize 1000 and says that Inngest caps batches at 100", () => {
    const error = configError(() =>
      defineBatchFunction({ ...validOptions, batch: { maxSize: 1000, timeout: "1m" } }),
    );
    expect(error.path).toBe("batch.maxSize");
    expect(error.received).toBe("1000");
    expect(error.message).toContain('Invalid option "batch.maxSize" for function "import-rows": 1000');
    expect(error.message).toContain("Inngest caps a batch at 100 events");
    expect(error.message).toContain("rejected, not clamped");
    expect(error.message).toContain("expected: a whole number from 1 to 100, e.g. 100");
  });

  it("rejects a maxSize below 1 without the cap explanation", () => {
    const error = configError(() =>
      defineBatchFunction({ ...validOptions, batch: { maxSize: 0, timeout: "5s" } }),
    );
    expect(error.path).toBe("batch.maxSize");
    expect(error.message).not.toContain("caps a batch");
  });

  it.each([
    ["2m", "over a minute"],
    ["0.5s", "under a second"],
  ] as const)("rejects a timeout of %s (%s) with the bounds", (timeout, _why) => {
    const error = configError(() =>
      defineBatchFunction({ ...validOptions, batch: { maxSize: 10, timeout } }),
    );
    expect(error.path).toBe("batch.timeout");
    expect(error.received).toBe(JSON.stringify(timeout));
    expect(error.message).toMatch(/expected: between 1s and 1m, e\.g\. "1m"$/);
  });

  it("rejects a key path that does not start at event, suggesting the right one", () => {
    const error = configError(() =>
      defineUnchecked({ ...validOptions, batch: { maxSize: 10, timeout: "5s", key: "data.accountId" } }),
    );
    expect(error.path).toBe("batch.key");
    expect(error.message).toContain('e.g. "event.data.accountId"');
  });

  it("requires batch as an object, and rejects batchEvents in its place", () => {
    const { batch: _batch, ...withoutBatch } = validOptions;
    expect(configError(() => defineUnchecked(withoutBatch)).path).toBe("batch");
    expect(configError(() => defineUnchecked({ ...validOptions, batch: null })).path).toBe("batch");
    const error = configError(() => defineUnchecked({ ...validOptions, batchEvents: validOptions.batch }));
    expect(error.path).toBe("batchEvents");
    expect(error.message).toContain('the "batch" option');
  });

  it("rejects debounce, which Inngest does not combine with batching", () => {
    const error = configError(() => defineUnchecked({ ...validOptions, debounce: { period: "5s" } }));
    expect(error.path).toBe("debounce");
  });

  it("rejects an unknown onItemError policy", () => {
    const error = configError(() => defineUnchecked({ ...validOptions, onItemError: "ignore" }));
    expect(error.path).toBe("onItemError");
    expect(error.message).toContain('"collect"');
  });

  it("lets defineEventFunction report a missing handler and a bad id", () => {
    expect(configError(() => defineUnchecked({ ...validOptions, handler: undefined })).path).toBe("handler");
    expect(configError(() => defineUnchecked({ ...validOptions, id: "Import Rows" })).path).toBe("id");
  });
});

describe("defineBatchFunction: runs", () => {
  it("gives the handler every event of the batch", async () => {
    const importRows = defineBatchFunction({
      id: "import-rows",
      on: rowSubmitted,
      batch: { maxSize: 100, timeout: "10s" },
      handler: async ({ events }) => events.map((event) => event.data.rowId),
    });
    const run = await runJob(importRows, { events: rows(3) });
    expect(run.output).toEqual(["row_0", "row_1", "row_2"]);
  });

  it("collects a failing item's error and completes the batch by default", async () => {
    const importRows = defineBatchFunction({
      id: "import-rows",
      on: rowSubmitted,
      batch: { maxSize: 100, timeout: "10s" },
      retries: 1,
      handler: async ({ events, step, mapItems }) =>
        mapItems(events, (event) =>
          step.run(`import-${event.data.rowId}`, () => {
            if (!event.data.valid) throw new Error(`row ${event.data.rowId} is invalid`);
            return event.data.rowId;
          }),
        ),
    });
    const run = await runJob(importRows, { events: rows(4, [1]) });
    expect(run.status).toBe("completed");
    expect(run.output?.succeeded).toBe(3);
    expect(run.output?.failed).toBe(1);
    const failed = run.output?.items.find((item) => !item.ok);
    expect(failed?.key).toBe("evt_row_1");
    expect(failed?.ok === false && failed.error.message).toBe("row row_1 is invalid");
    // The failing step used its retry; no other step ran twice.
    const imports = run.timeline.filter((entry) => entry.type === "step" || entry.type === "retry");
    expect(imports.map((entry) => `${entry.type} ${entry.id}`)).toEqual([
      "step import-row_0",
      "retry import-row_1",
      "step import-row_1",
      "step import-row_2",
      "step import-row_3",
    ]);
  });

  it('fails the run on the first failing item with onItemError: "fail"', async () => {
    const seen: string[] = [];
    const importRows = defineBatchFunction({
      id: "import-rows",
      on: rowSubmitted,
      batch: { maxSize: 100, timeout: "10s" },
      retries: 0,
      onItemError: "fail",
      handler: async ({ events, step, mapItems }) =>
        mapItems(events, (event) =>
          step.run(`import-${event.data.rowId}`, () => {
            seen.push(event.data.rowId);
            if (!event.data.valid) throw new Error(`row ${event.data.rowId} is invalid`);
            return event.data.rowId;
          }),
        ),
    });
    const run = await runJob(importRows, { events: rows(4, [1]) });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("row row_1 is invalid");
    expect(seen).toEqual(["row_0", "row_1"]);
  });
});

describe("defineBatchFunction: limits", () => {
  it("checks batch sizes against the limits option, for the definer and each ready-made", () => {
    const limits = { maxBatchSize: 1000 };
    expect(
      defineBatchFunction({
        id: "big",
        on: "app/tick",
        batch: { maxSize: 1000, timeout: "5s" },
        limits,
        handler: () => null,
      }).config.batchEvents?.maxSize,
    ).toBe(1000);
    expect(
      analyticsBatch({ write: () => undefined, maxSize: 1000, limits }).config.batchEvents?.maxSize,
    ).toBe(1000);
    expect(
      notificationDigest({ deliver: () => undefined, maxSize: 500, limits }).config.batchEvents?.maxSize,
    ).toBe(500);
    expect(() => analyticsBatch({ write: () => undefined, maxSize: 1001, limits })).toThrow(JobError);
    expect(() => analyticsBatch({ write: () => undefined, maxSize: 101 })).toThrow(JobError);
  });

  it("rejects an unknown limit name, naming the function", () => {
    const error = configError(() =>
      defineBatchFunction({
        id: "big",
        on: "app/tick",
        batch: { maxSize: 10, timeout: "5s" },
        limits: { maxBatchSise: 5 } as never,
        handler: () => null,
      }),
    );
    expect(error).toMatchObject({ path: "limits.maxBatchSise", functionId: "big" });
    expect(error.message).toContain('did you mean "maxBatchSize"?');
  });
});
