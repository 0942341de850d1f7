import { AsyncLocalStorage } from "node:async_hooks";
import { promisify } from "node:util";

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
let realSetTimeout: typeof setTimeout | undefined;
let realClearTimeout: typeof clearTimeout | undefined;
let runSetTimeout: typeof setTimeout | undefined;
let runClearTimeout: typeof clearTimeout | undefined;
/** Zero-delay timers of a run that were started as immediates, so `clearTimeout` can still cancel them. */
const immediates = new WeakSet<object>();

/** Node runs a timer of no delay (`undefined`, 0, negative, NaN) after 1 ms. */
function isNextTurn(delay: unknown): boolean {
  const milliseconds = Number(delay ?? 0);
  return !(milliseconds > 0);
}

/**
 * `setTimeout` for a run: a zero-delay timer inside a run (the SDK's own "wait for the next event-loop turn",
 * every tenth found step) starts as an immediate. It still runs after every pending microtask and in a later
 * turn of the event loop, which is all a zero-delay timer promises; it just skips Node's 1 ms minimum, time
 * a virtual clock has no reason to spend. Timers with a delay, and everything outside a run, stay real.
 */
function createRunTimers(
  originalSet: typeof setTimeout,
  originalClear: typeof clearTimeout,
): { set: typeof setTimeout; clear: typeof clearTimeout } {
  const set = function setTimeout(
    callback: (...args: unknown[]) => void,
    delay?: number,
    ...args: unknown[]
  ) {
    if (typeof callback === "function" && isNextTurn(delay) && activeClock.getStore()) {
      const immediate = setImmediate(callback, ...args);
      immediates.add(immediate);
      return immediate;
    }
    return originalSet(callback, delay, ...args);
  } as typeof setTimeout;
  const clear = function clearTimeout(timer: unknown) {
    if (typeof timer === "object" && timer !== null && immediates.has(timer)) {
      clearImmediate(timer as NodeJS.Immediate);
      return;
    }
    originalClear(timer as NodeJS.Timeout);
  } as typeof clearTimeout;
  // `util.promisify(setTimeout)` (libraries use it for delays) must keep Node's own promise version.
  const custom = (originalSet as unknown as Record<symbol, unknown>)[promisify.custom];
  if (custom !== undefined)
    Object.defineProperty(set, promisify.custom, { value: custom, configurable: true });
  return { set, clear };
}

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
  realSetTimeout = globalThis.setTimeout;
  realClearTimeout = globalThis.clearTimeout;
  const timers = createRunTimers(realSetTimeout, realClearTimeout);
  runSetTimeout = timers.set;
  runClearTimeout = timers.clear;
  globalThis.setTimeout = runSetTimeout;
  globalThis.clearTimeout = runClearTimeout;
}

function uninstall(): void {
  if (--installations > 0) return;
  // Someone else (fake timers) may have replaced Date meanwhile; only undo our own replacement.
  if (globalThis.Date === virtualDate && realDate) globalThis.Date = realDate;
  realDate = undefined;
  virtualDate = undefined;
  if (globalThis.setTimeout === runSetTimeout && realSetTimeout) globalThis.setTimeout = realSetTimeout;
  if (globalThis.clearTimeout === runClearTimeout && realClearTimeout)
    globalThis.clearTimeout = realClearTimeout;
  realSetTimeout = undefined;
  realClearTimeout = undefined;
  runSetTimeout = undefined;
  runClearTimeout = undefined;
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
