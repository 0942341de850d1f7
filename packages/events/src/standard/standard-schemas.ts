import { z } from "zod";
import { textSchema } from "./text-schema";

/**
 * Email templates the jobkit pattern packages send, so a host app can map each to its own template.
 *
 * `email/send` accepts any template slug; these are the ones jobkit itself emits.
 *
 * @example Map every template jobkit may send to a file of the app
 * ```ts
 * import { wellKnownEmailTemplates } from "@jobkit/events/standard";
 *
 * const templateFiles = new Map(wellKnownEmailTemplates.map((template) => [template, `emails/${template}.tsx`]));
 * ```
 */
export const wellKnownEmailTemplates = [
  "welcome",
  "email-verification",
  "password-reset",
  "order-confirmation",
  "order-shipped",
  "order-cancelled",
  "order-refunded",
  "cart-abandoned",
  "trial-started",
  "trial-ending",
  "trial-ended",
  "subscription-activated",
  "payment-reminder",
  "payment-failed",
  "digest",
  "drip",
  "re-engagement",
  "report-ready",
] as const;

/**
 * One of {@link wellKnownEmailTemplates}.
 */
export type WellKnownEmailTemplate = (typeof wellKnownEmailTemplates)[number];

/**
 * An email template slug: a well-known one (autocompleted) or any slug of your own.
 *
 * @example An app-specific template is accepted
 * ```ts
 * import type { EmailTemplate } from "@jobkit/events/standard";
 *
 * const known: EmailTemplate = "welcome";
 * const custom: EmailTemplate = "quarterly-newsletter";
 * ```
 */
// `string & {}` keeps the literal members visible to editors instead of collapsing into `string`.
export type EmailTemplate = WellKnownEmailTemplate | (string & {});

const templatePattern = /^[a-z0-9][a-z0-9_.-]*$/u;

/**
 * Schema of an email template slug: lower-case letters, digits, `_`, `.` and `-`, at most 100 characters.
 *
 * A string, not an enum: pattern packages and apps add templates without a new catalog version.
 *
 * @example Reuse it in an app event
 * ```ts
 * import { z } from "zod";
 * import { defineEvent } from "@jobkit/events";
 * import { emailTemplateSchema } from "@jobkit/events/standard";
 *
 * export const campaignScheduled = defineEvent("campaign/scheduled", {
 *   schema: z.object({ campaignId: z.string(), template: emailTemplateSchema }),
 * });
 * ```
 */
// The pattern admits ASCII only, so `.max()` (UTF-16 units) and `maxLength` (code points) agree here.
export const emailTemplateSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .min(1)
    .max(100)
    .regex(templatePattern)
    .meta({
      description: `Template slug; well-known: ${wellKnownEmailTemplates.join(", ")}; any other slug is allowed.`,
      examples: ["welcome", "cart-abandoned"],
    }))() as unknown as z.ZodType<EmailTemplate, EmailTemplate>;

/**
 * Schema of an ISO 8601 date-time with `Z` or a numeric offset, as `new Date().toISOString()` writes it.
 */
export const isoDateTimeSchema = /* @__PURE__ */ z.iso.datetime({ offset: true }).meta({
  description: "ISO 8601 date-time, e.g. 2025-01-31T09:30:00Z",
});

/**
 * Schema of a money amount as a non-negative integer in minor units (cents for USD, yen for JPY).
 *
 * Integers avoid floating-point rounding (`0.1 + 0.2`); paired with a currency code.
 */
export const minorUnitsSchema = /* @__PURE__ */ z.int().nonnegative().meta({
  description: "Amount in minor units of the currency (4999 = 49.99 USD)",
});

/**
 * Schema of an ISO 4217 currency code: three upper-case letters.
 */
export const currencyCodeSchema = /* @__PURE__ */ z
  .string()
  .regex(/^[A-Z]{3}$/u)
  .meta({ description: "ISO 4217 currency code, e.g. USD" });

/** An opaque identifier from the host app (database id, UUID, provider id). */
export function idSchema(description: string) {
  return textSchema(1, 256).meta({ description });
}

/**
 * Schema of one order or cart line: product, optional variant, quantity and unit price in minor units.
 */
export const lineItemSchema = /* @__PURE__ */ (() =>
  z.object({
    productId: idSchema("Product id"),
    variantId: idSchema("Product variant id (size, colour, digital/physical)").optional(),
    name: textSchema(1, 500).optional(),
    quantity: z.int().min(1).max(100_000),
    price: minorUnitsSchema.meta({ description: "Unit price in minor units" }),
  }))();

/**
 * Schema of a postal address for shipping; `country` is an ISO 3166-1 alpha-2 code.
 */
export const postalAddressSchema = /* @__PURE__ */ (() =>
  z.object({
    name: textSchema(1, 200).optional(),
    line1: textSchema(1, 200),
    line2: textSchema(0, 200).optional(),
    city: textSchema(1, 100),
    region: textSchema(0, 100).optional().meta({ description: "State, province or county" }),
    postalCode: textSchema(1, 20),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/u)
      .meta({ description: "ISO 3166-1 alpha-2 country code, e.g. US" }),
  }))();

/** Delivery priority shared by email and notification events. */
export const prioritySchema = /* @__PURE__ */ z.enum(["high", "normal", "low"]);

// Explicit patterns rather than zod's string formats: zod exports `format` keywords whose meaning differs
// from Ajv's (or, like `e164`, that Ajv does not know), so the published JSON Schema and zod disagreed.
// A `pattern` means one thing to both. The `u` flag is what JSON Schema validators use.
// Each pattern is built in a pure IIFE: a bundler cannot tell that a template's parts are strings, so a bare
// `new RegExp(`…${label}…`)` would stay in every app, used or not.
const label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const emailPattern = /* @__PURE__ */ (() =>
  new RegExp(`^[A-Za-z0-9_'+-]+(?:\\.[A-Za-z0-9_'+-]+)*@(?:${label}\\.)+[A-Za-z]{2,63}$`, "u"))();
const ipv4 =
  "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}";
const h16 = "[0-9A-Fa-f]{1,4}";
const ipv6 = /* @__PURE__ */ [
  `(?:${h16}:){7}${h16}`,
  `(?:${h16}:){1,7}:`,
  `(?:${h16}:){1,6}:${h16}`,
  `(?:${h16}:){1,5}(?::${h16}){1,2}`,
  `(?:${h16}:){1,4}(?::${h16}){1,3}`,
  `(?:${h16}:){1,3}(?::${h16}){1,4}`,
  `(?:${h16}:){1,2}(?::${h16}){1,5}`,
  `${h16}:(?::${h16}){1,6}`,
  `:(?:(?::${h16}){1,7}|:)`,
  // IPv4-embedded forms: mapped `::ffff:203.0.113.7` (what Node reports on dual-stack servers), NAT64.
  `(?:${h16}:){6}${ipv4}`,
  `::(?:[Ff]{4}(?::0{1,4})?:)?${ipv4}`,
  `(?:${h16}:){1,4}:${ipv4}`,
].join("|");
const ipAddressPattern = /* @__PURE__ */ (() => new RegExp(`^(?:${ipv4}|${ipv6})$`, "u"))();
const httpUrlPattern = /* @__PURE__ */ (() =>
  new RegExp(
    `^https?:\\/\\/(?:${label}(?:\\.${label})*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?(?:[\\/?#][\\x21-\\x7E]*)?$`,
    "u",
  ))();

/** The email address field every email-bearing event uses; no domain label starts or ends with `-`. */
export const emailSchema = /* @__PURE__ */ textSchema(3, 254)
  .regex(emailPattern, "expected an email address, e.g. ada@example.com")
  .meta({ title: "email", description: "Email address, e.g. ada@example.com" });

/** An absolute `http:` or `https:` URL written in ASCII (spaces and other characters percent-encoded). */
export const httpUrlSchema = /* @__PURE__ */ textSchema(8, 2048)
  .regex(
    httpUrlPattern,
    "expected a URL starting with http:// or https://, written in ASCII (spaces percent-encoded)",
  )
  .meta({ title: "http(s) URL" });

/** An E.164 phone number: `+`, country code and subscriber number, at most 15 digits. */
export const e164Schema = /* @__PURE__ */ z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/u, "expected an E.164 phone number, e.g. +14155550123")
  .meta({ title: "E.164 phone number" });

/** An IPv4 or IPv6 address, IPv4-mapped IPv6 included. */
export const ipAddressSchema = /* @__PURE__ */ z
  .string()
  .regex(ipAddressPattern, "expected an IPv4 or IPv6 address")
  .meta({ title: "IP address" });
