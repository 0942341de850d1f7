import { Inngest } from "inngest";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { type CreatedEvent, defineEvent, type InferEventData } from "./index";

const userCreated = defineEvent("user/created", {
  version: "1.0.0",
  schema: z.object({ userId: z.string(), email: z.email(), name: z.string().optional() }),
});

type UserCreatedData = { userId: string; email: string; name?: string | undefined };

describe("defineEvent types", () => {
  it("infers the data type from the schema", () => {
    expectTypeOf(userCreated.parse({})).toEqualTypeOf<UserCreatedData>();
    expectTypeOf<InferEventData<typeof userCreated.schema>>().toEqualTypeOf<UserCreatedData>();
  });

  it("keeps the literal event name", () => {
    expectTypeOf(userCreated.name).toEqualTypeOf<"user/created">();
    expectTypeOf(userCreated.create({ userId: "u", email: "a@b.co" })).toEqualTypeOf<
      CreatedEvent<"user/created", UserCreatedData>
    >();
  });

  it("makes a missing field, an unknown field or a wrong type a compile error in create", () => {
    // @ts-expect-error: email is required
    userCreated.create({ userId: "u1" });
    // @ts-expect-error: usrId is not in the schema
    userCreated.create({ usrId: "u1", email: "ada@example.com" });
    // @ts-expect-error: userId is a string
    userCreated.create({ userId: 1, email: "ada@example.com" });
  });

  it("checks examples against the schema at compile time too", () => {
    defineEvent("user/deleted", {
      schema: z.object({ userId: z.string() }),
      // @ts-expect-error: userId must be a string
      examples: [{ userId: 7 }],
    });
  });

  it("types event.data in an Inngest handler triggered by the definition", () => {
    const inngest = new Inngest({ id: "types" });
    inngest.createFunction({ id: "welcome", triggers: [userCreated] }, async ({ event }) => {
      // Inngest adds its invoke event to every trigger: `inngest/function.invoked` carries the same data.
      expectTypeOf(event.name).toEqualTypeOf<"user/created" | "inngest/function.invoked">();
      expectTypeOf(event.data.userId).toEqualTypeOf<string>();
      // @ts-expect-error: not in the schema
      event.data.usrId;
    });
  });

  it("is accepted by inngest.send once created", () => {
    const inngest = new Inngest({ id: "types" });
    expectTypeOf(inngest.send).toBeCallableWith(userCreated.create({ userId: "u", email: "a@b.co" }));
  });
});
