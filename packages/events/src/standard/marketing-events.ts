import { z } from "zod";
import { defineEvent } from "../define-event";
import { emailSchema, idSchema } from "./standard-schemas";
import { textSchema } from "./text-schema";

/**
 * `marketing/subscribe`: add an email address to a mailing list (a sign-up fan-out target).
 *
 * `userId` is optional so newsletter forms can subscribe visitors without an account.
 *
 * @example Subscribe a new user to every-user news
 * ```ts
 * import { marketingSubscribe } from "@jobkit/events/standard";
 *
 * const event = marketingSubscribe.create({ userId: "usr_123", email: "ada@example.com", list: "all_users" });
 * ```
 */
export const marketingSubscribe = /* @__PURE__ */ (() =>
  defineEvent("marketing/subscribe", {
    version: "1.0.0",
    description: "Add an email address to a mailing list.",
    schema: z.object({
      userId: idSchema("The subscriber's user id, when they have an account").optional(),
      email: emailSchema,
      list: textSchema(1, 100)
        .regex(/^[a-z0-9][a-z0-9_.-]*$/)
        .meta({ description: "Mailing-list slug, e.g. all_users" }),
      source: textSchema(1, 100).optional().meta({ description: "Where the subscription came from" }),
    }),
    examples: [
      { userId: "usr_123", email: "ada@example.com", list: "all_users" },
      { email: "visitor@example.com", list: "newsletter", source: "footer-form" },
    ],
  }))();
