import { NonRetriableError } from "inngest";
import type { Scenario } from "./kit";
import { engineScenarios, testEngineScenarios } from "./scenarios-engine";

const integration = "packages/inngest/src/test/integration";

const loggerScenarios: Scenario[] = [true, false].flatMap((checkpointing) => [
  {
    name: `logger flushes with no steps (checkpointing ${checkpointing})`,
    source: `${integration}/logger.test.ts`,
    build: ({ client }) => ({
      fn: client({ checkpointing }).createFunction(
        { id: "log-none", triggers: [{ event: "conformance/start" }] },
        ({ logger }) => {
          logger.info("hello");
          return "ok";
        },
      ),
    }),
  },
  {
    name: `logger with 2 steps logs each line once (checkpointing ${checkpointing})`,
    source: `${integration}/logger.test.ts`,
    build: ({ client }) => ({
      fn: client({ checkpointing }).createFunction(
        { id: "log-steps", triggers: [{ event: "conformance/start" }] },
        async ({ logger, step }) => {
          logger.info("start");
          await step.run("a", () => logger.info("in a"));
          logger.warn("between");
          await step.run("b", () => logger.info("in b"));
          logger.info("end");
        },
      ),
    }),
  },
  {
    name: `logger when the function throws (checkpointing ${checkpointing})`,
    source: `${integration}/logger.test.ts`,
    build: ({ client }) => ({
      fn: client({ checkpointing }).createFunction(
        { id: "log-throws", retries: 0, triggers: [{ event: "conformance/start" }] },
        ({ logger }) => {
          logger.info("about to fail");
          throw new Error("failed on purpose");
        },
      ),
    }),
  },
  {
    name: `logger on a step error (checkpointing ${checkpointing})`,
    source: `${integration}/logger.test.ts`,
    build: ({ client }) => ({
      fn: client({ checkpointing }).createFunction(
        { id: "log-step-error", retries: 1, triggers: [{ event: "conformance/start" }] },
        async ({ step, attempt }) =>
          step.run("flaky", () => {
            if (attempt === 0) throw new Error("step failed once");
            return "ok";
          }),
      ),
    }),
  },
]);

const retryScenarios: Scenario[] = [0, 1, 2, 3].map((retries) => ({
  name: `function error retried ${retries} times`,
  source: `${integration}/retry.test.ts`,
  build: ({ client, trace }) => ({
    fn: client().createFunction(
      { id: `retry-${retries}`, retries: retries as 0, triggers: [{ event: "conformance/start" }] },
      ({ attempt, maxAttempts }) => {
        trace(`attempt:${attempt}/${maxAttempts}`);
        throw new Error(`failed at ${attempt}`);
      },
    ),
  }),
}));

const stepRetryScenarios: Scenario[] = [1, 2].map((failures) => ({
  name: `step fails ${failures} times then succeeds`,
  source: `${integration}/retry.test.ts`,
  build: ({ client, trace }) => ({
    fn: client().createFunction(
      { id: `step-retry-${failures}`, retries: 3, triggers: [{ event: "conformance/start" }] },
      async ({ step, attempt }) => {
        trace(`enter:${attempt}`);
        const value = await step.run("flaky", () => {
          if (attempt < failures) throw new Error(`attempt ${attempt}`);
          return attempt;
        });
        return step.run("after", () => value + 1);
      },
    ),
  }),
}));

const onFailureScenarios: Scenario[] = [
  {
    name: "onFailure receives the error and the original event",
    source: `${integration}/onFailure.test.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        {
          id: "with-on-failure",
          retries: 0,
          triggers: [{ event: "conformance/start" }],
          onFailure: ({ error, event }: { error: Error; event: { data: { event: { name: string } } } }) => {
            trace(`onFailure:${error.message}:${event.data.event.name}`);
          },
        },
        () => {
          throw new Error("main failed");
        },
      ),
    }),
  },
  {
    name: "onFailure runs steps of its own",
    source: `${integration}/onFailure.test.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        {
          id: "on-failure-steps",
          retries: 1,
          triggers: [{ event: "conformance/start" }],
          onFailure: async ({
            step,
          }: {
            step: { run: (id: string, fn: () => string) => Promise<string> };
          }) => {
            trace(`cleanup:${await step.run("cleanup", () => "cleaned")}`);
          },
        },
        async ({ step }) =>
          step.run("breaks", () => {
            throw new NonRetriableError("broken for good");
          }),
      ),
    }),
  },
  {
    name: "the inngest/function.failed event of a failed run",
    source: `${integration}/onFailure.test.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "failed-event", retries: 0, triggers: [{ event: "conformance/start" }] },
        () => {
          throw new Error("tracked failure");
        },
      ),
    }),
  },
];

const checkpointScenarios: Scenario[] = [
  {
    name: "resumes checkpointing after parallelism",
    source: `${integration}/checkpointing/resumeAfterParallelism.test.ts`,
    build: ({ client, trace }) => ({
      fn: client({ checkpointing: true }).createFunction(
        { id: "resume", retries: 0, triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          trace("enter");
          const track = (name: string) => () => {
            trace(name);
            return name;
          };
          await step.run("seq-1", track("seq-1"));
          await step.run("seq-2", track("seq-2"));
          await Promise.all([step.run("par-1", track("par-1")), step.run("par-2", track("par-2"))]);
          await step.run("after-1", track("after-1"));
          await step.run("after-2", track("after-2"));
          await step.run("after-3", track("after-3"));
          return "done";
        },
      ),
    }),
  },
  {
    name: "step.run output is JSON serialized even when checkpointed",
    source: `${integration}/checkpointing/stepRunSerialization.test.ts`,
    build: ({ client, trace }) => ({
      fn: client({ checkpointing: true }).createFunction(
        { id: "serialize", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          const value = await step.run("date", () => ({
            at: new Date(0),
            nested: { big: 1n.toString() },
            gone: undefined,
          }));
          trace(`typeof at: ${typeof value.at}`);
          return value;
        },
      ),
    }),
  },
  {
    name: "Promise.all of a step and a sleep enters once per drained group",
    source: `${integration}/middleware/parallelSteps.test.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "step-and-sleep", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          trace("enter");
          await Promise.all([step.run("work", () => "w"), step.sleep("pause", "1h")]);
          return step.run("after", () => "done");
        },
      ),
    }),
  },
  {
    name: "sub-second sleeps",
    source: `${integration}/subSecondDurations.test.ts`,
    logsOnce: [
      'warn {"requestedMs":500} Durable waits have a minimum resolution of 1s; durations under 1s round up to 1s',
    ],
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "sub-second", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          trace("enter");
          await step.sleep("short", "500ms");
          return "slept";
        },
      ),
    }),
  },
  ...[3, 7, 12].map(
    (count): Scenario => ({
      name: `${count} sequential steps run in one checkpointed request`,
      source: `${integration}/checkpointing/resumeAfterParallelism.test.ts`,
      build: ({ client, trace }) => ({
        fn: client().createFunction(
          { id: `seq-${count}`, triggers: [{ event: "conformance/start" }] },
          async ({ step }) => {
            trace("enter");
            let total = 0;
            for (let index = 0; index < count; index++) total += await step.run(`step-${index}`, () => index);
            return total;
          },
        ),
      }),
    }),
  ),
];

const contextScenarios: Scenario[] = [
  {
    name: "handler context has the fields the serve handler gives",
    source: `${integration}/middleware/hooks/transformFunctionInput.test.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction({ id: "ctx-fields", triggers: [{ event: "conformance/start" }] }, (ctx) => {
        trace(Object.keys(ctx).sort().join(","));
        const { jobId, requestId } = ctx as unknown as Record<string, unknown>;
        return {
          jobId: typeof jobId,
          requestId: typeof requestId,
          attempt: ctx.attempt,
          events: ctx.events.length,
        };
      }),
      event: { name: "conformance/start", data: { user: "u1" } },
    }),
  },
  {
    name: "the event's own fields reach the handler",
    source: `${integration}/middleware/hooks/transformFunctionInput.test.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "event-fields", triggers: [{ event: "conformance/start" }] },
        ({ event }) => ({
          name: event.name,
          data: event.data,
          hasId: typeof event.id,
          hasTs: typeof event.ts,
        }),
      ),
      event: { name: "conformance/start", data: { n: 1 } },
    }),
  },
];

/** Ported from the SDK's execution, retry, onFailure, logger and checkpointing tests and @inngest/test's. */
export const executionScenarios: Scenario[] = [
  ...loggerScenarios,
  ...retryScenarios,
  ...stepRetryScenarios,
  ...onFailureScenarios,
  ...checkpointScenarios,
  ...contextScenarios,
  ...engineScenarios,
  ...testEngineScenarios,
];
