import { cartScenario } from "./cart-scenario";
import { digestScenario } from "./digest-scenario";
import { retryScenario } from "./retry-scenario";
import { signupScenario } from "./signup-scenario";
import type { Scenario } from "./timeline";
import { trialScenario } from "./trial-scenario";

/**
 * Every demo scenario, in the order `pnpm demo` prints them.
 *
 * @example
 * ```ts
 * import { runScenarios } from "./run-scenarios";
 *
 * for (const scenario of await runScenarios()) console.log(scenario.title);
 * ```
 */
export async function runScenarios(): Promise<Scenario[]> {
  return [
    await signupScenario(),
    await cartScenario(),
    await trialScenario(),
    await digestScenario(),
    await retryScenario(),
  ];
}
