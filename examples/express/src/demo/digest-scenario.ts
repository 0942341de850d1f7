import { notificationSend } from "@jobkit/events/standard";
import type { JobRun } from "@jobkit/testing";
import { notificationDigests } from "../jobs/notification-digest";
import { createStore } from "../store";
import { runDemoJob } from "./run-demo-job";
import { describeRun, type Scenario, type StepSummary } from "./timeline";

/** The digest scenario and its run. */
export interface DigestScenario extends Scenario {
  readonly run: JobRun;
  /** Notifications sent per user. */
  readonly perUser: Readonly<Record<string, number>>;
}

const perUser = { usr_ada: 40, usr_grace: 30, usr_alan: 20, usr_edsger: 10 } as const;

const summary: StepSummary = (stepId, output) =>
  stepId.startsWith("recipient-") ? String(output) : undefined;

/**
 * A batch of 100 notifications from four users becomes four digest emails, one per user.
 *
 * @example
 * ```ts
 * import { digestScenario } from "./digest-scenario";
 *
 * const { run } = await digestScenario();
 * console.log(run.sent.length); // 4
 * ```
 */
export async function digestScenario(): Promise<DigestScenario> {
  const startedAt = new Date("2026-03-02T12:00:00Z");
  const store = createStore();
  const users = Object.keys(perUser);
  for (const userId of users) {
    const name = userId.slice(4);
    store.users.set(userId, {
      id: userId,
      email: `${name}@example.com`,
      role: "customer",
      createdAt: startedAt,
    });
  }
  // Interleaved, as they would arrive: a comment for one user, a like for the next…
  const queue = users.flatMap((userId) =>
    Array.from({ length: perUser[userId as keyof typeof perUser] }, (_, index) => ({ userId, index })),
  );
  queue.sort((a, b) => a.index - b.index || users.indexOf(a.userId) - users.indexOf(b.userId));
  const events = queue.map(({ userId, index }, position) =>
    notificationSend.create(
      {
        userId,
        title: index % 2 === 0 ? "New comment" : "New like",
        body: `Activity #${index + 1} on your post`,
      },
      {
        id: `ntf_${position}`,
        ts: startedAt.getTime() + Math.round((position * 20_000) / (queue.length - 1)),
      },
    ),
  );
  // Inngest starts the batch when the 100th event arrives (or 30 s after the first).
  const batchAt = new Date(startedAt.getTime() + 20_000);
  const run = await runDemoJob(notificationDigests(store), events, batchAt);
  return {
    title: "Notification digest: 100 notifications batched into one email per user",
    startedAt,
    run,
    perUser,
    lines: [
      {
        at: startedAt,
        source: "event",
        kind: "event",
        text: "notification/send",
        detail: `${events.length} notifications for ${users.length} users over ${(batchAt.getTime() - startedAt.getTime()) / 1000}s`,
      },
      ...describeRun(run, {
        summary,
        result: (output) => {
          const { succeeded } = output as { succeeded: number };
          return `${succeeded} digests for ${events.length} notifications`;
        },
      }),
    ],
  };
}
