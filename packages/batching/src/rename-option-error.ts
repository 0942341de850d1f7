import { JobError } from "@jobkit/functions";

/**
 * Rewrites a `JobError` about option `from` (or one of its fields) to name the option the user
 * actually wrote, `to`, keeping received, expected, example and detail lines, plus `extraDetails`; the
 * original error becomes the `cause`. Other errors are returned unchanged.
 */
export function renameOptionError(
  error: unknown,
  from: string,
  to: string,
  extraDetails: (error: JobError) => readonly string[] = () => [],
): unknown {
  if (!(error instanceof JobError)) return error;
  if (error.path !== from && !error.path.startsWith(`${from}.`)) return error;
  const lines = error.message.split("\n");
  const expectedLine = lines.at(-1) ?? "";
  const examplePrefix = `  expected: ${error.expected}, e.g. `;
  const example = expectedLine.startsWith(examplePrefix)
    ? expectedLine.slice(examplePrefix.length)
    : undefined;
  return new JobError(
    {
      functionId: error.functionId,
      path: `${to}${error.path.slice(from.length)}`,
      received: error.received,
      expected: error.expected,
      ...(example === undefined ? {} : { example }),
      details: [...lines.slice(1, -1).map((line) => line.trim()), ...extraDetails(error)],
    },
    { cause: error },
  );
}
