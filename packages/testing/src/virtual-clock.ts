import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The run's clock: virtual milliseconds since the epoch, moved forward by sleeps, waits and retry delays,
 * never by real time.
 */
export class VirtualClock {
  #now: number;
  /**
   * What else belongs to the run this clock times (see `run-scope.ts`): kept on the clock so one
   * async-local store carries both, since each store adds bookkeeping to every promise of the run.
   */
  scope: unknown;

  constructor(start: number) {
    this.#now = start;
  }

  /** Current virtual time, in milliseconds since the epoch. */
  get now(): number {
    return this.#now;
  }

  /** Moves the clock to `time`; the clock never goes back. */
  advanceTo(time: number): void {
    if (time > this.#now) this.#now = time;
  }
}

const activeClock = new AsyncLocalStorage<VirtualClock>();
let installations = 0;
let realDate: DateConstructor | undefined;
let virtualDate: DateConstructor | undefined;

function createVirtualDate(original: DateConstructor): DateConstructor {
  const now = (): number => activeClock.getStore()?.now ?? original.now();
  // A proxy rather than a subclass: `Date.prototype`, `instanceof Date` and the static methods stay the
  // real ones, so dates created before, during and after a run are interchangeable.
  return new Proxy(original, {
    construct(target, args, newTarget) {
      const clock = activeClock.getStore();
      const prototypeSource = newTarget === virtualDate ? target : newTarget;
      return Reflect.construct(target, clock && args.length === 0 ? [clock.now] : args, prototypeSource);
    },
    apply(target) {
      const clock = activeClock.getStore();
      return clock ? new target(clock.now).toString() : target();
    },
    get(target, property, receiver) {
      if (property === "now") return now;
      return Reflect.get(target, property, receiver === virtualDate ? target : receiver);
    },
  });
}

function install(): void {
  if (installations++ > 0) return;
  realDate = globalThis.Date;
  virtualDate = createVirtualDate(realDate);
  globalThis.Date = virtualDate;
}

function uninstall(): void {
  if (--installations > 0) return;
  // Someone else (fake timers) may have replaced Date meanwhile; only undo our own replacement.
  if (globalThis.Date === virtualDate && realDate) globalThis.Date = realDate;
  realDate = undefined;
  virtualDate = undefined;
}

/**
 * Runs `callback` with `Date.now()`, `new Date()` and `Date()` reading `clock` in its asynchronous context
 * (the function under test, its steps and everything they await); code outside that context, such as other
 * tests running concurrently, keeps the real time.
 */
export async function runWithVirtualDate<TResult>(
  clock: VirtualClock,
  callback: () => Promise<TResult>,
): Promise<TResult> {
  install();
  try {
    return await activeClock.run(clock, callback);
  } finally {
    uninstall();
  }
}

/** The clock of the run in progress, or `undefined` outside one. */
export function currentClock(): VirtualClock | undefined {
  return activeClock.getStore();
}

/** The real `Date.now()`, even inside a virtual-time context. */
export function realNow(): number {
  return (realDate ?? globalThis.Date).now();
}
