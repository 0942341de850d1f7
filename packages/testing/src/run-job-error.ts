import type { InngestLimits } from "@jobkit/functions";

/**
 * Why `runJob` refused a run: each code is a mistake in the test or in the job, never a job failure.
 *
 * @example Expect a specific misuse
 * ```ts
 * import type { RunJobErrorCode } from "@jobkit/testing";
 *
 * const expected: RunJobErrorCode = "unmocked-invoke";
 * ```
 */
export type RunJobErrorCode =
  | "invalid-options"
  | "event-not-in-triggers"
  | "incoming-not-in-catalog"
  | "sent-event-invalid"
  | "unknown-step-mock"
  | "unused-mock"
  | "unmocked-invoke"
  | "unsupported-step"
  | "unsupported-expression"
  | "limit-exceeded"
  | "nondeterministic";

/**
 * Thrown by `runJob` when a test or the job under test is set up wrongly: an unknown step id in `steps`, a
 * mock that never ran, an incoming event missing from the catalog, an unmocked `step.invoke`, a run past
 * Inngest's step limit. A job that merely fails is not an error: it returns a run with `status: "failed"`.
 *
 * @example Tell a misuse apart from a failing job
 * ```ts
 * import { Inngest } from "inngest";
 * import { RunJobError, runJob } from "@jobkit/testing";
 *
 * const inngest = new Inngest({ id: "shop" });
 * const job = inngest.createFunction({ id: "job", triggers: [{ event: "shop/ping" }] }, async () => "ok");
 *
 * try {
 *   await runJob(job, { event: { name: "shop/ping", data: {} }, steps: { "chekc-stock": 1 } });
 * } catch (error) {
 *   if (error instanceof RunJobError) console.error(error.code, error.message); // "unused-mock" …
 * }
 * ```
 */
export class RunJobError extends Error {
  override readonly name = "RunJobError";
  /** What kind of misuse this is. */
  readonly code: RunJobErrorCode;
  /** The id of the function under test. */
  readonly functionId: string;
  /** The step involved, when there is one. */
  readonly stepId: string | undefined;
  /** The limit that was exceeded, for `code: "limit-exceeded"`. */
  readonly limit: keyof InngestLimits | undefined;

  constructor(
    code: RunJobErrorCode,
    functionId: string,
    message: string,
    options?: ErrorOptions & { stepId?: string; limit?: keyof InngestLimits },
  ) {
    super(message, options);
    this.code = code;
    this.functionId = functionId;
    this.stepId = options?.stepId;
    this.limit = options?.limit;
  }
}
