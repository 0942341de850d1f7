import { z } from "zod";

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
 *
 * @example Subjects for the templates jobkit sends
 * ```ts
 * import type { WellKnownEmailTemplate } from "@jobkit/events/standard";
 *
 * const subjects: Partial<Record<WellKnownEmailTemplate, string>> = { welcome: "Welcome to Acme!" };
 * ```
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

const templatePattern = /^[a-z0-9][a-z0-9_.-]*$/;

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
export const emailTemplateSchema = z
  .string()
  .max(100)
  .regex(templatePattern)
  .meta({
    description: `Template slug; well-known: ${wellKnownEmailTemplates.join(", ")}; any other slug is allowed.`,
    examples: ["welcome", "cart-abandoned"],
  }) as unknown as z.ZodType<EmailTemplate, EmailTemplate>;

/**
 * Schema of an ISO 8601 date-time with `Z` or a numeric offset, as `new Date().toISOString()` writes it.
 *
 * @example Validate a timestamp
 * ```ts
 * import { isoDateTimeSchema } from "@jobkit/events/standard";
 *
 * isoDateTimeSchema.parse("2025-01-31T09:30:00Z");
 * ```
 */
export const isoDateTimeSchema = z.iso.datetime({ offset: true }).meta({
  description: "ISO 8601 date-time, e.g. 2025-01-31T09:30:00Z",
});

/**
 * Schema of a money amount as a non-negative integer in minor units (cents for USD, yen for JPY).
 *
 * Integers avoid floating-point rounding (`0.1 + 0.2`); pair it with {@link currencyCodeSchema}.
 *
 * @example 49.99 USD
 * ```ts
 * import { currencyCodeSchema, minorUnitsSchema } from "@jobkit/events/standard";
 *
 * const amount = minorUnitsSchema.parse(4999);
 * const currency = currencyCodeSchema.parse("USD");
 * ```
 */
export const minorUnitsSchema = z.int().nonnegative().meta({
  description: "Amount in minor units of the currency (4999 = 49.99 USD)",
});

/**
 * Schema of an ISO 4217 currency code: three upper-case letters.
 *
 * @example Parse a currency
 * ```ts
 * import { currencyCodeSchema } from "@jobkit/events/standard";
 *
 * currencyCodeSchema.parse("EUR");
 * ```
 */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: "ISO 4217 currency code, e.g. USD" });

/** An opaque identifier from the host app (database id, UUID, provider id). */
export function idSchema(description: string) {
  return z.string().min(1).max(256).meta({ description });
}

/**
 * Schema of one order or cart line: product, optional variant, quantity and unit price in minor units.
 *
 * @example A line item
 * ```ts
 * import { lineItemSchema } from "@jobkit/events/standard";
 *
 * lineItemSchema.parse({ productId: "prod_1", quantity: 2, price: 1299 });
 * ```
 */
export const lineItemSchema = z.object({
  productId: idSchema("Product id"),
  variantId: idSchema("Product variant id (size, colour, digital/physical)").optional(),
  name: z.string().min(1).max(500).optional(),
  quantity: z.int().min(1).max(100_000),
  price: minorUnitsSchema.meta({ description: "Unit price in minor units" }),
});

/**
 * Schema of a postal address for shipping; `country` is an ISO 3166-1 alpha-2 code.
 *
 * @example A shipping address
 * ```ts
 * import { postalAddressSchema } from "@jobkit/events/standard";
 *
 * postalAddressSchema.parse({ line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" });
 * ```
 */
export const postalAddressSchema = z.object({
  name: z.string().min(1).max(200).optional(),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  region: z.string().max(100).optional().meta({ description: "State, province or county" }),
  postalCode: z.string().min(1).max(20),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .meta({ description: "ISO 3166-1 alpha-2 country code, e.g. US" }),
});

/** Free-form JSON object data (metadata, traits, properties). */
export const jsonObjectSchema = z.record(z.string(), z.unknown());

/** Delivery priority shared by email and notification events. */
export const prioritySchema = z.enum(["high", "normal", "low"]);

/** The email address field every email-bearing event uses. */
export const emailSchema = z.email();

/** An HTTP(S) URL. */
export const httpUrlSchema = z.url({ protocol: /^https?$/ });
