import { InngestTestEngine } from "@inngest/test";
import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogValidation } from "./catalog-validation";
import { defineCatalog } from "./define-catalog";
import { defineEvent } from "./define-event";
import { EventError } from "./event-error";

const userCreated = defineEvent("user/created", {
  version: "1.1.0",
  schema: z.object({ userId: z.string(), email: z.email() }),
});
const settingsInitialize = defineEvent("user/settings/initialize", {
  schema: z.object({ userId: z.string(), locale: z.string().optional() }),
});
const catalog = defineCatalog([userCreated, settingsInitialize]);

/** A `fetch` stub standing in for the Inngest event API: records every request, never touches a network. */
function recordingFetch() {
  const requests: { url: string; body: unknown }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body: unknown = JSON.parse(String(init?.body ?? "null"));
    requests.push({ url: String(input), body });
    const ids = Array.isArray(body) ? body.map((_, index) => `id-${index}`) : [];
    return new Response(JSON.stringify({ ids, status: 200 }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

function clientWith(options: Parameters<typeof catalogValidation>[1] = {}) {
  const stub = recordingFetch();
  const inngest = new Inngest({
    id: "catalog-validation-test",
    isDev: true,
    baseUrl: "http://127.0.0.1:1",
    fetch: stub.fetch,
    middleware: [catalogValidation(catalog, options)],
  });
  return { inngest, requests: stub.requests };
}

describe("catalogValidation on inngest.send", () => {
  it("rejects a plain { name, data } event with invalid data and sends nothing", async () => {
    const { inngest, requests } = clientWith();
    const sending = inngest.send({ name: "user/created", data: { userId: "u1", email: "nope" } });
    await expect(sending).rejects.toBeInstanceOf(EventError);
    await expect(sending).rejects.toMatchObject({
      eventName: "user/created",
      version: "1.1.0",
      issues: [{ path: "data.email", message: "expected an email address" }],
    });
    expect(requests).toEqual([]);
  });

  it("sends none of a batch when one event in it is invalid", async () => {
    const { inngest, requests } = clientWith();
    const sending = inngest.send([
      { name: "user/created", data: { userId: "u1", email: "ada@example.com" } },
      { name: "user/settings/initialize", data: { userId: 7 } },
    ]);
    await expect(sending).rejects.toThrowError(/Invalid data for event "user\/settings\/initialize"/);
    expect(requests).toEqual([]);
  });

  it("validates a missing data object the way Inngest sends it, as {}", async () => {
    const { inngest, requests } = clientWith();
    await expect(inngest.send({ name: "user/created" } as never)).rejects.toThrowError(
      /data\.userId: required string is missing/,
    );
    expect(requests).toEqual([]);
  });

  it("sends valid events unchanged", async () => {
    const { inngest, requests } = clientWith();
    await inngest.send({ name: "user/created", data: { userId: "u1", email: "ada@example.com" } });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.startsWith("http://127.0.0.1:1/")).toBe(true);
    expect(requests[0]?.body).toMatchObject([
      { name: "user/created", data: { userId: "u1", email: "ada@example.com" } },
    ]);
  });

  it("lets events outside the catalog through by default", async () => {
    const { inngest, requests } = clientWith();
    await inngest.send({ name: "billing/invoice.paid", data: { anything: true } });
    expect(requests).toHaveLength(1);
  });

  it("rejects events outside the catalog in strict mode, suggesting close names", async () => {
    const { inngest, requests } = clientWith({ strict: true });
    const sending = inngest.send({ name: "user/craeted", data: { userId: "u1" } });
    await expect(sending).rejects.toBeInstanceOf(EventError);
    await expect(sending).rejects.toThrowError('did you mean: "user/created"');
    expect(requests).toEqual([]);
  });

  it("refuses a malformed event in strict mode with an invalid-envelope EventError, not a TypeError (issue 18 #6)", async () => {
    const { inngest, requests } = clientWith({ strict: true });
    const sending = inngest.send({ name: 42, data: {} } as never);
    await expect(sending).rejects.toMatchObject({
      name: "EventError",
      code: "invalid-envelope",
      direction: "outgoing",
      issues: [{ path: "event.name", expected: "string", received: "42" }],
    });
    expect(requests).toEqual([]);
  });

  it("marks a refused send as outgoing", async () => {
    const { inngest } = clientWith();
    await expect(
      inngest.send({ name: "user/created", data: { userId: "u1", email: "nope" } }),
    ).rejects.toMatchObject({
      code: "invalid-data",
      direction: "outgoing",
    });
  });
});

describe("catalogValidation on step.sendEvent", () => {
  it("blocks a plain step.sendEvent with invalid data inside a function run", async () => {
    const { inngest, requests } = clientWith();
    const signup = inngest.createFunction(
      { id: "signup-fan-out", triggers: [userCreated] },
      async ({ event, step }) => {
        await step.sendEvent("initialize-settings", {
          name: "user/settings/initialize",
          data: { userId: event.data.userId, locale: 42 },
        });
        return "sent";
      },
    );
    const engine = new InngestTestEngine({
      function: signup,
      events: [{ name: "user/created", data: { userId: "u1", email: "ada@example.com" } }],
    });
    const { error, result } = await engine.execute();
    expect(result).toBeUndefined();
    expect(error).toMatchObject({
      name: "EventError",
      message:
        'Invalid data for event "user/settings/initialize" v1.0.0: data.locale: expected string, received 42',
    });
    expect(requests).toEqual([]);
  });

  it("lets a valid step.sendEvent through", async () => {
    const { inngest, requests } = clientWith();
    const signup = inngest.createFunction(
      { id: "signup-fan-out", triggers: [userCreated] },
      async ({ event, step }) => {
        await step.sendEvent("initialize-settings", {
          name: "user/settings/initialize",
          data: { userId: event.data.userId },
        });
        return "sent";
      },
    );
    const engine = new InngestTestEngine({
      function: signup,
      events: [{ name: "user/created", data: { userId: "u1", email: "ada@example.com" } }],
    });
    const { result } = await engine.execute();
    expect(result).toBe("sent");
    expect(requests).toHaveLength(1);
  });
});

describe("catalogValidation on received events", () => {
  function welcomeFunction(inngest: Inngest.Any) {
    // A string trigger: Inngest itself validates nothing here, so the middleware is the only check.
    return inngest.createFunction(
      { id: "welcome", triggers: [{ event: "user/created" }] },
      async () => "welcomed",
    );
  }

  it("fails the run before the handler when the trigger event is invalid, without retries", async () => {
    const { inngest } = clientWith();
    const engine = new InngestTestEngine({
      function: welcomeFunction(inngest),
      events: [{ name: "user/created", data: { userId: "u1", email: "not-an-email" } }],
    });
    const { error, result } = await engine.execute();
    expect(result).toBeUndefined();
    expect(error).toMatchObject({
      name: "NonRetriableError",
      message:
        'Invalid data for event "user/created" v1.1.0: data.email: expected an email address, received "not-an-email"',
    });
  });

  it("runs the handler when the trigger event is valid", async () => {
    const { inngest } = clientWith();
    const engine = new InngestTestEngine({
      function: welcomeFunction(inngest),
      events: [{ name: "user/created", data: { userId: "u1", email: "ada@example.com" } }],
    });
    expect((await engine.execute()).result).toBe("welcomed");
  });

  it("leaves incoming events unchecked when validateIncoming is false", async () => {
    const { inngest } = clientWith({ validateIncoming: false });
    const engine = new InngestTestEngine({
      function: welcomeFunction(inngest),
      events: [{ name: "user/created", data: { userId: "u1", email: "not-an-email" } }],
    });
    expect((await engine.execute()).result).toBe("welcomed");
  });
});
