import type { RunClientHooks } from "./create-run-client";
import type { StepMocks } from "./step-mocks";
import { currentClock, runWithVirtualDate, type VirtualClock } from "./virtual-clock";

/**
 * What belongs to the run in progress. Clients and registered definitions are shared between runs (so
 * `onRegister` fires once per client, as in production); the run's own pieces travel with its async
 * context, on the run's virtual clock.
 */
export interface RunScope {
  readonly hooks: RunClientHooks;
  readonly mocks: StepMocks;
}

/** Runs `callback` on `clock`'s virtual time with `scope` as the run in progress for everything it awaits. */
export function withRunScope<TResult>(
  clock: VirtualClock,
  scope: RunScope,
  callback: () => Promise<TResult>,
): Promise<TResult> {
  clock.scope = scope;
  return runWithVirtualDate(clock, callback);
}

/** The run in progress, or `undefined` outside `runJob`. */
export function currentRun(): RunScope | undefined {
  return currentClock()?.scope as RunScope | undefined;
}
