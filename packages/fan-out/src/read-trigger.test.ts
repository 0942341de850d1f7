import { describe, expect, it } from "vitest";
import { FanOutError } from "./fan-out-error";
import { readTrigger } from "./read-trigger";

describe("readTrigger", () => {
  it("reads the trigger's id and measures its JSON", () => {
    const event = { name: "user/created", data: { userId: "usr_1" }, id: "evt_1", ts: 1 };
    expect(readTrigger("welcome", event)).toEqual({ id: "evt_1", bytes: JSON.stringify(event).length });
  });

  it("refuses a trigger without an id, since no event id could be stable", () => {
    const run = () => readTrigger("welcome", { id: "" });
    expect(run).toThrow(FanOutError);
    expect(run).toThrow('Fan-out "welcome" was triggered by an event without an id: id ""\n');
    expect(() => readTrigger("welcome", {})).toThrow("without an id: id undefined");
  });
});
