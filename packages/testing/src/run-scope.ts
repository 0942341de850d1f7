import { AsyncLocalStorage } from "node:async_hooks";
import type { RunClientHooks } from "./create-run-client";
import type { StepMocks } from "./step-mocks";

/**
 * What belongs to the run in progress. Clients and registered definitions are shared between runs (so
 * `onRegister` fires once per client, as in production); the run's own pieces travel with its async context.
 */
export interface RunScope {
  readonly hooks: RunClientHooks;
  readonly mocks: StepMocks;
}

const activeRun = new AsyncLocalStorage<RunScope>();

/** Runs `callback` with `scope` as the run in progress for everything it awaits. */
export function withRunScope<TResult>(scope: RunScope, callback: () => Promise<TResult>): Promise<TResult> {
  return activeRun.run(scope, callback);
}

/** The run in progress, or `undefined` outside `runJob`. */
export function currentRun(): RunScope | undefined {
  return activeRun.getStore();
}
