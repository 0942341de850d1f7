import { defineEvent } from "@jobkit/events";
import { emailSend } from "@jobkit/events/standard";
import { JobError, manifest, register } from "@jobkit/functions";
import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineFanOut } from "./define-fan-out";

const releasePublished = defineEvent("app/release.published", {
  schema: z.object({ version: z.string(), recipients: z.number().int().min(0) }),
});

function notes(count: number) {
  return Array.from({ length: count }, (_, index) =>
    emailSend.create({ to: `user${index}@example.com`, template: "release-notes", subject: "What's new" }),
  );
}

const announce = defineFanOut({
  id: "announce-release",
  on: releasePublished,
  sends: [emailSend],
  fanOut: (event) => notes(event.data.recipients),
});

describe("defineFanOut at definition time", () => {
  const base = { id: "announce", on: releasePublished, sends: [emailSend], fanOut: () => [] };

  it("is an event function of @jobkit/functions that declares what it sends", () => {
    expect(announce).toMatchObject({ kind: "event", id: "announce-release" });
    expect(announce.sends).toEqual([emailSend]);
    expect(manifest([announce]).functions[0]).toMatchObject({ sends: ["email/send"] });
    const [fn] = register(new Inngest({ id: "shop" }), [announce]);
    expect(fn?.id()).toBe("announce-release");
  });

  it("refuses a chunk over Inngest's 5000 events per send", () => {
    expect(() => defineFanOut({ ...base, chunkSize: 6000 })).toThrow(
      'Invalid option "chunkSize" for function "announce": 6000\n' +
        "  Inngest accepts at most 5000 events per send request\n" +
        "  expected: a whole number from 1 to 5000 (events per step.sendEvent), e.g. 1000",
    );
  });

  it("takes a larger chunk size from overridden limits", () => {
    expect(() =>
      defineFanOut({ ...base, chunkSize: 6000, limits: { maxEventsPerSend: 10_000 } }),
    ).not.toThrow();
  });

  it("wants either fanOut or pages", () => {
    const { fanOut: _fanOut, ...noSource } = base;
    expect(() => defineFanOut(noSource as never)).toThrow(
      'Invalid option "fanOut" for function "announce": undefined\n' +
        "  neither fanOut nor pages was given\n" +
        "  expected: either fanOut (a function returning the events) or pages ({ fetch, toEvents }), e.g. fanOut: (event) => [emailSend.create({ … })]",
    );
    const both = { ...base, pages: { fetch: () => ({ items: [] }), toEvents: () => [] } };
    expect(() => defineFanOut(both as never)).toThrow(
      'Invalid option "pages" for function "announce": an object\n  both fanOut and pages were given',
    );
  });

  it("wants at least one event definition in sends", () => {
    expect(() => defineFanOut({ ...base, sends: [] })).toThrow(
      'Invalid option "sends" for function "announce": an array of 0\n' +
        "  expected: the definitions of the events the fan-out sends (at least one), e.g. [emailSend, userProfileCreate]",
    );
  });

  it("builds its own handler and takes no batches", () => {
    expect(() => defineFanOut({ ...base, handler: async () => {} } as never)).toThrow(
      'Invalid option "handler" for function "announce": a function',
    );
    expect(() => defineFanOut({ ...base, batchEvents: { maxSize: 10, timeout: "5s" } } as never)).toThrow(
      'Invalid option "batchEvents" for function "announce"',
    );
  });

  it("checks the function options with @jobkit/functions first", () => {
    expect(() => defineFanOut({ ...base, id: "Announce Release" })).toThrow(JobError);
    expect(() => defineFanOut({ ...base, retries: 50 })).toThrow('option "retries" for function "announce"');
  });

  it("refuses more pages than the step budget allows", () => {
    const pages = { fetch: () => ({ items: [] }), toEvents: () => [], maxPages: 600 };
    expect(() => defineFanOut({ id: "newsletter", on: releasePublished, sends: [emailSend], pages })).toThrow(
      'Invalid option "pages.maxPages" for function "newsletter": 600\n' +
        "  600 pages take at least 1200 steps (a fetch and a send each); the limit is 1000 steps per run\n" +
        "  expected: a whole number from 1 to 500, e.g. 100",
    );
  });

  it("refuses pages without fetch or toEvents, and a list key on pages", () => {
    const on = { id: "newsletter", on: releasePublished, sends: [emailSend] };
    expect(() => defineFanOut({ ...on, pages: { toEvents: () => [] } } as never)).toThrow('"pages.fetch"');
    expect(() => defineFanOut({ ...on, pages: { fetch: () => ({ items: [] }) } } as never)).toThrow(
      '"pages.toEvents"',
    );
    expect(() =>
      defineFanOut({
        ...on,
        pages: { fetch: () => ({ items: [] }), toEvents: () => [] },
        key: () => "x",
      } as never),
    ).toThrow('Invalid option "key" for function "newsletter"');
  });
});
