import { NonRetriableError, RetryAfterError } from "inngest";
import type { Scenario } from "./kit";

const integration = "packages/inngest/src/test/integration";
const engine = "packages/inngest/src/components/execution/engine.test.ts";
const testPkg = "packages/test/src/InngestTestEngine.test.ts";

/** Ported from the SDK's execution engine tests. */
export const engineScenarios: Scenario[] = [
  {
    name: "step ids used twice are indexed",
    source: engine,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "same-id", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          const a = await step.run("same", () => "first");
          const b = await step.run("same", () => "second");
          return [a, b];
        },
      ),
    }),
  },
  {
    name: "a step returning an object keeps it as JSON",
    source: engine,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "object", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => step.run("obj", () => ({ list: [1, "two", null], flag: true })),
      ),
    }),
  },
  {
    name: "a step error caught and rethrown as NonRetriableError",
    source: engine,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "rethrow", retries: 2, triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          try {
            await step.run("bad", () => {
              throw new NonRetriableError("inner");
            });
          } catch (error) {
            throw new NonRetriableError(`outer: ${(error as Error).message}`);
          }
        },
      ),
    }),
  },
  {
    name: "RetryAfterError thrown by the function",
    source: `${integration}/retryAfterError.test.ts`,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "fn-retry-after", retries: 1, triggers: [{ event: "conformance/start" }] },
        ({ attempt }) => {
          trace(`attempt:${attempt}`);
          if (attempt === 0) throw new RetryAfterError("not yet", "5s");
          return "second time";
        },
      ),
    }),
  },
  {
    name: "step.run with input arguments",
    source: engine,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "inputs", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => step.run("add", (a: number, b: number) => a + b, 2, 3),
      ),
    }),
  },
  {
    name: "sleepUntil a past date resolves",
    source: engine,
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "sleep-until", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          trace("enter");
          await step.sleepUntil("past", new Date(0));
          return "woke";
        },
      ),
    }),
  },
];

/** Ported from @inngest/test's own tests. */
export const testEngineScenarios: Scenario[] = [
  {
    name: "@inngest/test: a function with steps returns its result",
    source: testPkg,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "t-steps", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          const a = await step.run("a", () => "A");
          const b = await step.run("b", () => "B");
          return `${a}${b}`;
        },
      ),
    }),
  },
  {
    name: "@inngest/test: an error in the function is the run's error",
    source: testPkg,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "t-error", retries: 0, triggers: [{ event: "conformance/start" }] },
        () => {
          throw new Error("test error");
        },
      ),
    }),
  },
  {
    name: "@inngest/test: the event data is the handler's",
    source: testPkg,
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "t-event", triggers: [{ event: "conformance/start" }] },
        ({ event }) => event.data,
      ),
      event: { name: "conformance/start", data: { from: "test" } },
    }),
  },
  {
    name: "@inngest/test: sleep then step",
    source: "packages/test/src/execute.test.ts",
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "t-sleep", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          trace("enter");
          await step.sleep("zzz", "1d");
          return step.run("after", () => "awake");
        },
      ),
    }),
  },
  {
    name: "@inngest/test: waitForEvent then step",
    source: "packages/test/src/waitFor.test.ts",
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "t-wait", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          trace("enter");
          const event = await step.waitForEvent("wait", { event: "conformance/other", timeout: "5m" });
          return step.run("after", () => event === null);
        },
      ),
    }),
  },
  {
    name: "@inngest/test: a step that throws once",
    source: "packages/test/src/executeStep.test.ts",
    build: ({ client, trace }) => ({
      fn: client().createFunction(
        { id: "t-throw-once", retries: 2, triggers: [{ event: "conformance/start" }] },
        async ({ step, attempt }) => {
          trace(`attempt:${attempt}`);
          return step.run("once", () => {
            if (attempt === 0) throw new Error("once");
            return "fine";
          });
        },
      ),
    }),
  },
  {
    name: "@inngest/test: sendEvent then step",
    source: "packages/test/src/execute.test.ts",
    build: ({ client }) => ({
      fn: client().createFunction(
        { id: "t-send", triggers: [{ event: "conformance/start" }] },
        async ({ step }) => {
          await step.sendEvent("notify", { name: "app/notified", data: { ok: true } });
          return step.run("after", () => "sent");
        },
      ),
    }),
  },
];
