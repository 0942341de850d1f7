import { defineEvent } from "@jobkit/events";
import { emailSend, smsSend, userCreated, userProfileCreate } from "@jobkit/events/standard";
import type { FunctionDefinition } from "@jobkit/functions";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineFanOut, type FanOutEvent, type FanOutResult } from "./index";
import { userSignupFanOut } from "./user-signup-fan-out";

const audienceReady = defineEvent("marketing/audience.ready", {
  schema: z.object({ audienceId: z.string(), at: z.string() }),
});

describe("defineFanOut types", () => {
  it("types the trigger and accepts events of the sends definitions", () => {
    const job = defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [emailSend, userProfileCreate],
      fanOut: (event) => {
        expectTypeOf(event.name).toEqualTypeOf<"user/created">();
        expectTypeOf(event.data.userId).toEqualTypeOf<string>();
        return [
          { name: "user/profile/create", data: { userId: event.data.userId, email: event.data.email } },
          emailSend.create({ to: event.data.email, template: "welcome", subject: "Hi" }),
        ];
      },
    });
    expectTypeOf(job).toExtend<FunctionDefinition<"event">>();
    expectTypeOf(job.handler).returns.resolves.toEqualTypeOf<FanOutResult>();
  });

  it("rejects wrong event data at compile time", () => {
    defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [userProfileCreate],
      // @ts-expect-error -- userId must be a string
      fanOut: (event) => [{ name: "user/profile/create", data: { userId: 42, email: event.data.email } }],
    });
    defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [userProfileCreate],
      // @ts-expect-error -- email is required by user/profile/create
      fanOut: (event) => [{ name: "user/profile/create", data: { userId: event.data.userId } }],
    });
  });

  it("rejects events that are not in sends", () => {
    defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [userProfileCreate],
      // @ts-expect-error -- email/send is not listed in sends
      fanOut: (event) => [emailSend.create({ to: event.data.email, template: "welcome", subject: "Hi" })],
    });
  });

  it("accepts generators and async iterables", () => {
    defineFanOut({
      id: "generator",
      on: userCreated,
      sends: [userProfileCreate],
      *fanOut(event) {
        yield {
          name: "user/profile/create" as const,
          data: { userId: event.data.userId, email: event.data.email },
        };
      },
    });
    defineFanOut({
      id: "async-generator",
      on: userCreated,
      sends: [userProfileCreate],
      async *fanOut(event) {
        yield userProfileCreate.create({ userId: event.data.userId, email: event.data.email });
      },
    });
  });

  it("types the key of a list by its events", () => {
    defineFanOut({
      id: "keyed",
      on: userCreated,
      sends: [emailSend],
      fanOut: (event) => [emailSend.create({ to: event.data.email, template: "welcome", subject: "Hi" })],
      key: (event, index) => {
        expectTypeOf(event.name).toEqualTypeOf<"email/send">();
        expectTypeOf(index).toEqualTypeOf<number>();
        return String(event.data.to);
      },
    });
  });

  it("infers page items and gives toEvents their JSON form", () => {
    defineFanOut({
      id: "newsletter",
      on: audienceReady,
      sends: [emailSend],
      pages: {
        fetch: async (cursor: string | undefined, { event, page }) => {
          expectTypeOf(event.data.audienceId).toEqualTypeOf<string>();
          expectTypeOf(page).toEqualTypeOf<number>();
          return { items: [{ userId: "u1", email: "a@example.com", joined: new Date() }], next: cursor };
        },
        toEvents: (user, event) => {
          expectTypeOf(user.joined).toEqualTypeOf<string>();
          expectTypeOf(event.name).toEqualTypeOf<"marketing/audience.ready">();
          return emailSend.create({ to: user.email, template: "digest", subject: "News" });
        },
        key: (user) => user.userId,
      },
    });
  });

  it("rejects wrong event data from toEvents", () => {
    defineFanOut({
      id: "newsletter",
      on: audienceReady,
      sends: [emailSend],
      pages: {
        fetch: async () => ({ items: [{ email: "a@example.com" }] }),
        // @ts-expect-error -- subject is required by email/send
        toEvents: (user) => ({ name: "email/send", data: { to: user.email, template: "digest" } }),
      },
    });
  });

  it("rejects options of other kinds and bad key paths", () => {
    defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [userProfileCreate],
      fanOut: () => [],
      // @ts-expect-error -- a fan-out builds its own handler
      handler: async () => {},
    });
    defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [userProfileCreate],
      fanOut: () => [],
      // @ts-expect-error -- "usrId" is not in the schema of user/created
      concurrency: { limit: 5, key: "event.data.usrId" },
    });
    defineFanOut({
      id: "welcome",
      on: userCreated,
      sends: [userProfileCreate],
      fanOut: () => [],
      concurrency: { limit: 5, key: "event.data.userId" },
    });
  });

  it("narrows FanOutEvent by name", () => {
    type Sent = FanOutEvent<typeof emailSend | typeof userProfileCreate>;
    expectTypeOf<Extract<Sent, { name: "user/profile/create" }>["data"]["email"]>().toEqualTypeOf<string>();
  });
});

describe("userSignupFanOut types", () => {
  it("returns jobsTriggered with the audit fields", () => {
    const job = userSignupFanOut();
    expectTypeOf(job.handler).returns.resolves.toExtend<{ jobsTriggered: number; ids: readonly string[] }>();
  });

  it("types the data of added targets by their definition", () => {
    userSignupFanOut({
      add: [
        {
          event: smsSend,
          data: (user) => ({ phoneNumber: "+14155550123", message: `Hi ${user.data.userId}` }),
        },
        { event: userProfileCreate, data: (user) => ({ userId: user.data.userId, email: user.data.email }) },
      ],
    });
    userSignupFanOut({
      // @ts-expect-error -- sms/send needs message
      add: [{ event: smsSend, data: () => ({ phoneNumber: "+14155550123" }) }],
    });
  });

  it("only skips known targets", () => {
    userSignupFanOut({ skip: ["marketing", "slack"] });
    // @ts-expect-error -- there is no "newsletter" target; it is called "marketing"
    userSignupFanOut({ skip: ["newsletter"] });
  });
});
