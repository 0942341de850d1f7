import { describe, expectTypeOf, it } from "vitest";
import type { FailureInfo, HandlerContext, InngestContext } from "./handler-context";
import type { FailureContext, ReceivedEvent } from "./index";

type OrderPlaced = ReceivedEvent<"order/placed", { orderId: string }>;

// What a flat hover shows: one object type with every field, written out.
type WrittenOutHandlerContext = Omit<InngestContext, "event" | "events"> & {
  event: OrderPlaced;
  events: [OrderPlaced, ...OrderPlaced[]];
};

describe("handler and failure contexts are flat object types", () => {
  it("HandlerContext is the same type as Inngest's context with event and events typed", () => {
    expectTypeOf<HandlerContext<OrderPlaced>>().toEqualTypeOf<{
      [TKey in keyof WrittenOutHandlerContext]: WrittenOutHandlerContext[TKey];
    }>();
    expectTypeOf<HandlerContext<OrderPlaced>["event"]["data"]>().toEqualTypeOf<{ orderId: string }>();
    expectTypeOf<HandlerContext<OrderPlaced>>().toHaveProperty("step");
    expectTypeOf<HandlerContext<OrderPlaced>>().toHaveProperty("runId");
  });

  it("HandlerContext is assignable both ways to the written-out object type", () => {
    expectTypeOf<HandlerContext<OrderPlaced>>().toExtend<WrittenOutHandlerContext>();
    expectTypeOf<WrittenOutHandlerContext>().toExtend<HandlerContext<OrderPlaced>>();
    expectTypeOf<keyof HandlerContext<OrderPlaced>>().toEqualTypeOf<keyof WrittenOutHandlerContext>();
  });

  it("FailureContext is flat too and carries the error and the failed run", () => {
    type Context = FailureContext<OrderPlaced>;
    expectTypeOf<Context>().toEqualTypeOf<{ [TKey in keyof Context]: Context[TKey] }>();
    expectTypeOf<Context["error"]>().toEqualTypeOf<Error>();
    expectTypeOf<Context["failure"]>().toEqualTypeOf<FailureInfo>();
    expectTypeOf<Context["events"]>().toEqualTypeOf<[OrderPlaced]>();
  });

  it("a handler context cannot lose its typed event", () => {
    // @ts-expect-error event.data is typed from the trigger: orderId is a string.
    const wrong: HandlerContext<OrderPlaced>["event"]["data"] = { orderId: 1 };
    expectTypeOf(wrong).not.toBeAny();
  });
});
