import type { InngestLimits } from "@jobkit/functions";
import type { StepResult } from "./op-handlers";
import { RunJobError } from "./run-job-error";
import { serializeError } from "./sdk-adapter";

type Memo =
  | { readonly id: string; readonly data: unknown }
  | { readonly id: string; readonly error: unknown };

/**
 * The run's memoized step results, as the Inngest server stores them: keyed by hashed step id, in completion
 * order, within Inngest's limits on steps per run, step output size and run state size.
 */
export class RunState {
  readonly #limits: InngestLimits;
  readonly #functionId: string;
  readonly #memos: Record<string, Memo> = {};
  readonly #order: string[] = [];
  #bytes = 0;

  constructor(functionId: string, limits: InngestLimits) {
    this.#functionId = functionId;
    this.#limits = limits;
  }

  has(hashedId: string): boolean {
    return hashedId in this.#memos;
  }

  /** The state as a request carries it: a copy, so the SDK cannot change what is stored. */
  stepState(): Record<string, Memo> {
    const copy: Record<string, Memo> = {};
    for (const id of this.#order) {
      const memo = this.#memos[id];
      if (memo) copy[id] = { ...memo };
    }
    return copy;
  }

  completionOrder(): string[] {
    return [...this.#order];
  }

  data(hashedId: string): unknown {
    const memo = this.#memos[hashedId];
    return memo && "data" in memo ? memo.data : undefined;
  }

  /** Stores a step's result as JSON (an error serialised), or throws the limit it breaks. */
  memoize(hashedId: string, result: StepResult, stepId: string): void {
    const limits = this.#limits;
    const functionId = this.#functionId;
    if (this.#order.length + 1 > limits.maxStepsPerRun) {
      throw new RunJobError(
        "limit-exceeded",
        functionId,
        `Function "${functionId}" exceeded ${limits.maxStepsPerRun} steps in one run at step "${stepId}"\n` +
          `  Inngest fails a run after ${limits.maxStepsPerRun} steps; a loop of steps probably never ends\n` +
          "  expected: fewer steps per run, e.g. fan out with step.sendEvent to one run per item",
        { stepId, limit: "maxStepsPerRun" },
      );
    }
    let memo: Memo;
    if ("data" in result) {
      const json = JSON.stringify(result.data ?? null);
      const bytes = Buffer.byteLength(json);
      if (bytes > limits.maxStepOutputBytes) {
        throw new RunJobError(
          "limit-exceeded",
          functionId,
          `Step "${stepId}" of function "${functionId}" returned ${bytes} bytes of JSON, over the ${limits.maxStepOutputBytes}-byte step output limit\n` +
            "  expected: a smaller result, e.g. store the payload elsewhere and return its key",
          { stepId, limit: "maxStepOutputBytes" },
        );
      }
      this.#bytes += bytes;
      if (this.#bytes > limits.maxRunStateBytes) {
        throw new RunJobError(
          "limit-exceeded",
          functionId,
          `Function "${functionId}" holds ${this.#bytes} bytes of step results after step "${stepId}", over the ${limits.maxRunStateBytes}-byte run state limit\n` +
            "  expected: smaller step results, e.g. return ids instead of records",
          { stepId, limit: "maxRunStateBytes" },
        );
      }
      memo = { id: hashedId, data: JSON.parse(json) as unknown };
    } else {
      memo = { id: hashedId, error: serializeError(result.error as Error) };
    }
    this.#memos[hashedId] = memo;
    this.#order.push(hashedId);
  }
}
