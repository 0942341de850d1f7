import { defineEventFunction } from "@jobkit/functions";
import { Inngest } from "inngest";
import { describe, expectTypeOf, it } from "vitest";
import { createRunsClient, defineFailureTracker, type FunctionRun, type RunOutput } from "./index";

const report = defineEventFunction({
  id: "build-report",
  on: "report/requested",
  handler: async () => ({ rows: 3, at: new Date() }),
});
const silent = defineEventFunction({ id: "silent", on: "report/requested", handler: async () => {} });
const runs = createRunsClient({ isDev: true, appId: "shop" });

describe("typed output", () => {
  it("types output as the handler's return value after JSON", () => {
    expectTypeOf<RunOutput<typeof report>>().toEqualTypeOf<{ rows: number; at: string }>();
    expectTypeOf<RunOutput<typeof silent>>().toEqualTypeOf<null>();
    expectTypeOf<RunOutput<undefined>>().toEqualTypeOf<unknown>();
  });

  it("narrows output by status", async () => {
    const [run] = await runs.runsForEvent("01HWAVEB858VPPX47Z65GR6P6R", { definition: report });
    if (run?.status === "Completed") expectTypeOf(run.output.rows).toEqualTypeOf<number>();
    if (run?.status === "Failed") expectTypeOf(run.output).toEqualTypeOf<unknown>();
    // @ts-expect-error output is not typed until the status says Completed
    run?.output.rows;
  });

  it("types getRun and waitForRuns from the definition too", async () => {
    expectTypeOf(runs.getRun("01HWAVEB858VPPX47Z65GR6P6R", { definition: report })).resolves.toEqualTypeOf<
      FunctionRun<{ rows: number; at: string }>
    >();
    expectTypeOf(
      runs.waitForRuns("01HWAVEB858VPPX47Z65GR6P6R", { timeout: "1m", definition: report }),
    ).resolves.toEqualTypeOf<FunctionRun<{ rows: number; at: string }>[]>();
    expectTypeOf(runs.runsForEvent("01HWAVEB858VPPX47Z65GR6P6R")).resolves.toEqualTypeOf<
      FunctionRun<unknown>[]
    >();
  });

  it("types output of a registered Inngest function", async () => {
    const fn = new Inngest({ id: "shop" }).createFunction(
      { id: "count", triggers: [{ event: "report/requested" }] },
      async () => ({ count: 1 }),
    );
    const [run] = await runs.runsForEvent("01HWAVEB858VPPX47Z65GR6P6R", { definition: fn });
    if (run?.status === "Completed") expectTypeOf(run.output.count).toEqualTypeOf<number>();
  });

  it("types until() with the definition's runs", () => {
    runs.waitForRuns("01HWAVEB858VPPX47Z65GR6P6R", {
      timeout: 1000,
      definition: report,
      until: (list) => list.some((run) => run.status === "Completed" && run.output.rows > 0),
    });
    // @ts-expect-error timeout is required
    runs.waitForRuns("01HWAVEB858VPPX47Z65GR6P6R", {});
    // @ts-expect-error not a duration
    runs.waitForRuns("01HWAVEB858VPPX47Z65GR6P6R", { timeout: "soon" });
  });
});

describe("cancelRuns", () => {
  it("takes either a definition or a functionId, not both", () => {
    runs.cancelRuns({ definition: report, startedBefore: new Date() });
    runs.cancelRuns({ functionId: "shop-build-report", startedBefore: new Date() });
    // @ts-expect-error both
    runs.cancelRuns({ definition: report, functionId: "shop-build-report", startedBefore: new Date() });
    // @ts-expect-error startedBefore is required
    runs.cancelRuns({ definition: report });
  });
});

describe("defineFailureTracker", () => {
  it("types the failure and rejects unknown options", () => {
    defineFailureTracker({
      forward: (failure) => {
        expectTypeOf(failure.functionId).toEqualTypeOf<string>();
        expectTypeOf(failure.error.message).toEqualTypeOf<string>();
        expectTypeOf(failure.event.name).toEqualTypeOf<string>();
      },
      filter: (failure) => failure.runId !== "",
      retries: 2,
    });
    // @ts-expect-error unknown option
    defineFailureTracker({ forward: () => undefined, fowrard: true });
    // @ts-expect-error forward is required
    defineFailureTracker({});
  });
});
