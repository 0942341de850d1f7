import { AsyncLocalStorage } from "node:async_hooks";
import { Middleware } from "inngest";

/** The `step.sendEvent` attempt a send belongs to. */
export interface SendStep {
  readonly stepId: string;
  /** Inngest's zero-based attempt of the request that runs the step. */
  readonly attempt: number;
}

/** Decides whether one send attempt fails: an `Error` fails it, `undefined` lets it through. */
export type FailSend = (events: readonly Record<string, unknown>[], step: SendStep) => Error | undefined;

/**
 * Client middleware that fails (when the run in progress asks, through `failSendOf`) chosen `step.sendEvent` attempts where the request to the event API would
 * fail, without making that request. The SDK only names the step around the step's handler
 * (`wrapStepHandler`), not around the send itself, so the step travels to `wrapSendEvent` in async-local
 * storage. Failing in `wrapSendEvent` instead of in `fetch` matters: the SDK retries a failed `fetch` up
 * to five times with real sleeps (1.5-1.9 s in all) before the step sees the error; `wrapSendEvent`
 * sits outside that retry loop, so the step fails at once and Inngest's step retries (on the virtual
 * clock) take over. Client middleware listed before it still sees the failure, as it would a real one.
 */
export function createFailSendsMiddleware(failSendOf: () => FailSend | undefined): Middleware.Class {
  const sending = new AsyncLocalStorage<SendStep>();
  return class FailSendsMiddleware extends Middleware.BaseMiddleware {
    readonly id = "jobkit-testing:fail-sends";

    override wrapStepHandler(args: Middleware.WrapStepHandlerArgs): Promise<unknown> {
      if (args.stepInfo.stepType !== "sendEvent" || failSendOf() === undefined) return args.next();
      const step: SendStep = { stepId: args.stepInfo.options.id, attempt: args.ctx.attempt };
      return sending.run(step, () => args.next());
    }

    override async wrapSendEvent(args: Middleware.WrapSendEventArgs) {
      const step = sending.getStore();
      const failSend = failSendOf();
      const error = step === undefined || failSend === undefined ? undefined : failSend(args.events, step);
      if (error !== undefined) throw error;
      return args.next();
    }
  };
}
