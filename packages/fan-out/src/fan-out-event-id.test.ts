import { JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { fanOutEventId } from "./fan-out-event-id";

const base = { functionId: "newsletter", triggerId: "evt_1", name: "email/send", key: "42" };

describe("fanOutEventId", () => {
  it("gives the same 32 hex characters for the same input, every time", () => {
    const id = fanOutEventId(base);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(fanOutEventId({ ...base })).toBe(id);
  });

  it("changes with each part: function, trigger, event name and key", () => {
    const ids = new Set([
      fanOutEventId(base),
      fanOutEventId({ ...base, functionId: "digest" }),
      fanOutEventId({ ...base, triggerId: "evt_2" }),
      fanOutEventId({ ...base, name: "sms/send" }),
      fanOutEventId({ ...base, key: "43" }),
    ]);
    expect(ids.size).toBe(5);
  });

  it("keeps the parts apart, so moving a character from one part to the next changes the id", () => {
    expect(fanOutEventId({ ...base, triggerId: "evt_1a", key: "b" })).not.toBe(
      fanOutEventId({ ...base, triggerId: "evt_1", key: "ab" }),
    );
  });

  it("gives 100 000 distinct ids for 100 000 keys", () => {
    const ids = new Set(
      Array.from({ length: 100_000 }, (_, index) => fanOutEventId({ ...base, key: String(index) })),
    );
    expect(ids.size).toBe(100_000);
  });

  it("refuses input that is not four strings with a JobError, not a bare TypeError", () => {
    expect(() => fanOutEventId(null as never)).toThrow(JobError);
    expect(() => fanOutEventId({ ...base, key: 10n } as never)).toThrow(/option "key": 10n/);
  });
});
