import { NonRetriableError } from "inngest";
import type { Kit, Scenario } from "./kit";
import { middlewareUseCaseScenarios } from "./scenarios-middleware-use-cases";

/**
 * The handler context as scenarios read it: the SDK's context plus whatever middleware adds, which the
 * SDK types per client and function and a table of scenarios cannot name.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
type LooseContext = any;

const mw = "packages/inngest/src/test/integration/middleware";
type Level = "client" | "function";
const levels: readonly Level[] = ["client", "function"];

/** A function body shape; each runs under recording middleware at client and at function level. */
interface Shape {
  readonly name: string;
  readonly hooks: string;
  readonly retries?: 0 | 1;
  readonly body: (ctx: LooseContext, kit: Kit) => Promise<unknown>;
}

const shapes: readonly Shape[] = [
  { name: "no steps", hooks: "onRunStart.test.ts", body: async () => "done" },
  { name: "1 step", hooks: "onStepStart.test.ts", body: async ({ step }) => step.run("my-step", () => "hi") },
  {
    name: "2 steps",
    hooks: "onStepComplete.test.ts",
    body: async ({ step }) => {
      await step.run("step-1", () => 1);
      return step.run("step-2", () => 2);
    },
  },
  {
    name: "function throws",
    hooks: "onRunError.test.ts",
    body: async () => {
      throw new Error("oh no");
    },
  },
  {
    name: "step error, retried once then succeeds",
    hooks: "onStepError.test.ts",
    retries: 1,
    body: async ({ step, attempt }) =>
      step.run("flaky", () => {
        if (attempt === 0) throw new Error("first attempt fails");
        return "ok";
      }),
  },
  {
    name: "uncaught step error fails the run",
    hooks: "onRunError.test.ts",
    body: async ({ step }) =>
      step.run("bad", () => {
        throw new NonRetriableError("step broke");
      }),
  },
  {
    name: "parallel steps",
    hooks: "../parallelSteps.test.ts",
    body: async ({ step }) => Promise.all([step.run("a", () => "a"), step.run("b", () => "b")]),
  },
  {
    name: "step.sendEvent",
    hooks: "wrapSendEvent.test.ts",
    body: async ({ step }) => step.sendEvent("send", { name: "app/sent", data: { n: 1 } }),
  },
  {
    name: "sleep between steps",
    hooks: "onMemoizationEnd.test.ts",
    body: async ({ step }) => {
      await step.run("before", () => 1);
      await step.sleep("nap", "1m");
      return step.run("after", () => 2);
    },
  },
  {
    name: "function throws after steps",
    hooks: "onRunError.test.ts",
    body: async ({ step }) => {
      await step.run("fine", () => 1);
      throw new NonRetriableError("after steps");
    },
  },
  {
    name: "catch and replace a step error",
    hooks: "onRunError.test.ts",
    body: async ({ step }) => {
      try {
        await step.run("bad", () => {
          throw new NonRetriableError("inner");
        });
      } catch {
        return step.run("fallback", () => "recovered");
      }
    },
  },
];

function hookScenarios(): Scenario[] {
  return levels.flatMap((level) =>
    shapes.map(
      (shape): Scenario => ({
        name: `all hooks, ${level} level: ${shape.name}`,
        source: `${mw}/hooks/${shape.hooks}`.replace("hooks/../", ""),
        build: (kit) => {
          const recorder = kit.recorder(level);
          const client = kit.client(level === "client" ? { middleware: [recorder] } : {});
          const fn = client.createFunction(
            {
              id: "hooks",
              retries: (shape.retries ?? 0) as 0,
              triggers: [{ event: "conformance/start" }],
              ...(level === "function" ? { middleware: [recorder] } : {}),
            },
            async (ctx: LooseContext) => {
              kit.trace("enter");
              return shape.body(ctx, kit);
            },
          );
          return { fn };
        },
      }),
    ),
  );
}

function twoMiddleware(): Scenario[] {
  return shapes.slice(0, 6).map((shape) => ({
    name: `all hooks fire in order with 2 middleware (client + function): ${shape.name}`,
    source: `${mw}/allHooks.test.ts`,
    build: (kit) => {
      const client = kit.client({ middleware: [kit.recorder("mw1")] });
      const fn = client.createFunction(
        {
          id: "two",
          retries: (shape.retries ?? 0) as 0,
          triggers: [{ event: "conformance/start" }],
          middleware: [kit.recorder("mw2")],
        },
        async (ctx: LooseContext) => shape.body(ctx, kit),
      );
      return { fn };
    },
  }));
}

function checkpointingOff(): Scenario[] {
  return shapes.slice(0, 5).map((shape) => ({
    name: `all hooks with checkpointing off: ${shape.name}`,
    source: `${mw}/allHooks.test.ts`,
    build: (kit) => {
      const client = kit.client({ middleware: [kit.recorder("mw")], checkpointing: false });
      const fn = client.createFunction(
        {
          id: "no-checkpointing",
          retries: (shape.retries ?? 0) as 0,
          triggers: [{ event: "conformance/start" }],
        },
        async (ctx: LooseContext) => {
          kit.trace("enter");
          return shape.body(ctx, kit);
        },
      );
      return { fn };
    },
  }));
}

/** Ported from the SDK's middleware integration tests (`src/test/integration/middleware/**`). */
export const middlewareScenarios: Scenario[] = [
  ...hookScenarios(),
  ...twoMiddleware(),
  ...checkpointingOff(),
  ...middlewareUseCaseScenarios,
];
