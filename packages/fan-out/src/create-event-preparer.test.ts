import { type AnyEventDefinition, defineEvent } from "@jobkit/events";
import { emailSend, userProfileCreate } from "@jobkit/events/standard";
import { inngestLimits } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEventPreparer } from "./create-event-preparer";
import { FanOutError } from "./fan-out-error";
import { fanOutEventId } from "./fan-out-event-id";

const note = defineEvent("app/note", { schema: z.object({ text: z.string() }), version: "2.1.0" });

function preparer(limits = inngestLimits) {
  return createEventPreparer({
    functionId: "welcome",
    triggerId: "evt_1",
    definitions: new Map<string, AnyEventDefinition>([
      [emailSend.name, emailSend],
      [userProfileCreate.name, userProfileCreate],
      [note.name, note],
    ]),
    limits,
  });
}

const profile = { name: "user/profile/create", data: { userId: "usr_1", email: "ada@example.com" } };

function refusal(run: () => unknown): FanOutError {
  try {
    run();
  } catch (error) {
    if (error instanceof FanOutError) return error;
    throw error;
  }
  throw new Error("expected a FanOutError");
}

describe("createEventPreparer", () => {
  it("gives the event the id derived from function, trigger, name and key, and its definition's version", () => {
    const prepared = preparer()(profile, "event 0", () => "0");
    expect(prepared.payload).toEqual({
      ...profile,
      id: fanOutEventId({ functionId: "welcome", triggerId: "evt_1", name: "user/profile/create", key: "0" }),
      v: "1.0.0",
    });
    expect(prepared.bytes).toBe(Buffer.byteLength(prepared.json));
  });

  it("keeps an id the event already has, and its ts", () => {
    const prepared = preparer()(
      { ...profile, id: "profile-usr_1", ts: 1_700_000_000_000 },
      "event 0",
      () => "0",
    );
    expect(prepared.payload).toMatchObject({ id: "profile-usr_1", ts: 1_700_000_000_000 });
  });

  it("sends what the schema parsed, without the extra fields create() adds", () => {
    const created = emailSend.create({ to: "ada@example.com", template: "welcome", subject: "Hi" });
    const prepared = preparer()(created, "event 0", () => "0");
    expect(Object.keys(prepared.payload).sort()).toEqual(["data", "id", "name", "v"]);
  });

  it("refuses an event that is not in sends, listing the names that are", () => {
    const error = refusal(() => preparer()({ name: "sms/send", data: {} }, "event 3", () => "3"));
    expect(error.message).toBe(
      'Fan-out "welcome" produced an event that is not in its sends list: event 3 is named "sms/send"\n' +
        '  expected: an event named one of "email/send", "user/profile/create", "app/note"; add its definition to sends, e.g. sends: [emailSend, userProfileCreate]',
    );
    expect(refusal(() => preparer()(undefined, "event 4", () => "4")).received).toBe("event 4 is undefined");
  });

  it("refuses invalid data with the failing field, not the payload", () => {
    const error = refusal(() =>
      preparer()(
        { name: "user/profile/create", data: { userId: "u-secret-77", email: "not-an-email" } },
        "event 2",
        () => "2",
      ),
    );
    expect(error.code).toBe("invalid-event");
    expect(error.message).toContain(
      'Fan-out "welcome" produced an invalid "user/profile/create" event: event 2\n  data.email:',
    );
    expect(error.message).not.toContain("u-secret-77");
    expect(error.cause).toBeInstanceOf(Error);
  });

  /** `note` whose parse throws `error`, as a definition of another copy of @jobkit/events might. */
  function preparerThrowing(error: Error) {
    const definition = {
      ...note,
      parse: () => {
        throw error;
      },
    } as AnyEventDefinition;
    return createEventPreparer({
      functionId: "welcome",
      triggerId: "evt_1",
      definitions: new Map([[note.name, definition]]),
      limits: inngestLimits,
    });
  }

  it("refuses the invalid-data error of another copy of @jobkit/events, told by its name and code", () => {
    const issues = [{ path: "data.text", message: "expected string", received: "42" }];
    const foreign = Object.assign(new Error("Invalid data"), {
      name: "EventError",
      code: "invalid-data",
      issues,
    });
    const error = refusal(() =>
      preparerThrowing(foreign)({ name: "app/note", data: { text: 42 } }, "event 0", () => "0"),
    );
    expect(error.code).toBe("invalid-event");
    expect(error.message).toContain("data.text: expected string, received 42");
    expect(error.cause).toBe(foreign);
  });

  it("lets any other error of parse through unchanged", () => {
    const bug = new TypeError("parse crashed");
    const prepare = preparerThrowing(bug);
    expect(() => prepare({ name: "app/note", data: { text: "hi" } }, "event 0", () => "0")).toThrow(bug);
    const otherCode = Object.assign(new Error("bad definition"), {
      name: "EventError",
      code: "invalid-definition",
    });
    expect(() => preparerThrowing(otherCode)({ name: "app/note", data: {} }, "event 0", () => "0")).toThrow(
      otherCode,
    );
  });

  it("refuses an event over 256 KiB, measured in UTF-8 bytes of its JSON", () => {
    // 100 000 three-byte characters: 100 000 characters, about 300 000 bytes.
    const big = { name: "app/note", data: { text: "€".repeat(100_000) } };
    const error = refusal(() => preparer()(big, "event 17", () => "17"));
    expect(error.message).toMatch(
      /^Fan-out "welcome" produced an event over the size limit: event 17 \("app\/note"\) is 300\d{3} bytes \(29\d\.\d KiB\)\n {2}limit: 262144 bytes \(256 KiB\) per event \(maxEventBytes\), measured as the UTF-8 bytes of its JSON\n {2}expected: smaller event data: send ids and let the receiving job load the rest, e\.g\. \{ userId: "usr_123" \} instead of the whole user record$/,
    );
    expect(error).toMatchObject({ code: "event-size", limit: "maxEventBytes" });
  });

  it("accepts an event of exactly the size limit", () => {
    const prepare = preparer();
    const overhead = prepare({ name: "app/note", data: { text: "" } }, "event 0", () => "probe").bytes;
    const exact = { name: "app/note", data: { text: "x".repeat(inngestLimits.maxEventBytes - overhead) } };
    expect(prepare(exact, "event 1", () => "exact").bytes).toBe(inngestLimits.maxEventBytes);
  });

  it("measures an event as a send request carries it, with the ts the SDK stamps on it", () => {
    const prepare = preparer();
    const stamped = prepare({ ...profile, ts: 1_700_000_000_000 }, "event 0", () => "0");
    expect(stamped.requestBytes).toBe(stamped.bytes);
    const unstamped = prepare(profile, "event 1", () => "1");
    const asSent = JSON.stringify({ ...unstamped.payload, ts: Date.parse("2026-11-17T00:00:00Z") });
    expect(unstamped.requestBytes).toBe(Buffer.byteLength(asSent));
  });

  it("refuses an event too big for one send request, for a server with a lower request limit", () => {
    const limits = { ...inngestLimits, maxSendRequestBytes: 1000 };
    const error = refusal(() =>
      preparer(limits)({ name: "app/note", data: { text: "x".repeat(1000) } }, "event 9", () => "9"),
    );
    expect(error.message).toMatch(
      /^Fan-out "welcome" produced an event too big for one send request: event 9 \("app\/note"\) takes 11\d\d bytes \(1\.1 KiB\) in a send request\n {2}limit: 1000 bytes per send request \(maxSendRequestBytes\)\n {2}expected: smaller event data: send ids and let the receiving job load the rest, e\.g\. \{ userId: "usr_123" \} instead of the whole user record$/,
    );
    expect(error).toMatchObject({ code: "event-size", limit: "maxSendRequestBytes" });
  });

  it("refuses two events with the same id, naming both", () => {
    const prepare = preparer();
    prepare(profile, "event 0", () => "same");
    const error = refusal(() => prepare(profile, "event 1", () => "same"));
    expect(error.code).toBe("duplicate-id");
    expect(error.received).toMatch(/^event 0 and event 1 both have id "[0-9a-f]{32}"$/);
  });

  it("allows one key for events of different names", () => {
    const prepare = preparer();
    prepare(profile, "event 0", () => "usr_1");
    expect(() => prepare({ name: "app/note", data: { text: "hi" } }, "event 1", () => "usr_1")).not.toThrow();
  });

  it("refuses a key that is not a non-empty string", () => {
    const error = refusal(() => preparer()(profile, "event 5", () => 5));
    expect(error.message).toContain(
      'Fan-out "welcome" got an unusable event key: event 5: key returned a number',
    );
  });
});
