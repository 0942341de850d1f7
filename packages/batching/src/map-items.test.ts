import { RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { createMapItems } from "./map-items";

function logger() {
  const lines: unknown[][] = [];
  return { lines, warn: (...args: unknown[]) => void lines.push(args) };
}

describe("mapItems", () => {
  it("returns every item's value in item order with counts", async () => {
    const mapItems = createMapItems("collect", undefined);
    const results = await mapItems([1, 2, 3], async (item) => item * 10);
    expect(results.total).toBe(3);
    expect(results.succeeded).toBe(3);
    expect(results.items.map((item) => (item.ok ? item.value : undefined))).toEqual([10, 20, 30]);
  });

  it("collects a failing item and goes on with the next ones", async () => {
    const log = logger();
    const mapItems = createMapItems("collect", log);
    const seen: string[] = [];
    const results = await mapItems(["a", "b", "c"], (item) => {
      seen.push(item);
      if (item === "b") throw new TypeError("no b");
      return item.toUpperCase();
    });
    expect(seen).toEqual(["a", "b", "c"]);
    expect(results.failed).toBe(1);
    expect(results.succeeded).toBe(2);
    expect(results.items[1]).toEqual({
      key: "1",
      index: 1,
      ok: false,
      error: { name: "TypeError", message: "no b" },
    });
    expect(log.lines).toEqual([['batch item "1" failed with TypeError; collected, continuing']]);
  });

  it("keys items by their id, or by the key option", async () => {
    const mapItems = createMapItems("collect", undefined);
    const byId = await mapItems([{ id: "evt_1" }, { id: "" }], (item) => item.id);
    expect(byId.items.map((item) => item.key)).toEqual(["evt_1", "1"]);
    const byKey = await mapItems([{ userId: "usr_1" }], (item) => item, { key: (item) => item.userId });
    expect(byKey.items[0]?.key).toBe("usr_1");
  });

  it("keeps the step id of a step that failed for good", async () => {
    const mapItems = createMapItems("collect", undefined);
    const stepError = Object.assign(new Error("deliver failed"), {
      name: "StepError",
      stepId: "deliver-usr_1",
    });
    const results = await mapItems(["usr_1"], () => Promise.reject(stepError));
    expect(results.items[0]).toMatchObject({
      ok: false,
      error: { name: "StepError", stepId: "deliver-usr_1" },
    });
  });

  it("records a thrown non-error as its string", async () => {
    const mapItems = createMapItems("collect", undefined);
    const results = await mapItems(["x"], () => {
      throw "plain string";
    });
    expect(results.items[0]).toMatchObject({ ok: false, error: { name: "Error", message: "plain string" } });
  });

  it("fails on the first failing item under the fail policy", async () => {
    const mapItems = createMapItems("fail", undefined);
    const seen: string[] = [];
    const failure = new Error("no b");
    await expect(
      mapItems(["a", "b", "c"], (item) => {
        seen.push(item);
        if (item === "b") throw failure;
      }),
    ).rejects.toBe(failure);
    expect(seen).toEqual(["a", "b"]);
  });

  it("lets a RetryAfterError through under the collect policy", async () => {
    const mapItems = createMapItems("collect", undefined);
    const retry = new RetryAfterError("rate limited", "30s");
    await expect(mapItems(["a"], () => Promise.reject(retry))).rejects.toBe(retry);
  });
});
