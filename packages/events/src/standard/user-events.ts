import { z } from "zod";
import { defineEvent } from "../define-event";
import { jsonObjectSchema } from "./json-value-schema";
import { emailSchema, idSchema, ipAddressSchema } from "./standard-schemas";
import { textSchema } from "./text-schema";

const userId = /* @__PURE__ */ idSchema("The user's id in the host app");

/**
 * `user/created`: a user account was created (sign-up, invitation accepted, admin-created).
 *
 * @example Send it after sign-up
 * ```ts
 * import { userCreated } from "@jobkit/events/standard";
 *
 * const event = userCreated.create({ userId: "usr_123", email: "ada@example.com", source: "web" });
 * // await inngest.send(event);
 * ```
 */
export const userCreated = /* @__PURE__ */ (() =>
  defineEvent("user/created", {
    version: "1.0.0",
    description: "A user account was created.",
    schema: z.object({
      userId,
      email: emailSchema,
      name: textSchema(1, 200).optional(),
      source: z.enum(["web", "mobile", "api"]).optional().meta({ description: "Where the user signed up" }),
      metadata: jsonObjectSchema.optional(),
    }),
    examples: [
      { userId: "usr_123", email: "ada@example.com", name: "Ada Lovelace", source: "web" },
      { userId: "usr_124", email: "grace@example.com" },
    ],
  }))();

/**
 * `user/updated`: fields of a user account changed.
 *
 * @example Report an email change
 * ```ts
 * import { userUpdated } from "@jobkit/events/standard";
 *
 * const event = userUpdated.create({ userId: "usr_123", updates: { name: "Ada King" } });
 * ```
 */
export const userUpdated = /* @__PURE__ */ (() =>
  defineEvent("user/updated", {
    version: "1.0.0",
    description: "Fields of a user account changed; `updates` holds the new values.",
    schema: z.object({
      userId,
      updates: jsonObjectSchema.meta({ description: "Changed fields and their new values" }),
      previousData: jsonObjectSchema.optional().meta({ description: "The same fields before the change" }),
    }),
    examples: [{ userId: "usr_123", updates: { name: "Ada King" }, previousData: { name: "Ada Lovelace" } }],
  }))();

/**
 * `user/deleted`: a user account was deleted; clean up the user's data.
 *
 * @example Delete on request
 * ```ts
 * import { userDeleted } from "@jobkit/events/standard";
 *
 * const event = userDeleted.create({ userId: "usr_123", reason: "user_request" });
 * ```
 */
export const userDeleted = /* @__PURE__ */ (() =>
  defineEvent("user/deleted", {
    version: "1.0.0",
    description: "A user account was deleted.",
    schema: z.object({
      userId,
      email: emailSchema.optional(),
      reason: textSchema(1, 500).optional(),
    }),
    examples: [{ userId: "usr_123", email: "ada@example.com", reason: "user_request" }],
  }))();

/**
 * `user/logged_in`: a user signed in.
 *
 * @example Record a sign-in
 * ```ts
 * import { userLoggedIn } from "@jobkit/events/standard";
 *
 * const event = userLoggedIn.create({ userId: "usr_123", email: "ada@example.com", ipAddress: "203.0.113.7" });
 * ```
 */
export const userLoggedIn = /* @__PURE__ */ (() =>
  defineEvent("user/logged_in", {
    version: "1.0.0",
    description: "A user signed in.",
    schema: z.object({
      userId,
      email: emailSchema,
      ipAddress: ipAddressSchema.optional(),
      userAgent: textSchema(0, 1000).optional(),
    }),
    examples: [
      {
        userId: "usr_123",
        email: "ada@example.com",
        ipAddress: "203.0.113.7",
        userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)",
      },
    ],
  }))();

/**
 * `user/email_verified`: a user confirmed their email address.
 *
 * @example After the verification link is opened
 * ```ts
 * import { userEmailVerified } from "@jobkit/events/standard";
 *
 * const event = userEmailVerified.create({ userId: "usr_123", email: "ada@example.com" });
 * ```
 */
export const userEmailVerified = /* @__PURE__ */ (() =>
  defineEvent("user/email_verified", {
    version: "1.0.0",
    description: "A user confirmed their email address.",
    schema: z.object({ userId, email: emailSchema }),
    examples: [{ userId: "usr_123", email: "ada@example.com" }],
  }))();

/**
 * `user/profile/create`: create the profile record of a new user (a sign-up fan-out target).
 *
 * @example Fan out from sign-up
 * ```ts
 * import { userProfileCreate } from "@jobkit/events/standard";
 *
 * const event = userProfileCreate.create({ userId: "usr_123", email: "ada@example.com" });
 * ```
 */
export const userProfileCreate = /* @__PURE__ */ (() =>
  defineEvent("user/profile/create", {
    version: "1.0.0",
    description: "Create the profile record of a new user.",
    schema: z.object({
      userId,
      email: emailSchema,
      name: textSchema(1, 200).optional(),
    }),
    examples: [{ userId: "usr_123", email: "ada@example.com", name: "Ada Lovelace" }],
  }))();

/**
 * `user/settings/initialize`: write the default settings of a new user (a sign-up fan-out target).
 *
 * @example With the browser's locale and time zone
 * ```ts
 * import { userSettingsInitialize } from "@jobkit/events/standard";
 *
 * const event = userSettingsInitialize.create({ userId: "usr_123", locale: "en-GB", timeZone: "Europe/London" });
 * ```
 */
export const userSettingsInitialize = /* @__PURE__ */ (() =>
  defineEvent("user/settings/initialize", {
    version: "1.0.0",
    description: "Write the default settings of a new user.",
    schema: z.object({
      userId,
      locale: textSchema(2, 35).optional().meta({ description: "BCP 47 language tag, e.g. en-GB" }),
      timeZone: textSchema(1, 64).optional().meta({ description: "IANA time zone, e.g. Europe/Rome" }),
    }),
    examples: [{ userId: "usr_123" }, { userId: "usr_124", locale: "it-IT", timeZone: "Europe/Rome" }],
  }))();
