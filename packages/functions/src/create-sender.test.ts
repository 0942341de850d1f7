import { defineCatalog, defineEvent, EventError } from "@jobkit/events";
import type { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recordingClient } from "../test/recording-fetch";
import { createSender, JobError, type SenderLogger } from "./index";

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), email: z.email() }),
});
const pageView = defineEvent("analytics/page_view", { schema: z.object({ path: z.string() }) });
const catalog = defineCatalog([userCreated, pageView]);

function setup(limits?: Parameters<typeof createSender>[2]) {
  const { client, requests } = recordingClient();
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const logger: SenderLogger = { info: (message, fields) => lines.push({ message, fields }) };
  return { sender: createSender(client, catalog, { logger, ...limits }), requests, lines };
}

describe("createSender", () => {
  it("sends one validated event with its version and returns Inngest's id", async () => {
    const { sender, requests } = setup();
    const result = await sender.send(
      "user/created",
      { userId: "u1", email: "ada@example.com" },
      { id: "signup-u1" },
    );
    expect(result).toEqual({ ids: ["evt-0"], requests: 1 });
    expect(requests[0]?.events).toEqual([
      expect.objectContaining({
        name: "user/created",
        id: "signup-u1",
        v: "1.0.0",
        data: { userId: "u1", email: "ada@example.com" },
      }),
    ]);
  });

  it("sends nothing when the data is invalid", async () => {
    const { sender, requests } = setup();
    await expect(sender.send("user/created", { userId: "u1", email: "nope" })).rejects.toThrowError(
      'Invalid data for event "user/created" v1.0.0: data.email: expected an email address, received "nope"',
    );
    expect(requests).toHaveLength(0);
  });

  it("sends nothing from sendMany when any event is invalid, naming its position", async () => {
    const { sender, requests } = setup();
    const events = [
      { name: "analytics/page_view", data: { path: "/" } },
      { name: "user/created", data: { userId: "u1", email: "bad" } },
    ] as const;
    const error = await sender.sendMany(events).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventError);
    expect((error as EventError).issues[0]?.path).toBe("events[1].data.email");
    expect(requests).toHaveLength(0);
  });

  it("refuses an unknown event name at run time too", async () => {
    const { sender, requests } = setup();
    await expect(
      sender.sendMany([{ name: "user/craeted" as "user/created", data: { userId: "u", email: "a@b.co" } }]),
    ).rejects.toBeInstanceOf(EventError);
    expect(requests).toHaveLength(0);
  });

  it("splits 7 000 events into two requests of at most 5 000", async () => {
    const { sender, requests } = setup();
    const events = Array.from({ length: 7000 }, (_, index) => ({
      name: "analytics/page_view" as const,
      data: { path: `/p/${index}` },
    }));
    const result = await sender.sendMany(events);
    expect(requests.map((request) => request.events.length)).toEqual([5000, 2000]);
    expect(result.ids).toHaveLength(7000);
    expect(new Set(result.ids).size).toBe(7000);
  });

  it("splits by request bytes as well as by count", async () => {
    const { sender, requests } = setup({ limits: { maxSendRequestBytes: 200 } });
    const events = Array.from({ length: 6 }, (_, index) => ({
      name: "analytics/page_view" as const,
      data: { path: `/${"x".repeat(40)}/${index}` },
    }));
    await sender.sendMany(events);
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(JSON.stringify(request.events).length).toBeLessThanOrEqual(200);
    expect(requests.flatMap((request) => request.events)).toHaveLength(6);
  });

  it("refuses an event over the event size limit before sending anything", async () => {
    const { sender, requests } = setup({ limits: { maxEventBytes: 1024 } });
    const events = [
      { name: "analytics/page_view" as const, data: { path: "/" } },
      { name: "analytics/page_view" as const, data: { path: "x".repeat(2000) } },
    ];
    await expect(sender.sendMany(events)).rejects.toThrowError(
      /events\[1\]\.data: the event is 2 KiB, over Inngest's 1 KiB/,
    );
    expect(requests).toHaveLength(0);
  });

  it("keeps the delivered ids and logs them when a later request fails", async () => {
    let calls = 0;
    const outage = new Error("Inngest API Error: 503 Service Unavailable");
    // A stand-in client: the first request is accepted, the second refused.
    const client = {
      send: async (events: readonly unknown[]) => {
        if (calls++ === 1) throw outage;
        return { ids: events.map((_, index) => `evt-${index}`) };
      },
    } as unknown as Inngest.Any;
    const lines: { message: string; fields: Record<string, unknown> }[] = [];
    const sender = createSender(client, catalog, {
      logger: { info: (message, fields) => lines.push({ message, fields }) },
    });
    const events = Array.from({ length: 5001 }, (_, index) => ({
      name: "user/created" as const,
      data: { userId: `u${index}`, email: "private.person@example.com" },
    }));

    const error = await sender.sendMany(events).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JobError);
    const sendError = error as JobError;
    expect(sendError.code).toBe("send-failed");
    expect(sendError.delivery?.deliveredIds).toHaveLength(5000);
    expect(sendError.delivery?.deliveredIds[4999]).toBe("evt-4999");
    expect([sendError.delivery?.failedRequest, sendError.delivery?.requests, sendError.cause]).toEqual([
      1,
      2,
      outage,
    ]);
    expect(sendError.message).toMatch(
      /^Failed to send events: request 2 of 2 failed: Inngest API Error: 503/,
    );
    expect(sendError.message).toContain("delivered: 5000 of 5001 events");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.message).toBe("jobkit: events partly sent");
    expect(lines[0]?.fields).toMatchObject({
      count: 5001,
      names: { "user/created": 5001 },
      failedRequest: 1,
    });
    expect(lines[0]?.fields.ids).toHaveLength(5000);
    expect(JSON.stringify(lines)).not.toContain("private.person");
  });

  it("logs one line per call with names, count and ids, never payload data", async () => {
    const { sender, lines } = setup();
    await sender.sendMany([
      { name: "user/created", data: { userId: "u1", email: "private.person@example.com" } },
      { name: "analytics/page_view", data: { path: "/" } },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toEqual({
      count: 2,
      names: { "user/created": 1, "analytics/page_view": 1 },
      ids: ["evt-0", "evt-1"],
      requests: 1,
    });
    expect(JSON.stringify(lines)).not.toContain("private.person");
  });

  it("refuses a missing client, catalog or options object with a JobError, not a TypeError (found by the fuzz suite)", () => {
    const { client } = recordingClient();
    expect(() => createSender(client, catalog, null as never)).toThrowError(/Invalid option "options"/);
    expect(() => createSender(undefined as never, catalog)).toThrowError(/Invalid option "client"/);
    expect(() => createSender(client, undefined as never)).toThrowError(/Invalid option "catalog"/);
    expect(() => createSender(client, catalog, { loger: console } as never)).toThrowError(
      /did you mean "logger"\?/,
    );
  });
});
