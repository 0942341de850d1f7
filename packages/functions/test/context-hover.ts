// Read by handler-context.test.ts: the types a hover on a handler's or onFailure's context shows.
import type { FailureContext, HandlerContext, ReceivedEvent } from "../src/index";

type OrderPlaced = ReceivedEvent<"order/placed", { orderId: string }>;

export declare const handlerContext: HandlerContext<OrderPlaced>;
export declare const failureContext: FailureContext<OrderPlaced>;
