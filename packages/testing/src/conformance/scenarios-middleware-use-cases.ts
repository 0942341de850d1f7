import { dependencyInjectionMiddleware, type InngestFunction, Middleware, NonRetriableError } from "inngest";
import type { Scenario } from "./kit";

const mw = "packages/inngest/src/test/integration/middleware";

/**
 * The handler context and hook arguments as scenarios read them: the SDK types them per client and
 * function, which a table of scenarios cannot name.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Loose = any;

function classWith(
  id: string,
  members: Record<string, (this: Loose, args: Loose) => unknown>,
): Middleware.Class {
  const Class = class extends Middleware.BaseMiddleware {
    readonly id = id;
  };
  Object.assign(Class.prototype, members);
  return Class as unknown as Middleware.Class;
}

/** Single middleware use cases ported from the SDK's hook and use-case tests. */
export const middlewareUseCaseScenarios: Scenario[] = [
  {
    name: "function-level middleware only on that function",
    source: `${mw}/functionLevel.test.ts`,
    build: (kit) => {
      const client = kit.client();
      const MW = classWith("count", { onRunStart: () => kit.trace("onRunStart") });
      return {
        fn: client.createFunction(
          { id: "fn-1", retries: 0, middleware: [MW], triggers: [{ event: "conformance/start" }] },
          ({ runId }) => typeof runId,
        ),
      };
    },
  },
  {
    name: "dependency injection at function level",
    source: `${mw}/useCases/dependencyInjection.test.ts`,
    build: (kit) => {
      const client = kit.client();
      return {
        fn: client.createFunction(
          {
            id: "di",
            triggers: [{ event: "conformance/start" }],
            middleware: [dependencyInjectionMiddleware({ db: { name: "db" } })],
          },
          (ctx: Loose) => ctx.db?.name ?? "missing",
        ),
      };
    },
  },
  {
    name: "dependency injection at client level",
    source: "packages/inngest/src/middleware/dependencyInjection.test.ts",
    build: (kit) => {
      const client = kit.client({
        middleware: [dependencyInjectionMiddleware({ db: { name: "client-db" } })],
      });
      return {
        fn: client.createFunction(
          { id: "di-client", triggers: [{ event: "conformance/start" }] },
          (ctx: Loose) => ctx.db?.name ?? "missing",
        ),
      };
    },
  },
  {
    name: "wrapRequest: throwing rejects the request",
    source: `${mw}/hooks/wrapRequest.test.ts`,
    build: (kit) => {
      const MW = classWith("throws", {
        // Async, as upstream: a synchronous throw escapes the serve handler and leaves the request hanging.
        wrapRequest: async () => {
          kit.trace("wrapRequest");
          throw new Error("request refused");
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "refused", retries: 1, triggers: [{ event: "conformance/start" }] },
          () => {
            kit.trace("enter");
            return "ran";
          },
        ),
      };
    },
  },
  {
    name: "wrapRequest: next() resolves with the response status",
    source: `${mw}/hooks/wrapRequest.test.ts`,
    build: (kit) => {
      const MW = classWith("status", {
        async wrapRequest({ next }) {
          const response = (await next()) as { status: number };
          kit.trace(`status:${response.status}`);
          return response;
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "status", triggers: [{ event: "conformance/start" }] },
          async ({ step }) => {
            await step.sleep("nap", "1s");
            return "ok";
          },
        ),
      };
    },
  },
  {
    name: "wrapRequest: multiple middleware in onion order",
    source: `${mw}/hooks/wrapRequest.test.ts`,
    build: (kit) => {
      const onion = (label: string) =>
        classWith(label, {
          async wrapRequest({ next }) {
            kit.trace(`${label}:before`);
            const result = await next();
            kit.trace(`${label}:after`);
            return result;
          },
        });
      const client = kit.client({ middleware: [onion("outer"), onion("inner")] });
      return {
        fn: client.createFunction(
          { id: "onion", middleware: [onion("fn")], triggers: [{ event: "conformance/start" }] },
          () => "ok",
        ),
      };
    },
  },
  {
    name: "wrapRequest receives the function and run id",
    source: `${mw}/hooks/wrapRequest.test.ts`,
    build: (kit) => {
      const MW = classWith("args", {
        wrapRequest({ next, fn, runId, requestInfo }) {
          kit.trace(
            `fn:${(fn as InngestFunction.Any | null)?.opts.id} run:${typeof runId} method:${requestInfo.method}`,
          );
          return next();
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction({ id: "args", triggers: [{ event: "conformance/start" }] }, () => "ok"),
      };
    },
  },
  {
    name: "transformFunctionInput modifies event data",
    source: `${mw}/hooks/transformFunctionInput.test.ts`,
    build: (kit) => {
      const MW = classWith("modify", {
        transformFunctionInput(arg) {
          return { ...arg, ctx: { ...arg.ctx, event: { ...arg.ctx.event, data: { changed: true } } } };
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "modify", triggers: [{ event: "conformance/start" }] },
          ({ event }) => event.data,
        ),
      };
    },
  },
  {
    name: "transformFunctionInput adds a ctx field at function level",
    source: `${mw}/hooks/transformFunctionInput.test.ts`,
    build: (kit) => {
      const MW = classWith("add", {
        transformFunctionInput(arg) {
          return { ...arg, ctx: { ...arg.ctx, greeting: "hi" } };
        },
      });
      const client = kit.client();
      return {
        fn: client.createFunction(
          { id: "add", middleware: [MW], triggers: [{ event: "conformance/start" }] },
          (ctx: Loose) => ctx.greeting,
        ),
      };
    },
  },
  {
    name: "wrapFunctionHandler modifies output",
    source: `${mw}/hooks/wrapFunctionHandler.test.ts`,
    build: (kit) => {
      const MW = classWith("output", {
        async wrapFunctionHandler({ next }) {
          return { wrapped: await next() };
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "output", triggers: [{ event: "conformance/start" }] },
          async ({ step }) => step.run("s", () => 1),
        ),
      };
    },
  },
  {
    name: "wrapFunctionHandler converts an error to NonRetriableError",
    source: `${mw}/hooks/wrapFunctionHandler.test.ts`,
    build: (kit) => {
      const MW = classWith("convert", {
        async wrapFunctionHandler({ next }) {
          try {
            return await next();
          } catch (error) {
            throw new NonRetriableError(`converted: ${(error as Error).message}`);
          }
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "convert", retries: 3, triggers: [{ event: "conformance/start" }] },
          ({ attempt }) => {
            kit.trace(`attempt:${attempt}`);
            throw new Error("boom");
          },
        ),
      };
    },
  },
  {
    name: "transformStepInput changes step.run input",
    source: `${mw}/hooks/transformStepInput.test.ts`,
    build: (kit) => {
      const MW = classWith("input", {
        transformStepInput(arg) {
          return { ...arg, input: [(arg.input[0] as number) * 10] };
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "input", triggers: [{ event: "conformance/start" }] },
          async ({ step }) => step.run("times", (n: number) => n + 1, 4),
        ),
      };
    },
  },
  {
    name: "wrapStepHandler changes a step's result",
    source: `${mw}/hooks/wrapStepHandler.test.ts`,
    build: (kit) => {
      const MW = classWith("result", {
        async wrapStepHandler({ next }) {
          return `${await next()}!`;
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "result", triggers: [{ event: "conformance/start" }] },
          async ({ step }) => step.run("s", () => "hey"),
        ),
      };
    },
  },
  {
    name: "wrapSendEvent can modify output",
    source: `${mw}/hooks/wrapSendEvent.test.ts`,
    build: (kit) => {
      const MW = classWith("send", {
        async wrapSendEvent({ next, events }) {
          kit.trace(`events:${events.length}`);
          const result = (await next()) as { ids: string[] };
          return { ...result, ids: result.ids.map(() => "replaced") };
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "send", triggers: [{ event: "conformance/start" }] },
          async ({ step }) =>
            step.sendEvent("send", [
              { name: "a/b", data: {} },
              { name: "a/c", data: {} },
            ]),
        ),
      };
    },
  },
  {
    name: "transformSendEvent rewrites outgoing data",
    source: `${mw}/hooks/transformSendEvent.test.ts`,
    build: (kit) => {
      const MW = classWith("rewrite", {
        transformSendEvent({ events }) {
          return {
            events: events.map((event: { name: string; data?: object }) => ({
              ...event,
              data: { ...event.data, stamped: true },
            })),
          };
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "rewrite", triggers: [{ event: "conformance/start" }] },
          async ({ step }) => step.sendEvent("send", { name: "a/b", data: { n: 1 } }),
        ),
      };
    },
  },
  {
    name: "each request gets a fresh middleware instance",
    source: `${mw}/lifecycle.test.ts`,
    build: (kit) => {
      let instances = 0;
      const MW = classWith("fresh", {
        transformFunctionInput(arg) {
          this.n = ++instances;
          kit.trace(`instance:${this.n}`);
          return arg;
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "fresh", checkpointing: false, triggers: [{ event: "conformance/start" }] },
          async ({ step }) => {
            await step.run("a", () => 1);
            return step.run("b", () => 2);
          },
        ),
      };
    },
  },
  {
    name: "async local storage context via wrapFunctionHandler",
    source: `${mw}/useCases/asyncLocalStorage.test.ts`,
    build: (kit) => {
      let current: string | undefined;
      const MW = classWith("als", {
        async wrapFunctionHandler({ next }) {
          current = "in-context";
          try {
            return await next();
          } finally {
            current = undefined;
          }
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction(
          { id: "als", triggers: [{ event: "conformance/start" }] },
          () => current ?? "none",
        ),
      };
    },
  },
  {
    name: "request headers available in ctx via middleware",
    source: `${mw}/useCases/headerToCtx.test.ts`,
    build: (kit) => {
      let seen = "";
      const MW = classWith("headers", {
        wrapRequest({ next, requestInfo }) {
          seen = typeof requestInfo.headers["x-inngest-job-id"];
          return next();
        },
      });
      const client = kit.client({ middleware: [MW] });
      return {
        fn: client.createFunction({ id: "headers", triggers: [{ event: "conformance/start" }] }, () => seen),
      };
    },
  },
];
