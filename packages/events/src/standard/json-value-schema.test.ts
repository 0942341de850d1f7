import { describe, expect, it } from "vitest";
import { EventError } from "../event-error";
import { findNonJson } from "../internal/find-non-json";
import { analyticsTrack, webhookDeliver } from "./index";

const delivery = { webhookId: "wh_1", url: "https://hooks.example.com/acme" };
const cyclic: Record<string, unknown> = { id: 1 };
cyclic.self = cyclic;

describe("free-form JSON fields (issue 18 #9)", () => {
  it.each([
    ["a BigInt", { amount: 10n }, "data.payload.amount", "BigInt"],
    ["a cycle", { order: cyclic }, "data.payload.order.self", "cycle"],
    ["a Date", { at: new Date(0) }, "data.payload.at", "toISOString"],
    ["NaN", { ratio: Number.NaN }, "data.payload.ratio", "NaN"],
    ["undefined", { note: undefined }, "data.payload.note", "undefined"],
    ["a function", { run: () => 1 }, "data.payload.run", "function"],
    ["a Map", { tags: new Map([["a", 1]]) }, "data.payload.tags", "Map"],
    ["a nested BigInt", { items: [{ qty: 1 }, { qty: 2n }] }, "data.payload.items.1.qty", "BigInt"],
  ])("webhook/deliver refuses %s in the payload and names the path", (_label, payload, path, fragment) => {
    const result = webhookDeliver.safeParse({ ...delivery, payload });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeInstanceOf(EventError);
    expect(result.error.issues[0]?.path).toBe(path);
    expect(result.error.message).toContain(fragment);
  });

  it("analytics properties refuse what JSON cannot carry", () => {
    const result = analyticsTrack.safeParse({
      event: "order_processed",
      userId: "u",
      properties: { total: 5n },
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.path).toBe("data.properties.total");
  });

  it("accepts plain JSON unchanged, deeply nested included", () => {
    let deep: Record<string, unknown> = { leaf: [1, "two", null, true, { x: 1.5 }] };
    for (let level = 0; level < 990; level++) deep = { next: deep };
    const payload = { deep, list: [], empty: {}, text: "ü 😀" };
    expect(webhookDeliver.parse({ ...delivery, payload })).toEqual({ ...delivery, payload });
  });

  it("refuses nesting deeper than 1000 levels, where JSON.stringify would run out of stack", () => {
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 5_000; level++) deep = { next: deep };
    const result = webhookDeliver.safeParse({ ...delivery, payload: deep });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).toContain("nesting deeper than 1000 levels");
  });

  it("refuses symbol keys and getters that throw, naming the key", () => {
    expect(findNonJson({ a: { [Symbol("s")]: 1 } })).toMatchObject({
      path: ["a"],
      received: "an object with symbol keys",
    });
    const broken = {
      get secret(): never {
        throw new Error("boom");
      },
    };
    expect(findNonJson({ list: [broken] })).toMatchObject({
      path: ["list", 0, "secret"],
      received: "a getter that throws (Error)",
    });
  });

  it("finds the same value twice without calling it a cycle", () => {
    const shared = { a: 1 };
    expect(findNonJson({ left: shared, right: shared, list: [shared, shared] })).toBeUndefined();
  });
});
