import { trialStarted } from "@jobkit/events/standard";
import type { JobRun } from "@jobkit/testing";
import { trialReminders } from "../jobs/trial-reminders";
import { createStore } from "../store";
import { runDemoJob } from "./run-demo-job";
import { arrival, describeRun, type Scenario, type StepSummary } from "./timeline";

/** The trial scenario and its run. */
export interface TrialScenario extends Scenario {
  readonly run: JobRun;
  readonly trialEndsAt: Date;
}

const summary: StepSummary = (stepId, output) => {
  if (stepId === "plan") return "";
  if (stepId.startsWith("check-"))
    return (output as { send?: boolean }).send ? "not subscribed yet" : "subscribed";
  return undefined;
};

/**
 * A 14-day trial: reminders 7, 3 and 1 days before it ends, and when it ends.
 *
 * @example
 * ```ts
 * import { trialScenario } from "./trial-scenario";
 *
 * const { run } = await trialScenario();
 * console.log(run.sent.length); // 4
 * ```
 */
export async function trialScenario(): Promise<TrialScenario> {
  const startedAt = new Date("2026-03-02T09:00:00Z");
  const trialEndsAt = new Date(startedAt.getTime() + 14 * 86_400_000);
  const store = createStore();
  const started = trialStarted.create(
    {
      userId: "usr_alan",
      email: "alan@example.com",
      plan: "pro",
      startedAt: startedAt.toISOString(),
      trialEndsAt: trialEndsAt.toISOString(),
    },
    { ts: startedAt.getTime() },
  );
  const run = await runDemoJob(trialReminders(store), started, startedAt);
  return {
    title: "Trial expiration: reminders 7, 3 and 1 days before the end, and at the end",
    startedAt,
    trialEndsAt,
    run,
    lines: [
      arrival(
        startedAt,
        started,
        `usr_alan starts a 14-day trial, ending ${trialEndsAt.toISOString().slice(0, 10)}`,
      ),
      ...describeRun(run, {
        summary,
        result: (output) => `${(output as { sent: number }).sent} reminders sent`,
      }),
    ],
  };
}
