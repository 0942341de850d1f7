import { defineCatalog, defineEvent } from "@jobkit/events";
import { Inngest } from "inngest";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { createSender, type SendResult } from "./index";

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), email: z.email() }),
});
const pageView = defineEvent("analytics/page_view", { schema: z.object({ path: z.string() }) });
const sender = createSender(new Inngest({ id: "types" }), defineCatalog([userCreated, pageView]));

describe("createSender types", () => {
  it("accepts catalog names with their own data", () => {
    expectTypeOf(sender.send("user/created", { userId: "u1", email: "a@b.co" })).toEqualTypeOf<
      Promise<SendResult>
    >();
    sender.sendMany([
      { name: "user/created", data: { userId: "u1", email: "a@b.co" }, id: "x" },
      { name: "analytics/page_view", data: { path: "/" } },
    ]);
  });

  it("rejects names outside the catalog", () => {
    // @ts-expect-error "user/craeted" is not a catalog name
    sender.send("user/craeted", { userId: "u1", email: "a@b.co" });
  });

  it("rejects data of another event or with a wrong field", () => {
    // @ts-expect-error page_view data has no userId
    sender.send("analytics/page_view", { userId: "u1" });
    // @ts-expect-error userId must be a string
    sender.send("user/created", { userId: 1, email: "a@b.co" });
    // @ts-expect-error a list entry's data must match its own name
    sender.sendMany([{ name: "analytics/page_view", data: { userId: "u1", email: "a@b.co" } }]);
  });
});
