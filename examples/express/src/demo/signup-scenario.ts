import { userCreated } from "@jobkit/events/standard";
import type { JobRun } from "@jobkit/testing";
import { sendWelcomeEmail } from "../jobs/send-welcome-email";
import { userSignup } from "../jobs/user-signup-fan-out";
import { createStore } from "../store";
import { handOver, runDemoJob } from "./run-demo-job";
import { arrival, describeRun, type Scenario } from "./timeline";

/** The sign-up scenario and its runs. */
export interface SignupScenario extends Scenario {
  readonly fanOut: JobRun;
  readonly welcome: JobRun;
}

/**
 * A sign-up fans out to five jobs; the welcome email job then picks up its `email/send`.
 *
 * @example
 * ```ts
 * import { signupScenario } from "./signup-scenario";
 *
 * const { fanOut } = await signupScenario();
 * console.log(fanOut.sent.length); // 5
 * ```
 */
export async function signupScenario(): Promise<SignupScenario> {
  const startedAt = new Date("2026-03-02T09:00:00Z");
  const store = createStore();
  const signup = userSignup();
  const welcomeJob = sendWelcomeEmail(store);
  const user = userCreated.create(
    { userId: "usr_ada", email: "ada@example.com", name: "Ada Lovelace", source: "web" },
    { id: "signup-usr_ada", ts: startedAt.getTime() },
  );
  const fanOut = await runDemoJob(signup, user, startedAt);
  const welcomeEvent = fanOut.sent.find((event) => event.name === "email/send");
  if (welcomeEvent === undefined) throw new Error("the sign-up fan-out sent no welcome email/send");
  const welcome = await runDemoJob(welcomeJob, handOver(welcomeJob, welcomeEvent), welcomeEvent.at);
  return {
    title: "Sign-up fan-out: one user/created starts five jobs",
    startedAt,
    fanOut,
    welcome,
    lines: [
      arrival(startedAt, user, "usr_ada signed up on the web"),
      ...describeRun(fanOut, {
        summary: (stepId, output) => {
          if (stepId !== "fan-out-plan") return undefined;
          const plan = output as { events: number; chunks: number; bytes: number };
          return `${plan.events} events, ${plan.bytes} bytes, in ${plan.chunks} send${plan.chunks === 1 ? "" : "s"}`;
        },
        result: (output) => `${(output as { jobsTriggered: number }).jobsTriggered} jobs started`,
      }),
      ...describeRun(welcome, {
        summary: (stepId, output) =>
          stepId === "send-email"
            ? `accepted by the email provider as ${(output as { messageId: string }).messageId}`
            : undefined,
        result: () => "welcome email delivered",
      }),
    ],
  };
}
