import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { realNow, runWithVirtualDate, VirtualClock } from "./virtual-clock";

const start = Date.parse("2026-11-17T00:00:00.000Z");

describe("runWithVirtualDate", () => {
  it("makes Date.now(), new Date() and Date() read the virtual clock inside the callback", async () => {
    const clock = new VirtualClock(start);
    const seen = await runWithVirtualDate(clock, async () => {
      await Promise.resolve();
      return { now: Date.now(), iso: new Date().toISOString(), text: Date() };
    });
    expect(seen.now).toBe(start);
    expect(seen.iso).toBe("2026-11-17T00:00:00.000Z");
    expect(seen.text).toBe(new Date(start).toString());
  });

  it("follows the clock as it advances during the run", async () => {
    const clock = new VirtualClock(start);
    const seen = await runWithVirtualDate(clock, async () => {
      const before = Date.now();
      clock.advanceTo(start + 86_400_000);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return [before, Date.now()];
    });
    expect(seen).toEqual([start, start + 86_400_000]);
  });

  it("leaves dates built from explicit values, instanceof and static methods untouched", async () => {
    const clock = new VirtualClock(start);
    const outside = new Date(0);
    await runWithVirtualDate(clock, async () => {
      expect(new Date(0).getTime()).toBe(0);
      expect(new Date("2020-01-01T00:00:00Z").getTime()).toBe(Date.UTC(2020, 0, 1));
      expect(outside instanceof Date).toBe(true);
      expect(new Date() instanceof Date).toBe(true);
      expect(Date.parse("1970-01-01T00:00:01Z")).toBe(1000);
    });
  });

  it("keeps real time for code outside the run, even while a run is in progress", async () => {
    const clock = new VirtualClock(Date.parse("2000-01-01T00:00:00Z"));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = runWithVirtualDate(clock, () => gate.then(() => Date.now()));
    expect(Date.now()).toBeGreaterThan(Date.parse("2020-01-01T00:00:00Z"));
    release();
    expect(await run).toBe(Date.parse("2000-01-01T00:00:00Z"));
  });

  it("gives each of two concurrent runs its own clock", async () => {
    const first = new VirtualClock(1_000);
    const second = new VirtualClock(2_000);
    const read = () => new Promise<number>((resolve) => setTimeout(() => resolve(Date.now()), 1));
    const [a, b] = await Promise.all([runWithVirtualDate(first, read), runWithVirtualDate(second, read)]);
    expect([a, b]).toEqual([1_000, 2_000]);
  });

  it("restores the real Date constructor when the last run ends", async () => {
    const original = globalThis.Date;
    await runWithVirtualDate(new VirtualClock(start), async () => {
      expect(globalThis.Date).not.toBe(original);
    });
    expect(globalThis.Date).toBe(original);
    expect(Math.abs(realNow() - Date.now())).toBeLessThan(1000);
  });

  it("supports subclasses of Date declared inside the run", async () => {
    const value = await runWithVirtualDate(new VirtualClock(start), async () => {
      class BusinessDate extends Date {}
      const date = new BusinessDate();
      return { time: date.getTime(), isDate: date instanceof Date, isBusiness: date instanceof BusinessDate };
    });
    expect(value).toEqual({ time: start, isDate: true, isBusiness: true });
  });
});

describe("zero-delay timers in a run", () => {
  it("run after pending microtasks, in the same turn as an immediate scheduled after them", async () => {
    const order = await runWithVirtualDate(new VirtualClock(start), async () => {
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        setTimeout(() => seen.push("timer"));
        setImmediate(() => {
          seen.push("immediate");
          resolve();
        });
        void Promise.resolve().then(() => seen.push("microtask"));
      });
      return seen;
    });
    expect(order).toEqual(["microtask", "timer", "immediate"]);
  });

  it("leave util.promisify(setTimeout) working during a run", async () => {
    const value = await runWithVirtualDate(new VirtualClock(start), () => promisify(setTimeout)(1, "waited"));
    expect(value).toBe("waited");
  });

  it("can still be cancelled with clearTimeout", async () => {
    let fired = false;
    await runWithVirtualDate(new VirtualClock(start), async () => {
      clearTimeout(setTimeout(() => (fired = true), 0));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(fired).toBe(false);
  });

  it("keep real delays and leave timers outside a run alone", async () => {
    const order = await runWithVirtualDate(new VirtualClock(start), async () => {
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        setTimeout(() => {
          seen.push("timer of 5 ms");
          resolve();
        }, 5);
        setImmediate(() => seen.push("immediate"));
      });
      return seen;
    });
    expect(order).toEqual(["immediate", "timer of 5 ms"]);
    expect(globalThis.setTimeout.name).toBe("setTimeout");
    expect(typeof setTimeout(() => undefined, 0).refresh).toBe("function");
  });
});

describe("VirtualClock", () => {
  it("never moves backwards", () => {
    const clock = new VirtualClock(10);
    clock.advanceTo(5);
    expect(clock.now).toBe(10);
    clock.advanceTo(20);
    expect(clock.now).toBe(20);
  });
});
