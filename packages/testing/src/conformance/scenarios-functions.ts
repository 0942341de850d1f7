import { NonRetriableError, RetryAfterError } from "inngest";
import type { Scenario } from "./kit";

const fns = "packages/inngest/src/test/functions";

/** Ported from the SDK's example functions and their integration tests (`src/test/functions/**`). */
export const functionScenarios: Scenario[] = [
  {
    name: "hello world returns a string",
    source: `${fns}/hello-world/index.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "hello-world", triggers: [{ event: "demo/hello.world" }] },
        () => "Hello, Inngest!",
      ),
      event: { name: "demo/hello.world", data: {} },
    }),
  },
  {
    name: "parallel reduce sums three parallel steps",
    source: `${fns}/parallel-reduce/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "parallel-reduce", triggers: [{ event: "demo/parallel.reduce" }] },
        async ({ step }) => {
          trace("enter");
          const scores = await Promise.all(
            ["blue", "red", "green"].map((team) =>
              step.run(`Get ${team} team score`, () => team.length * 10),
            ),
          );
          return scores.reduce((sum, score) => sum + score, 0);
        },
      ),
    }),
  },
  {
    name: "parallel work runs two chains of steps",
    source: `${fns}/parallel-work/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "parallel-work", triggers: [{ event: "demo/parallel.work" }] },
        async ({ step }) => {
          trace("enter");
          const score = async () => {
            const first = await step.run("First score", () => 1);
            const second = await step.run("Second score", () => 2);
            return first + second;
          };
          const fruits = async () =>
            Promise.all(["apple", "banana"].map((fruit) => step.run(`Get ${fruit}`, () => fruit)));
          return Promise.all([score(), fruits()]);
        },
      ),
    }),
  },
  {
    name: "polling: a step and a sleep in a loop until a result",
    source: `${fns}/polling/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "polling", triggers: [{ event: "demo/polling" }] },
        async ({ step }) => {
          trace("enter");
          let tries = 0;
          let done = false;
          while (!done && tries < 3) {
            tries++;
            done = await step.run(`check-job-${tries}`, () => tries === 2);
            if (!done) await step.sleep(`wait-${tries}`, "30s");
          }
          return { tries };
        },
      ),
    }),
  },
  {
    name: "Promise.all of two steps",
    source: `${fns}/promise-all/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "promise-all", triggers: [{ event: "demo/promise.all" }] },
        async ({ step }) => {
          trace("enter");
          const [one, two] = await Promise.all([step.run("Step 1", () => 1), step.run("Step 2", () => 2)]);
          return step.run("Step 3", () => one + two);
        },
      ),
    }),
  },
  {
    name: "Promise.race of two steps",
    source: `${fns}/promise-race/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "promise-race", triggers: [{ event: "demo/promise.race" }] },
        async ({ step }) => {
          trace("enter");
          const winner = await Promise.race([step.run("Step A", () => "A"), step.run("Step B", () => "B")]);
          return step.run("Step C", () => `${winner} is the winner!`);
        },
      ),
    }),
  },
  {
    name: "sequential reduce adds steps one by one",
    source: `${fns}/sequential-reduce/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "sequential-reduce", triggers: [{ event: "demo/sequential.reduce" }] },
        async ({ step }) => {
          trace("enter");
          let total = 0;
          for (const team of ["blue", "red", "green"])
            total += await step.run(`Get ${team} team score`, () => team.length);
          return total;
        },
      ),
    }),
  },
  {
    name: "send event from a step",
    source: `${fns}/send-event/index.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "send-event", triggers: [{ event: "demo/send.event" }] },
        async ({ step }) => {
          await Promise.all([
            step.sendEvent("single-event", { name: "app/my.event.happened", data: { foo: "bar" } }),
            step.sendEvent("multiple-events", [
              { name: "app/my.event.happened.multiple.1", data: { foo: "bar" } },
              { name: "app/my.event.happened.multiple.2", data: { foo: "bar" } },
            ]),
          ]);
        },
      ),
    }),
  },
  {
    name: "undefined data from steps becomes null",
    source: `${fns}/undefined-data/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "undefined-data", triggers: [{ event: "demo/undefined.data" }] },
        async ({ step }) => {
          const first = await step.run("step1res", () => undefined);
          trace(`first:${String(first)}`);
          const second = await step.run("step1", () => {});
          trace(`second:${String(second)}`);
          await Promise.all([step.run("step2res", () => undefined), step.run("step2", () => {})]);
          return step.run("step2nores", () => undefined);
        },
      ),
    }),
  },
  {
    name: "handled step errors: catch and go on",
    source: `${fns}/handling-step-errors/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "handling-step-errors", retries: 1, triggers: [{ event: "demo/handle.errors" }] },
        async ({ step }) => {
          try {
            await step.run("a", () => {
              throw new Error("Oh no!", { cause: new Error("This is the cause") });
            });
          } catch (err) {
            trace(`caught:${(err as Error).name}:${(err as Error).message}`);
          }
          await Promise.all([step.run("b1", () => "b1"), step.run("b2", () => "b2")]);
          return "done";
        },
      ),
    }),
  },
  {
    name: "unhandled step errors fail the run",
    source: `${fns}/unhandled-step-errors/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "unhandled-step-errors", retries: 1, triggers: [{ event: "demo/unhandled.errors" }] },
        async ({ step }) => {
          trace("enter");
          await step.run("a fails", () => {
            throw new Error("A failed!");
          });
          await step.run("b never runs", () => "b");
        },
      ),
    }),
  },
  {
    name: "multiple triggers: the second event starts the run",
    source: `${fns}/multiple-triggers/index.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        {
          id: "multiple-triggers",
          triggers: [{ event: "demo/multiple-triggers.1" }, { event: "demo/multiple-triggers.2" }],
        },
        ({ event }) => `Hello, ${event.name}!`,
      ),
      event: { name: "demo/multiple-triggers.2", data: {} },
    }),
  },
  {
    name: "run payload: event data reaches the handler",
    source: `${fns}/run-payload-schema/index.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "run-payload", triggers: [{ event: "demo/payload" }] },
        ({ event }) => event.data,
      ),
      event: { name: "demo/payload", data: { id: "123", nested: { list: [1, 2] } } },
    }),
  },
  {
    name: "wildcard trigger receives the concrete event name",
    source: `${fns}/run-payload-wildcard-schema/index.ts`,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "wildcard", triggers: [{ event: "demo/wild.*" }] },
        ({ event }) => event.name,
      ),
      event: { name: "demo/wild.card", data: {} },
    }),
  },
  {
    name: "waitForEvent that times out returns null",
    source: `${fns}/wait-payload-schema/index.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "wait-payload", triggers: [{ event: "demo/wait" }] },
        async ({ step }) => {
          const received = await step.waitForEvent("wait", { event: "demo/never", timeout: "1h" });
          trace(`received:${JSON.stringify(received)}`);
          return received;
        },
      ),
    }),
  },
  {
    name: "NonRetriableError inside a step fails at once",
    source: "packages/inngest/src/test/integration/retryAfterError.test.ts",
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "non-retriable", retries: 3, triggers: [{ event: "demo/nr" }] },
        async ({ step, attempt }) => {
          trace(`attempt:${attempt}`);
          await step.run("fails", () => {
            trace("step:fails");
            throw new NonRetriableError("do not retry");
          });
        },
      ),
    }),
  },
  {
    name: "RetryAfterError inside a step retries the step",
    source: "packages/inngest/src/test/integration/retryAfterError.test.ts",
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "retry-after", retries: 2, triggers: [{ event: "demo/ra" }] },
        async ({ step }) => {
          let tries = 0;
          const value = await step.run("flaky", () => {
            tries++;
            trace(`flaky:${tries}`);
            if (tries === 1) throw new RetryAfterError("later", "10s");
            return "ok";
          });
          return value;
        },
      ),
    }),
  },
];
