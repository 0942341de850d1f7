import { z } from "zod";

/** Length in Unicode code points, the way JSON Schema's `minLength`/`maxLength` count. */
function codePointLength(value: string): number {
  let length = 0;
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    length++;
  }
  return length;
}

/**
 * A string of `min` to `max` characters counted as JSON Schema counts them (code points), so the exported
 * `minLength`/`maxLength` mean exactly what zod checks: `z.string().max(n)` counts UTF-16 units and would
 * refuse 60 emoji under a limit of 100 that the JSON Schema accepts.
 */
export function textSchema(min: number, max: number) {
  const expected = min === 0 ? `at most ${max} characters` : `${min} to ${max} characters`;
  return z
    .string()
    .refine(
      (value) => {
        // Every code point is one or two UTF-16 units: most strings are decided without counting.
        if (value.length <= max && value.length >= min * 2) return true;
        const length = codePointLength(value);
        return length >= min && length <= max;
      },
      { message: `expected ${expected}` },
    )
    .meta({ ...(min > 0 ? { minLength: min } : {}), maxLength: max });
}
