import { z } from "zod";
import { defineEvent } from "../define-event";
import {
  currencyCodeSchema,
  emailSchema,
  idSchema,
  isoDateTimeSchema,
  minorUnitsSchema,
} from "./standard-schemas";
import { textSchema } from "./text-schema";

const userId = /* @__PURE__ */ idSchema("The subscriber's user id");
const plan = /* @__PURE__ */ textSchema(1, 100).meta({ description: "Plan id or slug, e.g. pro-monthly" });

/**
 * `trial/started`: a free trial began; starts the trial-ending reminders.
 *
 * @example A 14-day trial
 * ```ts
 * import { trialStarted } from "@jobkit/events/standard";
 *
 * const trialEndsAt = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000).toISOString();
 * const event = trialStarted.create({ userId: "usr_123", email: "ada@example.com", trialEndsAt });
 * ```
 */
export const trialStarted = /* @__PURE__ */ (() =>
  defineEvent("trial/started", {
    version: "1.0.0",
    description: "A free trial began.",
    schema: z.object({
      userId,
      email: emailSchema,
      plan: plan.optional(),
      startedAt: isoDateTimeSchema.optional(),
      trialEndsAt: isoDateTimeSchema.meta({ description: "When the trial ends (ISO 8601 date-time)" }),
    }),
    examples: [
      {
        userId: "usr_123",
        email: "ada@example.com",
        plan: "pro",
        startedAt: "2025-01-01T10:00:00Z",
        trialEndsAt: "2025-01-15T10:00:00Z",
      },
    ],
  }))();

/**
 * `subscription/activated`: a paid subscription became active (ends trial reminders).
 *
 * @example After the first successful charge
 * ```ts
 * import { subscriptionActivated } from "@jobkit/events/standard";
 *
 * const event = subscriptionActivated.create({
 *   userId: "usr_123",
 *   subscriptionId: "sub_1",
 *   plan: "pro-monthly",
 *   interval: "month",
 *   amount: 1900,
 *   currency: "USD",
 *   activatedAt: new Date().toISOString(),
 * });
 * ```
 */
export const subscriptionActivated = /* @__PURE__ */ (() =>
  defineEvent("subscription/activated", {
    version: "1.0.0",
    description: "A paid subscription became active.",
    schema: z.object({
      userId,
      subscriptionId: idSchema("The billing provider's subscription id"),
      plan,
      interval: z.enum(["day", "week", "month", "year"]).meta({ description: "Billing interval" }),
      amount: minorUnitsSchema.meta({ description: "Price per interval in minor units" }),
      currency: currencyCodeSchema,
      activatedAt: isoDateTimeSchema,
    }),
    examples: [
      {
        userId: "usr_123",
        subscriptionId: "sub_1Nq",
        plan: "pro-monthly",
        interval: "month",
        amount: 1900,
        currency: "USD",
        activatedAt: "2025-01-15T10:02:00Z",
      },
    ],
  }))();
