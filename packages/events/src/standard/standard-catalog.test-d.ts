import { describe, expectTypeOf, it } from "vitest";
import type { EventData, EventName } from "../index";
import { type EmailTemplate, emailSend, type StandardCatalog, standardCatalog, userCreated } from "./index";

describe("standard catalog types", () => {
  it("types each event's data from its schema", () => {
    expectTypeOf<EventData<StandardCatalog, "trial/started">["trialEndsAt"]>().toEqualTypeOf<string>();
    expectTypeOf<EventData<StandardCatalog, "order/placed">["amount"]>().toEqualTypeOf<number>();
    expectTypeOf<EventData<StandardCatalog, "email/send">["to"]>().toEqualTypeOf<string | string[]>();
    expectTypeOf<EventData<StandardCatalog, "system/cleanup">["scope"]>().toEqualTypeOf<
      "sessions" | "tokens" | "logs" | "temp_files"
    >();
  });

  it("keeps well-known templates visible while accepting any slug", () => {
    expectTypeOf<"welcome">().toExtend<EmailTemplate>();
    expectTypeOf<"quarterly-newsletter">().toExtend<EmailTemplate>();
    expectTypeOf(emailSend.parse({}).template).toEqualTypeOf<EmailTemplate>();
  });

  it("narrows create by name and rejects unknown names and wrong fields", () => {
    const event = standardCatalog.create("user/created", { userId: "u", email: "a@b.co" });
    expectTypeOf(event.name).toEqualTypeOf<"user/created">();
    // @ts-expect-error: not a standard event
    standardCatalog.create("user/signed_up", { userId: "u" });
    const refund = { orderId: "o", userId: "u", currency: "USD", reason: "r", refundId: "r1" };
    standardCatalog.create("order/refunded", { ...refund, amount: 1000 });
    // @ts-expect-error: amount is an integer of minor units, not a string
    standardCatalog.create("order/refunded", { ...refund, amount: "10.00" });
    // @ts-expect-error: emails need a template
    standardCatalog.create("email/send", { to: "a@b.co", subject: "Hi" });
  });

  it("exposes the names as a union", () => {
    expectTypeOf<"webhook/failed">().toExtend<EventName<StandardCatalog>>();
    expectTypeOf(userCreated.name).toEqualTypeOf<"user/created">();
  });
});
