import { type Duration, parseDuration } from "@jobkit/functions";
import { configFailure } from "@jobkit/functions/internal";

/**
 * Checks a ready-made's list of offsets (`["7d", "3d"]`) at definition time and returns each with its
 * milliseconds; rejects an empty list when `required`, malformed durations and repeats.
 */
export function checkOffsets(
  value: unknown,
  functionId: string,
  path: string,
  required: boolean,
): readonly { readonly offset: Duration; readonly ms: number }[] {
  const refuse = configFailure(functionId);
  const fail = (where: string, received: unknown, expected: string): never =>
    refuse(where, received, expected, { example: '["7d", "3d", "1d", "0d"]' });
  if (!Array.isArray(value) || (required && value.length === 0)) {
    return fail(path, value, required ? "a non-empty list of durations" : "a list of durations");
  }
  const seen = new Map<number, number>();
  return value.map((offset: unknown, index) => {
    const ms = parseDuration(offset as Duration, { functionId, path: `${path}[${index}]`, minMs: 0 });
    const previous = seen.get(ms);
    if (previous !== undefined) {
      fail(
        `${path}[${index}]`,
        offset,
        `a duration not already in the list; ${path}[${previous}] is the same`,
      );
    }
    seen.set(ms, index);
    return { offset: offset as Duration, ms };
  });
}
