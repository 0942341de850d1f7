import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observeRunJob, observeServed } from "./kit";
import { executionScenarios } from "./scenarios-execution";
import { functionScenarios } from "./scenarios-functions";
import { middlewareScenarios } from "./scenarios-middleware";
import { ServeExecutor } from "./serve-executor";

const executor = new ServeExecutor();
beforeAll(() => executor.start());
afterAll(() => executor.stop());

const scenarios = [...functionScenarios, ...middlewareScenarios, ...executionScenarios];

describe("runJob against Inngest's serve() handler", () => {
  it("ports at least 100 upstream scenarios, each naming its source", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(100);
    for (const scenario of scenarios) expect(scenario.source).toMatch(/^packages\/(inngest|test)\/src\//);
  });

  it.each(scenarios.map((scenario) => [`${scenario.name} (${scenario.source})`, scenario] as const))(
    "%s",
    async (_, scenario) => {
      const served = await observeServed(executor, scenario);
      const { runLogs, ...ran } = await observeRunJob(executor, scenario);
      if (scenario.logsOnce) {
        // The SDK warns once per process: the served run, which goes first, takes the warning.
        expect(served.logs).toEqual(scenario.logsOnce);
        expect({ ...ran, logs: served.logs }).toEqual(served);
      } else {
        expect(ran).toEqual(served);
      }
      // run.logs records ctx.logger's lines, a subset of what reached the client's logger.
      expect(runLogs).toBeLessThanOrEqual(served.logs.length);
    },
  );
});
