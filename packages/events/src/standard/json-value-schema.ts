import type { JsonValue } from "type-fest";
import { z } from "zod";
import { findNonJson } from "../internal/find-non-json";

/**
 * Schema of any JSON value (type-fest's `JsonValue`): refuses what `JSON.stringify` would drop, change or
 * choke on — BigInt, cycles, `Date`, `NaN`/`Infinity`, `undefined`, functions, `Map` and other class
 * instances, symbol keys, nesting deeper than 1000 levels — and names the path. Its JSON Schema is `{}`,
 * which is exactly "any JSON value".
 *
 * @example A free-form field in an app event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { jsonValueSchema } from "@jobkit/events/standard";
 *
 * export const auditRecorded = defineEvent("audit/recorded", {
 *   schema: z.object({ action: z.string(), details: z.record(z.string(), jsonValueSchema) }),
 * });
 * ```
 */
export const jsonValueSchema = /* @__PURE__ */ z.unknown().superRefine((value, context) => {
  const problem = findNonJson(value);
  if (problem) {
    const message = `${problem.received} is not JSON; expected ${problem.expected}`;
    context.addIssue({ code: "custom", message, path: [...problem.path] });
  }
}) as unknown as z.ZodType<JsonValue, JsonValue>;

/** Free-form JSON object data (metadata, traits, properties, webhook payloads). */
export const jsonObjectSchema = /* @__PURE__ */ (() => z.record(z.string(), jsonValueSchema))();
