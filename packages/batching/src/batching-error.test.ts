import { notificationSend } from "@jobkit/events/standard";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { BatchingError } from "./batching-error";
import { createMapItems } from "./map-items";
import { notificationDigest } from "./notification-digest";

async function rejection(promise: Promise<unknown>): Promise<BatchingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof BatchingError) return error;
  throw new Error(`expected a BatchingError, got ${String(error)}`);
}

describe("BatchingError", () => {
  it("refuses a mapItems key that is not a non-empty string (invalid-key), before any work", async () => {
    const worked: number[] = [];
    const mapItems = createMapItems("collect", undefined, "import-rows");
    const error = await rejection(
      mapItems([1, 2], (item) => worked.push(item), { key: (item) => (item === 1 ? "" : "b") }),
    );
    expect(error).toMatchObject({ code: "invalid-key", functionId: "import-rows", received: '""' });
    expect(error.message).toMatch(/^Batch function "import-rows" got a mapItems key/);
    expect(worked).toEqual([]);
  });

  it("refuses two items with the same key (duplicate-key), which would make their outcomes collide", async () => {
    const mapItems = createMapItems("collect", undefined);
    const error = await rejection(mapItems(["a", "b"], (item) => item, { key: () => "same" }));
    expect(error).toMatchObject({ code: "duplicate-key", received: '"same"' });
    expect(error.message).toMatch(/^A batch got two mapItems items with the same key/);
  });

  it("keeps the default keys (id, else index) lenient: items with the same id both run", async () => {
    const mapItems = createMapItems("collect", undefined);
    const results = await mapItems([{ id: "x" }, { id: "x" }], () => true);
    expect(results.succeeded).toBe(2);
  });

  it("records a recipient lookup that returns no email address as invalid-recipient for that user", async () => {
    const digest = notificationDigest({ recipient: () => 42 as never, batchPerUser: false });
    const run = await runJob(digest, {
      events: [notificationSend.create({ userId: "usr_a", title: "Hi", body: "Body" }, { id: "evt_1" })],
    });
    expect(run.status).toBe("completed");
    expect(run.output?.items[0]).toMatchObject({
      ok: false,
      error: { name: "BatchingError", message: expect.stringContaining("not an email address") },
    });
  });
});
