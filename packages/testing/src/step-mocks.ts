import type { Context } from "inngest";
import type { RunEvent } from "./job-run";
import type { InvokeMock, InvokeMockCall, StepMock, StepMockCall } from "./run-job-options";

type StepRunTool = (
  idOrOptions: string | { id: string },
  fn: (...args: unknown[]) => unknown,
  ...input: unknown[]
) => Promise<unknown>;

/** Runs a mock: an `Error` is thrown, a function is called, anything else is the result. */
export async function evaluateMock<TCall>(mock: unknown, call: TCall): Promise<unknown> {
  if (mock instanceof Error) throw mock;
  if (typeof mock === "function") return await (mock as (call: TCall) => unknown)(call);
  return mock;
}

function stepIdOf(idOrOptions: string | { id: string }): string {
  return typeof idOrOptions === "string" ? idOrOptions : idOrOptions.id;
}

/**
 * The `steps` and `invoke` mocks of one run: swaps mocked `step.run` callbacks before Inngest executes them
 * (so retries, `RetryAfterError` and `NonRetriableError` behave exactly as for real code), answers mocked
 * non-run steps, and remembers which mocks were used.
 */
export class StepMocks {
  readonly #steps: ReadonlyMap<string, StepMock>;
  readonly #invokes: ReadonlyMap<string, InvokeMock>;
  readonly #used = new Set<string>();
  readonly #usedInvokes = new Set<string>();

  constructor(
    steps: Readonly<Record<string, StepMock>> = {},
    invokes: Readonly<Record<string, InvokeMock>> = {},
  ) {
    this.#steps = new Map(Object.entries(steps));
    this.#invokes = new Map(Object.entries(invokes));
  }

  /** Whether a step id has a mock. */
  has(stepId: string): boolean {
    return this.#steps.has(stepId);
  }

  /** Wraps the handler context's `step.run` and `step.ai.wrap` so mocked ids run their mock. */
  transformContext = (ctx: Readonly<Context.Any>): Context.Any => {
    if (this.#steps.size === 0) return ctx as Context.Any;
    const step = ctx.step as unknown as Record<string | symbol, unknown> & {
      run: StepRunTool;
      ai: { wrap: StepRunTool } & Record<string, unknown>;
    };
    const event = ctx.event as RunEvent;
    const wrap =
      (tool: StepRunTool): StepRunTool =>
      (idOrOptions, fn, ...input) => {
        const id = stepIdOf(idOrOptions);
        if (!this.#steps.has(id)) return tool(idOrOptions, fn, ...input);
        const mock = this.#steps.get(id);
        return tool(
          idOrOptions,
          () => {
            this.#used.add(id);
            const call: StepMockCall = { id, attempt: ctx.attempt, input, event };
            return evaluateMock(mock, call);
          },
          ...input,
        );
      };
    return {
      ...ctx,
      step: { ...step, run: wrap(step.run), ai: { ...step.ai, wrap: wrap(step.ai.wrap) } },
    } as unknown as Context.Any;
  };

  /** The mock's outcome for a non-run step (`waitForEvent`, `invoke`, `ai.infer`, …) that has one. */
  async resolveStep(stepId: string, call: StepMockCall): Promise<{ data: unknown } | { error: unknown }> {
    this.#used.add(stepId);
    try {
      return { data: await evaluateMock(this.#steps.get(stepId), call) };
    } catch (error) {
      return { error };
    }
  }

  /**
   * The key of the invoke mock for an Inngest function id (`"<app>-<function>"`): the exact id, or the id
   * without the app prefix.
   */
  invokeKeyFor(functionId: string): string | undefined {
    if (this.#invokes.has(functionId)) return functionId;
    return [...this.#invokes.keys()].find((key) => functionId.endsWith(`-${key}`));
  }

  /** Answers a `step.invoke` with the mock under `key`. */
  async resolveInvoke(key: string, call: InvokeMockCall): Promise<{ data: unknown } | { error: unknown }> {
    this.#usedInvokes.add(key);
    try {
      return { data: await evaluateMock(this.#invokes.get(key), call) };
    } catch (error) {
      return { error };
    }
  }

  /** Step ids with a mock that the run never used. */
  unusedSteps(): string[] {
    return [...this.#steps.keys()].filter((id) => !this.#used.has(id));
  }

  /** Function ids with an invoke mock that the run never used. */
  unusedInvokes(): string[] {
    return [...this.#invokes.keys()].filter((id) => !this.#usedInvokes.has(id));
  }

  /** Every mocked step id. */
  stepIds(): string[] {
    return [...this.#steps.keys()];
  }
}
