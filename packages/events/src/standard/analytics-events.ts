import { z } from "zod";
import { defineEvent } from "../define-event";
import { jsonObjectSchema } from "./json-value-schema";
import { idSchema, ipAddressSchema, isoDateTimeSchema } from "./standard-schemas";
import { textSchema } from "./text-schema";

const optionalUserId = /* @__PURE__ */ idSchema(
  "The signed-in user's id; absent for anonymous visitors",
).optional();
const anonymousId = /* @__PURE__ */ idSchema(
  "A stable id for an anonymous visitor (cookie or device id)",
).optional();

/**
 * `analytics/page_view`: a page was viewed (batched into the analytics store).
 *
 * @example From a page middleware
 * ```ts
 * import { analyticsPageView } from "@jobkit/events/standard";
 *
 * const event = analyticsPageView.create({ path: "/pricing", timestamp: new Date().toISOString() });
 * ```
 */
export const analyticsPageView = /* @__PURE__ */ (() =>
  defineEvent("analytics/page_view", {
    version: "1.0.0",
    description: "A page was viewed.",
    schema: z.object({
      userId: optionalUserId,
      anonymousId,
      path: textSchema(1, 2048)
        .regex(/^\//)
        .meta({ description: "URL path starting with /, without origin" }),
      referrer: textSchema(0, 2048).optional(),
      userAgent: textSchema(0, 1000).optional(),
      ipAddress: ipAddressSchema.optional(),
      timestamp: isoDateTimeSchema,
    }),
    examples: [
      {
        userId: "usr_123",
        path: "/pricing",
        referrer: "https://www.example.org/blog",
        timestamp: "2025-01-31T09:30:00Z",
      },
    ],
  }))();

/**
 * `analytics/track`: a named product event happened (`order_processed`, `report_exported`, …).
 *
 * @example Track a processed order
 * ```ts
 * import { analyticsTrack } from "@jobkit/events/standard";
 *
 * const event = analyticsTrack.create({
 *   userId: "usr_123",
 *   event: "order_processed",
 *   properties: { orderId: "ord_1", amount: 4999 },
 *   timestamp: new Date().toISOString(),
 * });
 * ```
 */
export const analyticsTrack = /* @__PURE__ */ (() =>
  defineEvent("analytics/track", {
    version: "1.0.0",
    description: "A named product analytics event happened.",
    schema: z.object({
      userId: optionalUserId,
      anonymousId,
      event: textSchema(1, 128).meta({ description: "Analytics event name, e.g. order_processed" }),
      properties: jsonObjectSchema.optional(),
      timestamp: isoDateTimeSchema,
    }),
    examples: [
      {
        userId: "usr_123",
        event: "order_processed",
        properties: { orderId: "ord_1001", amount: 4997, itemCount: 2 },
        timestamp: "2025-01-31T09:32:00Z",
      },
    ],
  }))();

/**
 * `analytics/identify`: attach traits to a user in the analytics store.
 *
 * @example After sign-up
 * ```ts
 * import { analyticsIdentify } from "@jobkit/events/standard";
 *
 * const event = analyticsIdentify.create({
 *   userId: "usr_123",
 *   traits: { plan: "pro" },
 *   timestamp: new Date().toISOString(),
 * });
 * ```
 */
export const analyticsIdentify = /* @__PURE__ */ (() =>
  defineEvent("analytics/identify", {
    version: "1.0.0",
    description: "Attach traits to a user in the analytics store.",
    schema: z.object({
      userId: idSchema("The user's id"),
      anonymousId,
      traits: jsonObjectSchema.meta({ description: "User traits, e.g. plan, company" }),
      timestamp: isoDateTimeSchema,
    }),
    examples: [
      { userId: "usr_123", traits: { plan: "pro", company: "Acme" }, timestamp: "2025-01-31T09:30:05Z" },
    ],
  }))();
