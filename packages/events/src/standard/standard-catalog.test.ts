import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnyEventDefinition, JsonSchema } from "../define-event";
import { EventError } from "../event-error";
import * as standard from "./index";

const { standardCatalog, wellKnownEmailTemplates } = standard;

const expectedNames = [
  "user/created",
  "user/updated",
  "user/deleted",
  "user/logged_in",
  "user/email_verified",
  "user/profile/create",
  "user/settings/initialize",
  "order/placed",
  "order/paid",
  "order/shipped",
  "order/cancelled",
  "order/refunded",
  "order/fulfillment/requested",
  "cart/abandoned",
  "cart/updated",
  "trial/started",
  "subscription/activated",
  "email/send",
  "email/sent",
  "email/failed",
  "notification/send",
  "notification/slack",
  "sms/send",
  "marketing/subscribe",
  "analytics/page_view",
  "analytics/track",
  "analytics/identify",
  "system/cleanup",
  "system/backup",
  "system/cache_invalidate",
  "system/health_check",
  "webhook/deliver",
  "webhook/delivered",
  "webhook/failed",
  "webhook/received",
];

function camelCaseExportName(eventName: string): string {
  return eventName
    .split(/[/_]/)
    .map((part, index) => (index === 0 ? part : `${part[0]?.toUpperCase()}${part.slice(1)}`))
    .join("");
}

// A JSON Schema → fast-check generator for the subset zod emits for the standard catalog. Generating
// from the JSON Schema (not from zod) also checks that the published schema agrees with the validator.
function arbitraryFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as JsonSchema[]).map(arbitraryFor));
  const min = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);
  switch (schema.type) {
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return fc.integer({
        min: min(schema.minimum, -1_000_000),
        max: Math.min(min(schema.maximum, 1e9), 1e9),
      });
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(arbitraryFor(schema.items as JsonSchema), {
        minLength: min(schema.minItems, 0),
        maxLength: Math.min(min(schema.maxItems, 4), 4),
      });
    case "object": {
      const properties = schema.properties as Record<string, JsonSchema> | undefined;
      if (properties) {
        const model = Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [key, arbitraryFor(value)]),
        );
        return fc.record(model, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
      }
      const values = schema.additionalProperties as JsonSchema | undefined;
      const valueArbitrary =
        values && Object.keys(values).length > 0 ? arbitraryFor(values) : fc.jsonValue({ maxDepth: 2 });
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), valueArbitrary, { maxKeys: 4 });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const lowerAlnum = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  minLength: 1,
  maxLength: 10,
});

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : 40;
  switch (schema.format) {
    case "email":
      return fc
        .tuple(lowerAlnum, lowerAlnum, fc.constantFrom("com", "org", "io", "co.uk"))
        .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
    case "date-time":
      return fc
        .date({
          min: new Date("2000-01-01T00:00:00Z"),
          max: new Date("2100-01-01T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString());
    case "uri":
      return fc
        .tuple(fc.constantFrom("http", "https"), lowerAlnum, fc.webSegment())
        .map(([scheme, host, path]) => `${scheme}://${host}.example.com/${encodeURIComponent(path)}`);
    case "ipv4":
      return fc.ipV4();
    case "ipv6":
      return fc
        .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
        .map((groups) => groups.map((group) => group.toString(16)).join(":"));
    case "e164":
      return fc
        .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,14}$/))
        .map(([first, rest]) => `+${first}${rest}`);
  }
  if (typeof schema.pattern === "string") {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((value) => value.length >= minLength && value.length <= maxLength);
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, 40) });
}

/** A value of the wrong JSON type for a field schema. */
function wrongTypeFor(schema: JsonSchema): unknown {
  if (Array.isArray(schema.enum)) return "not-a-member";
  switch (schema.type) {
    case "string":
      return 42;
    case "integer":
    case "number":
      return "42";
    case "array":
      return "not-an-array";
    default:
      return 42;
  }
}

function firstExample(definition: AnyEventDefinition): Record<string, unknown> {
  const example = definition.examples[0];
  if (!example) throw new Error(`${definition.name} has no example`);
  return example;
}

describe("standardCatalog", () => {
  it("holds every event the seed documents plus the webhook delivery outcomes", () => {
    expect([...standardCatalog.names].sort()).toEqual([...expectedNames].sort());
  });

  it.each(expectedNames)("exports %s by its camelCase name", (name) => {
    const exported = (standard as Record<string, unknown>)[camelCaseExportName(name)];
    expect(exported).toBe(standardCatalog.get(name as never));
  });

  it.each(expectedNames)("documents %s with a version, a description and valid examples", (name) => {
    const definition = standardCatalog.get(name as never) as AnyEventDefinition;
    expect(definition.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(definition.description?.length).toBeGreaterThan(10);
    expect(definition.examples.length).toBeGreaterThan(0);
    for (const example of definition.examples) expect(definition.safeParse(example).success).toBe(true);
  });

  it.each(expectedNames)("accepts data generated from the JSON Schema of %s", (name) => {
    const definition = standardCatalog.get(name as never) as AnyEventDefinition;
    fc.assert(
      fc.property(arbitraryFor(definition.toJSONSchema()), (data) => {
        const result = definition.safeParse(data);
        if (!result.success) throw result.error;
      }),
      { numRuns: 40 },
    );
  });

  it.each(expectedNames)("rejects %s without each required field, naming the field", (name) => {
    const definition = standardCatalog.get(name as never) as AnyEventDefinition;
    const schema = definition.toJSONSchema();
    const required = (schema.required as string[] | undefined) ?? [];
    expect(required.length).toBeGreaterThan(0);
    for (const field of required) {
      const { [field]: _removed, ...data } = firstExample(definition);
      const result = definition.safeParse(data);
      expect(result.success, `${name} without ${field}`).toBe(false);
      if (!result.success) expect(result.error.issues.map((issue) => issue.path)).toContain(`data.${field}`);
    }
  });

  it.each(expectedNames)("rejects %s with a wrongly typed required field, naming the field", (name) => {
    const definition = standardCatalog.get(name as never) as AnyEventDefinition;
    const schema = definition.toJSONSchema();
    const properties = schema.properties as Record<string, JsonSchema>;
    for (const field of (schema.required as string[] | undefined) ?? []) {
      const property = properties[field];
      if (!property) throw new Error(`${name}.${field} has no schema`);
      const data = { ...firstExample(definition), [field]: wrongTypeFor(property) };
      const result = definition.safeParse(data);
      expect(result.success, `${name} with a wrong ${field}`).toBe(false);
      if (!result.success) expect(result.error.issues[0]?.path).toBe(`data.${field}`);
    }
  });

  const mistakes: [name: string, change: Record<string, unknown>, path: string, fragment: string][] = [
    ["user/created", { email: "nope" }, "data.email", "expected an email address"],
    ["user/created", { source: "fax" }, "data.source", 'expected one of "web", "mobile", "api"'],
    ["order/placed", { amount: 49.99 }, "data.amount", "expected int"],
    ["order/placed", { amount: -1 }, "data.amount", ">=0"],
    ["order/placed", { currency: "usd" }, "data.currency", "matching /^[A-Z]{3}$/"],
    ["order/placed", { items: [] }, "data.items", ">=1"],
    [
      "order/placed",
      { items: [{ productId: "p", quantity: 0, price: 100 }] },
      "data.items.0.quantity",
      ">=1",
    ],
    [
      "order/placed",
      { shippingAddress: { line1: "1 Main St", city: "Rome", postalCode: "00100", country: "Italy" } },
      "data.shippingAddress.country",
      "matching",
    ],
    ["order/shipped", { shippedAt: "yesterday" }, "data.shippedAt", "ISO 8601 date-time"],
    ["cart/abandoned", { abandonedAt: "2025-13-01T00:00:00Z" }, "data.abandonedAt", "ISO 8601 date-time"],
    ["cart/abandoned", { cartUrl: "javascript:alert(1)" }, "data.cartUrl", "expected a URL"],
    ["trial/started", { trialEndsAt: 1735689600000 }, "data.trialEndsAt", "expected string"],
    ["subscription/activated", { interval: "fortnight" }, "data.interval", "expected one of"],
    ["email/send", { template: "Welcome Email" }, "data.template", "matching"],
    ["email/send", { to: [] }, "data.to", ">=1"],
    ["email/send", { to: ["ada@example.com", "nope"] }, "data.to.1", "expected an email address"],
    ["email/send", { to: 42 }, "data.to", "expected string or array"],
    ["email/send", { priority: "urgent" }, "data.priority", 'expected one of "high", "normal", "low"'],
    ["sms/send", { phoneNumber: "555-0123" }, "data.phoneNumber", "E.164"],
    ["marketing/subscribe", { list: "All Users" }, "data.list", "matching"],
    ["analytics/page_view", { path: "pricing" }, "data.path", "matching"],
    ["system/cleanup", { olderThanDays: 0 }, "data.olderThanDays", ">=1"],
    ["system/cleanup", { scope: "cache" }, "data.scope", "expected one of"],
    ["webhook/deliver", { secret: "whsec_123" }, "data", 'unexpected key "secret"'],
    ["webhook/deliver", { retryCount: 21 }, "data.retryCount", "<=20"],
    ["webhook/delivered", { status: 500 }, "data.status", "<=299"],
    ["webhook/failed", { attempts: 0 }, "data.attempts", ">=1"],
  ];

  it.each(mistakes)("rejects %s with %j at %s", (name, change, path, fragment) => {
    const definition = standardCatalog.get(name as never) as AnyEventDefinition;
    const result = definition.safeParse({ ...firstExample(definition), ...change });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeInstanceOf(EventError);
    expect(result.error.issues[0]?.path).toBe(path);
    expect(result.error.message).toContain(fragment);
  });

  it("never puts a webhook secret in the error message", () => {
    const result = standard.webhookDeliver.safeParse({
      ...firstExample(standard.webhookDeliver),
      secret: "whsec_do_not_log",
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).not.toContain("whsec_do_not_log");
  });

  it("accepts every well-known email template and any other slug", () => {
    for (const template of [...wellKnownEmailTemplates, "quarterly_newsletter", "order.v2"]) {
      expect(standard.emailSend.safeParse({ ...firstExample(standard.emailSend), template }).success).toBe(
        true,
      );
    }
  });

  it("publishes one JSON Schema document that ajv compiles and every example satisfies", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
    ajv.addFormat("uri", (value: string) => URL.canParse(value));
    ajv.addFormat("ipv4", /^(\d{1,3}\.){3}\d{1,3}$/);
    ajv.addFormat("ipv6", /^[0-9a-f:]+$/i);
    ajv.addFormat("e164", /^\+[1-9]\d{6,14}$/);
    const validate = ajv.compile(standardCatalog.toJSONSchema());
    for (const definition of standardCatalog.events as readonly AnyEventDefinition[]) {
      for (const data of definition.examples) {
        const event = { name: definition.name, v: definition.version, data };
        expect(validate(event), `${definition.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
    expect(validate({ name: "order/placed", data: { orderId: "o" } })).toBe(false);
    expect(validate({ name: "order/unknown", data: {} })).toBe(false);
  });

  it("renders a Markdown reference row for every event and its money fields", () => {
    const markdown = standardCatalog.toMarkdown();
    for (const name of expectedNames) expect(markdown).toContain(`| \`${name}\` | 1.0.0 |`);
    expect(markdown).toContain("| `amount` | integer ≥ 0 | yes | Order total in minor units |");
    expect(markdown).toContain("| `items[].quantity` | integer 1–100000 | yes |");
  });
});
