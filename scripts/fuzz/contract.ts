import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

// The fuzz contract every package's `*.fuzz.test.ts` checks (issue 18), written once: valid input is
// accepted; anything else is refused with the package's named error, saying what, expected and received in
// bounded length; never a bare TypeError, never prototype pollution. Imported by relative path from the
// tests (test helpers are not built or published), so a package's `tsc --noEmit` checks it too.

/** Runs per property: 200 in CI, `FUZZ_RUNS` (1 to 100 000) locally. */
export const fuzzRuns = Math.max(1, Math.min(Number(process.env.FUZZ_RUNS ?? 200) || 200, 100_000));
/** Runs per fault property, each a whole job run: an eighth of {@link fuzzRuns}. */
export const faultRuns = Math.max(1, Math.min(Math.ceil(fuzzRuns / 8), fuzzRuns));

/**
 * A loose hang guard, not a speed target: the best of `rounds` runs of `run` in milliseconds (a refusal
 * counts like an answer). Taking the best run keeps a busy machine from failing it; a hang (the
 * seconds-long name search on a 256 KiB name) is slow in every round.
 */
export async function bestTimeMs(run: () => unknown, rounds = 5): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    try {
      await run();
    } catch {
      // Refusing is fine; only the time counts here.
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** One boundary's tally, written to `coverage/fuzz/<package>.json`. */
export interface BoundaryCount {
  readonly boundary: string;
  tried: number;
  accepted: number;
  rejected: number;
  defects: number;
}

/** What one call at a boundary gave: its value, or the refusal (already checked against the contract). */
export type Attempted<TResult> = { ok: true; value: TResult } | { ok: false; error: unknown };

/** The checks of one package's fuzz file. */
export interface FuzzContract<TBoundary extends string> {
  /** Calls one boundary: accepted, or refused well; anything else (a bare TypeError, …) fails the property. */
  attempt<TResult>(
    boundary: TBoundary,
    call: () => TResult,
    accepted?: (value: TResult) => boolean,
  ): Attempted<TResult>;
  /** {@link FuzzContract.attempt} for a call that returns a promise. */
  attemptAsync<TResult>(
    boundary: TBoundary,
    call: () => Promise<TResult>,
    accepted?: (value: TResult) => boolean,
  ): Promise<Attempted<TResult>>;
  /** The tally of a boundary a test counts itself (a fault property, where every run must complete). */
  entryOf(boundary: TBoundary): BoundaryCount;
  /** Every boundary's tally; call from `afterAll`. Fails on any defect, then writes the report file. */
  writeReport(): void;
}

/**
 * The contract checks for one package: `breach` says why a thrown error is not an acceptable refusal
 * (not the package's named error, no expected/received, a message too long), or `undefined` when it is.
 */
export function fuzzContract<TBoundary extends string = string>(options: {
  readonly packageName: `@jobkit/${string}`;
  readonly breach: (error: unknown) => string | undefined;
}): FuzzContract<TBoundary> {
  const counts = new Map<string, BoundaryCount>();
  const entryOf = (boundary: string): BoundaryCount => {
    let entry = counts.get(boundary);
    if (entry === undefined) {
      entry = { boundary, tried: 0, accepted: 0, rejected: 0, defects: 0 };
      counts.set(boundary, entry);
    }
    return entry;
  };
  const countOf = (boundary: string): BoundaryCount => {
    const entry = entryOf(boundary);
    entry.tried++;
    return entry;
  };
  const settle = <TResult>(
    boundary: string,
    entry: BoundaryCount,
    outcome: Attempted<TResult>,
    accepted: ((value: TResult) => boolean) | undefined,
  ): Attempted<TResult> => {
    const breach = outcome.ok ? undefined : options.breach(outcome.error);
    const polluted = pollution();
    if (breach !== undefined || polluted !== undefined) {
      entry.defects++;
      const cause = outcome.ok ? undefined : outcome.error;
      throw new Error(`${boundary} broke its contract: ${breach ?? polluted}`, { cause });
    }
    if (!outcome.ok || (accepted !== undefined && !accepted(outcome.value))) entry.rejected++;
    else entry.accepted++;
    return outcome;
  };
  return {
    entryOf,
    attempt(boundary, call, accepted) {
      const entry = countOf(boundary);
      let outcome: Attempted<ReturnType<typeof call>>;
      try {
        outcome = { ok: true, value: call() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      return settle(boundary, entry, outcome, accepted);
    },
    async attemptAsync(boundary, call, accepted) {
      const entry = countOf(boundary);
      let outcome: Attempted<Awaited<ReturnType<typeof call>>>;
      try {
        outcome = { ok: true, value: await call() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      return settle(boundary, entry, outcome, accepted);
    },
    writeReport() {
      const boundaries = [...counts.values()].sort((left, right) =>
        left.boundary.localeCompare(right.boundary),
      );
      const defective = boundaries.filter((entry) => entry.defects > 0).map((entry) => entry.boundary);
      if (defective.length > 0) throw new Error(`fuzz defects at ${defective.join(", ")}`);
      const name = options.packageName.slice("@jobkit/".length);
      const file = join(
        dirname(fileURLToPath(import.meta.url)),
        "..",
        "..",
        "coverage",
        "fuzz",
        `${name}.json`,
      );
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify({ package: options.packageName, boundaries }, null, 2)}\n`);
      } catch {
        // A read-only checkout (some CI runners) keeps the counts in the test output only.
      }
    },
  };
}

/** Why `Object.prototype` is no longer intact, or `undefined` when it is. */
function pollution(): string | undefined {
  const probe: Record<string, unknown> = {};
  if (probe.polluted !== undefined) return "a new object has a polluted property";
  if (Object.keys(Object.prototype).length > 0) return "Object.prototype gained enumerable keys";
  if (Object.getOwnPropertyNames(Object.prototype).includes("polluted"))
    return "Object.prototype.polluted exists";
  if (Object.getPrototypeOf(probe) !== Object.prototype) return "the prototype of {} changed";
  return undefined;
}

/**
 * A refusal of a ready-made pattern package: one of `errors` (its own error and `JobError`), a message with
 * `expected: ` of at most `maxMessageLength` characters, and a `received` of at most 200.
 */
export function boundedRefusal(
  errors: readonly (abstract new (...args: never[]) => Error)[],
  maxMessageLength = 2000,
): (error: unknown) => string | undefined {
  return (error) => {
    if (!errors.some((named) => error instanceof named)) {
      return `not a named error: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error}`;
    }
    const { message, received } = error as Error & { received?: unknown };
    if (!message.includes("expected: ")) return "no expected: line";
    if (message.length > maxMessageLength) return `a message of ${message.length} characters`;
    if (typeof received !== "string" || received.length > 200)
      return "no received, or one over 200 characters";
    return undefined;
  };
}

/** Values of every kind, hostile ones included: huge strings, BigInt, symbols, `__proto__` keys, cycles. */
export function hostileValues(options: { readonly dates?: boolean } = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({
      withBigInt: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      ...(options.dates ? { withDate: true } : {}),
    }),
    fc.constantFrom(
      JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      Object.create(null) as unknown,
      "x".repeat(262_144),
      Symbol("option"),
      Number.NaN,
      ...(options.dates ? [new Date(Number.NaN)] : []),
      -1,
      1e21,
      (() => {
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        return cycle;
      })(),
    ),
  );
}

/** An options object whose keys are each valid or (rarely) `hostile`, sometimes with a misspelt extra. */
export function optionsFrom(
  hostile: fc.Arbitrary<unknown>,
  valid: Record<string, fc.Arbitrary<unknown>>,
  required: readonly string[] = [],
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([key, arbitrary]) => [
      key,
      fc.oneof({ weight: 12, arbitrary }, { weight: 1, arbitrary: hostile }),
    ]),
  );
  return fc
    .tuple(
      fc.oneof(fc.record(fields, { requiredKeys: [...required] }), fc.record(fields, { requiredKeys: [] })),
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), hostile) },
      ),
    )
    .map(([options, extra]) => (extra === undefined ? options : { ...options, [extra[0]]: extra[1] }));
}

/**
 * What a ready-made pattern package's fuzz file sets up: its contract (refusals are `errors`, see
 * {@link boundedRefusal}), its hostile values, {@link optionsFrom} bound to them, and `attempt`, which calls one
 * boundary under the contract and says whether the call was accepted or refused well.
 */
export function patternFuzz(options: {
  readonly packageName: `@jobkit/${string}`;
  readonly errors: readonly (abstract new (...args: never[]) => Error)[];
  readonly dates?: boolean;
}) {
  const contract = fuzzContract({ packageName: options.packageName, breach: boundedRefusal(options.errors) });
  const hostile = hostileValues({ dates: options.dates });
  return {
    contract,
    hostile,
    optionsFrom: (valid: Record<string, fc.Arbitrary<unknown>>, required: readonly string[] = []) =>
      optionsFrom(hostile, valid, required),
    attempt: (boundary: string, call: () => unknown): "accepted" | "rejected" =>
      contract.attempt(boundary, call).ok ? "accepted" : "rejected",
  };
}
