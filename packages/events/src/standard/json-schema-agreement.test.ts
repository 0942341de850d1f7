import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnyEventDefinition, JsonSchema } from "../define-event";
import { standardCatalog } from "./index";

// issue 17: the exported JSON Schema means what zod checks. Ajv in strict 2020-12 mode with ajv-formats is
// the reference validator; for every standard event, generated payloads (valid ones and mutated ones) get
// the same verdict from both. 1000 cases per event by default, FUZZ_RUNS for more.
const runs = Math.max(1000, Number(process.env.FUZZ_RUNS) || 0);

function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const definitions = standardCatalog.events as readonly AnyEventDefinition[];
const codePoints = (value: string) => [...value].length;

// Strings that sit on the edges where validators part ways: schemes, spaces, mapped IPv6, hyphenated
// domain labels, astral characters (UTF-16 length ≠ code points), lone surrogates, dates.
const trickyStrings = [
  "",
  " ",
  "javascript:alert(1)",
  "https://h/a b",
  "https://h/a%20b",
  "http://[::1]:8080/x",
  "https://exa mple.com",
  "https://example.com/ä",
  "ftp://example.com",
  "::ffff:203.0.113.7",
  "::ffff:0:203.0.113.7",
  "64:ff9b::192.0.2.33",
  "fe80::1%eth0",
  "256.1.1.1",
  "01.2.3.4",
  "ada@example-.com",
  "ada@-example.com",
  "ada@example.com",
  "ada.lovelace+tag@sub.example.co.uk",
  "ada..x@example.com",
  "+14155550123",
  "+0123456789",
  "+1415555012345678",
  "2025-01-31T09:30:00Z",
  "2025-02-29T09:30:00Z",
  "2024-02-29T23:59:60Z",
  "2025-01-31T09:30:00",
  "2025-01-31 09:30:00Z",
  "😀",
  "😀".repeat(60),
  "\ud800",
  "welcome",
  "Welcome",
  "/pricing",
  "USD",
  "usd",
];

const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const quickStrings: Record<string, fc.Arbitrary<string>> = {
  email: fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9_'+-]{1,10}(?:\.[a-z0-9]{1,5})?$/),
      fc.array(hostLabel, { minLength: 1, maxLength: 3 }),
      fc.constantFrom("com", "org", "io", "uk"),
    )
    .map(([local, labels, tld]) => `${local}@${labels.join(".")}.${tld}`),
  "http(s) URL": fc
    .tuple(
      fc.constantFrom("http", "https"),
      fc.array(hostLabel, { minLength: 1, maxLength: 3 }),
      fc.webPath(),
      fc.webQueryParameters(),
    )
    .map(
      ([scheme, labels, path, query]) => `${scheme}://${labels.join(".")}${path}${query ? `?${query}` : ""}`,
    ),
  "IP address": fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4().map((ip) => `::ffff:${ip}`),
  ),
  "date-time": fc
    .date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("2200-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
};

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : 64;
  const fits = (value: string) => codePoints(value) >= minLength && codePoints(value) <= maxLength;
  if (typeof schema.pattern === "string") {
    // fc.stringMatching explores the whole pattern but costs ~1.5 ms a sample on the long ones; quick
    // realistic generators carry most of the runs.
    const matching = fc.stringMatching(new RegExp(schema.pattern, "u")).filter(fits);
    const quick = quickStrings[String(schema.title ?? schema.format)];
    return quick
      ? fc.oneof({ weight: 4, arbitrary: quick.filter(fits) }, { weight: 1, arbitrary: matching })
      : matching;
  }
  const short = Math.min(maxLength, 40);
  return fc.oneof(
    fc.string({ minLength, maxLength: short }),
    fc.string({ unit: "binary", minLength, maxLength: short }),
    // The boundary, in astral characters: two UTF-16 units each, one code point.
    fc.constant("😀".repeat(Math.max(minLength, Math.min(maxLength, 200)))),
  );
}

/** Valid data generated from a JSON Schema (the subset zod emits for the standard catalog). */
function validFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as JsonSchema[]).map(validFor));
  const bound = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);
  switch (schema.type) {
    case "string":
      return stringArbitrary(schema);
    case "integer": {
      const min = bound(schema.minimum, -1_000_000);
      const max = Math.min(bound(schema.maximum, 1e12), Number.MAX_SAFE_INTEGER);
      return fc.oneof(
        fc.integer({ min: Math.max(min, -2e9), max: Math.min(max, 2e9) }),
        fc.constantFrom(min, max),
      );
    }
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(validFor(schema.items as JsonSchema), {
        minLength: bound(schema.minItems, 0),
        maxLength: Math.min(bound(schema.maxItems, 3), 3),
      });
    case "object": {
      const properties = schema.properties as Record<string, JsonSchema> | undefined;
      const model = Object.fromEntries(
        Object.entries(properties ?? {}).map(([key, value]) => [key, validFor(value)]),
      );
      const fixed = fc.record(model, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
      const extra = schema.additionalProperties;
      if (extra === false) return fixed;
      const values = typeof extra === "object" && extra !== null && Object.keys(extra).length > 0;
      const extras = fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !(key in model)),
        values ? validFor(extra as JsonSchema) : fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 3 },
      );
      return fc.tuple(fixed, extras).map(([known, more]) => ({ ...more, ...known }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...trickyStrings),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1.5, 21, 100_001, 2 ** 53, 1e308, null, true, [], {}),
  fc.string({ unit: "binary", maxLength: 20 }),
);

type Mutation =
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "none" };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: "none" }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: replacement }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
);

/** Every container/key pair in a value, to pick the spot a mutation lands on. */
function slots(value: unknown, found: [Record<PropertyKey, unknown>, PropertyKey][] = []) {
  if (typeof value !== "object" || value === null) return found;
  for (const key of Object.keys(value)) {
    const container = value as Record<PropertyKey, unknown>;
    found.push([container, Array.isArray(value) ? Number(key) : key]);
    slots(container[key], found);
  }
  return found;
}

function mutate(valid: unknown, change: Mutation): unknown {
  const copy = structuredClone(valid);
  const all = slots(copy);
  if (change.kind === "none" || all.length === 0) return copy;
  const [container, key] = all[change.at % all.length] as [Record<PropertyKey, unknown>, PropertyKey];
  if (change.kind === "replace") container[key] = change.value;
  else if (Array.isArray(container)) container.splice(Number(key), 1);
  else delete container[key];
  return copy;
}

describe("JSON Schema export of the standard catalog", () => {
  it("compiles the whole catalog in Ajv strict 2020-12 mode with ajv-formats", () => {
    const ajv = strictAjv();
    const validate = ajv.compile(standardCatalog.toJSONSchema());
    for (const definition of definitions) {
      for (const data of definition.examples) {
        const event = { name: definition.name, v: definition.version, data };
        expect(validate(event), `${definition.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    "gives the same verdict as zod for generated and mutated %s data",
    (_name, definition) => {
      const validate = strictAjv().compile(definition.toJSONSchema());
      let accepted = 0;
      fc.assert(
        fc.property(validFor(definition.toJSONSchema()), mutation, (valid, change) => {
          const data = mutate(valid, change);
          const byZod = definition.safeParse(data).success;
          const bySchema = validate(data);
          if (byZod) accepted++;
          expect(bySchema, `${JSON.stringify(data)}: zod ${byZod ? "accepts" : "refuses"}`).toBe(byZod);
        }),
        { numRuns: runs },
      );
      // The generator reaches both verdicts, so agreement is not the trivial "both refuse everything".
      expect(accepted).toBeGreaterThan(runs / 10);
      expect(accepted).toBeLessThan(runs);
    },
  );

  const byZodAndSchema = (name: string, field: string, value: unknown) => {
    const definition = standardCatalog.get(name as never) as AnyEventDefinition;
    const data = { ...(definition.examples[0] as Record<string, unknown>), [field]: value };
    const validate = strictAjv().compile(definition.toJSONSchema());
    return [definition.safeParse(data).success, validate(data)];
  };

  it.each([
    ["sms/send", "phoneNumber", "+14155550123", true],
    ["sms/send", "phoneNumber", "555-0123", false],
    ["cart/abandoned", "cartUrl", "javascript:alert(1)", false],
    ["cart/abandoned", "cartUrl", "https://h/a b", false],
    ["cart/abandoned", "cartUrl", "https://h/a%20b", true],
    ["analytics/page_view", "ipAddress", "::ffff:203.0.113.7", true],
    ["analytics/page_view", "ipAddress", "203.0.113.7", true],
    ["analytics/page_view", "ipAddress", "2001:db8::1", true],
    ["user/created", "email", "ada@example-.com", false],
    ["user/created", "email", "ada@example.com", true],
  ])("%s.%s = %j: zod and the JSON Schema both say %s", (name, field, value, verdict) => {
    expect(byZodAndSchema(name, field, value)).toEqual([verdict, verdict]);
  });
});
