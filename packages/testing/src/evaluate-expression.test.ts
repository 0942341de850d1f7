import { describe, expect, it } from "vitest";
import { evaluateExpression, UnsupportedExpressionError } from "./evaluate-expression";

const scope = {
  event: { name: "cart/abandoned", data: { userId: "u1", cartId: "c1", total: 120, tags: ["vip"] } },
  async: { name: "order/completed", data: { userId: "u1", cartId: "c2", total: 80, paid: true } },
};

describe("evaluateExpression", () => {
  it.each([
    ["event.data.userId == async.data.userId", true],
    ["event.data.cartId == async.data.cartId", false],
    ["event.data.cartId != async.data.cartId", true],
    ["async.data.total > 100", false],
    ["async.data.total >= 80 && async.data.paid == true", true],
    ["async.data.total > 100 || async.data.paid", true],
    ["!(async.data.total > 100)", true],
    ["async.data.missing == null", true],
    ["async.data.missing == event.data.userId", false],
    ["event.data.tags[0] == 'vip'", true],
    ['event.data["cartId"] == "c1"', true],
    ["async.data.total < -1", false],
    ["async.name == 'order/completed'", true],
    ["async.data.total > 'a'", false],
  ])("%s is %s", (expression, expected) => {
    expect(evaluateExpression(expression, scope)).toBe(expected);
  });

  it("rejects function calls with the supported grammar in the message", () => {
    expect(() => evaluateExpression("size(async.data.items) > 0", scope)).toThrow(
      /Cannot evaluate expression "size\(async\.data\.items\) > 0": function calls are not supported\n {2}supported: paths/,
    );
  });

  it("rejects unknown roots, naming the available ones", () => {
    const attempt = () => evaluateExpression("order.data.id == 1", scope);
    expect(attempt).toThrow(UnsupportedExpressionError);
    expect(attempt).toThrow(/unknown name "order" \(only event, async are available\)/);
  });

  it("rejects trailing garbage and unterminated strings", () => {
    expect(() => evaluateExpression("async.data.paid == true true", scope)).toThrow(/unexpected true/);
    expect(() => evaluateExpression("async.name == 'order", scope)).toThrow(/unterminated string/);
  });
});
