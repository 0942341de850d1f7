import { JobError } from "@jobkit/functions";

/** Throws a `JobError` for the first option name not in `known`, so a misspelt option is not ignored. */
export function checkKnownOptions(functionId: string, options: object, known: readonly string[]): void {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown === undefined) return;
  const close = known.find((candidate) => candidate.toLowerCase() === unknown.toLowerCase());
  throw new JobError({
    functionId,
    path: unknown,
    received: JSON.stringify(unknown),
    expected: close === undefined ? `one of ${known.join(", ")}` : `a known option; did you mean "${close}"?`,
  });
}
