import { z } from "zod";
import { defineEvent } from "../define-event";
import { jsonObjectSchema, jsonValueSchema } from "./json-value-schema";
import {
  emailSchema,
  emailTemplateSchema,
  idSchema,
  isoDateTimeSchema,
  prioritySchema,
} from "./standard-schemas";
import { textSchema } from "./text-schema";

/**
 * `email/send`: ask the app's email job to render `template` with `data` and send it.
 *
 * `template` is any slug; the ones jobkit's pattern packages send are listed in `wellKnownEmailTemplates`.
 *
 * @example A welcome email
 * ```ts
 * import { emailSend } from "@jobkit/events/standard";
 *
 * const event = emailSend.create({
 *   to: "ada@example.com",
 *   template: "welcome",
 *   subject: "Welcome to Acme!",
 *   data: { firstName: "Ada" },
 *   metadata: { userId: "usr_123" },
 * });
 * ```
 */
export const emailSend = /* @__PURE__ */ (() =>
  defineEvent("email/send", {
    version: "1.0.0",
    description: "Render an email template and send it.",
    schema: z.object({
      to: z.union([emailSchema, z.array(emailSchema).min(1).max(50)]),
      template: emailTemplateSchema,
      subject: textSchema(1, 998),
      data: jsonObjectSchema.optional().meta({ description: "Template variables" }),
      metadata: z
        .object({
          userId: idSchema("User the email is about").optional(),
          orderId: idSchema("Order the email is about").optional(),
          campaignId: idSchema("Campaign the email belongs to").optional(),
        })
        .catchall(jsonValueSchema)
        .optional()
        .meta({ description: "Ids for tracking and dedupe; not rendered" }),
      priority: prioritySchema.optional(),
    }),
    examples: [
      {
        to: "ada@example.com",
        template: "welcome",
        subject: "Welcome to Acme!",
        data: { firstName: "Ada" },
        metadata: { userId: "usr_123" },
        priority: "high",
      },
      {
        to: ["ops@example.com", "finance@example.com"],
        template: "report-ready",
        subject: "Your monthly report is ready",
      },
    ],
  }))();

/**
 * `email/sent`: the email provider accepted an email.
 *
 * @example After the provider call succeeds
 * ```ts
 * import { emailSent } from "@jobkit/events/standard";
 *
 * const event = emailSent.create({
 *   to: "ada@example.com",
 *   template: "welcome",
 *   messageId: "msg_1",
 *   sentAt: new Date().toISOString(),
 * });
 * ```
 */
export const emailSent = /* @__PURE__ */ (() =>
  defineEvent("email/sent", {
    version: "1.0.0",
    description: "The email provider accepted an email.",
    schema: z.object({
      to: emailSchema,
      template: emailTemplateSchema,
      messageId: idSchema("The provider's message id"),
      sentAt: isoDateTimeSchema,
    }),
    examples: [
      { to: "ada@example.com", template: "welcome", messageId: "msg_0a1b2c", sentAt: "2025-01-31T09:30:02Z" },
    ],
  }))();

/**
 * `email/failed`: sending an email failed for good (retries exhausted or a permanent error).
 *
 * @example From the email job's failure handler
 * ```ts
 * import { emailFailed } from "@jobkit/events/standard";
 *
 * const event = emailFailed.create({
 *   to: "ada@example.com",
 *   template: "welcome",
 *   error: "mailbox unavailable",
 *   failedAt: new Date().toISOString(),
 * });
 * ```
 */
export const emailFailed = /* @__PURE__ */ (() =>
  defineEvent("email/failed", {
    version: "1.0.0",
    description: "Sending an email failed after all retries.",
    schema: z.object({
      to: emailSchema,
      template: emailTemplateSchema,
      error: textSchema(1, 2000).meta({ description: "The provider's error message" }),
      failedAt: isoDateTimeSchema,
    }),
    examples: [
      {
        to: "ada@example.com",
        template: "welcome",
        error: "550 mailbox unavailable",
        failedAt: "2025-01-31T09:35:00Z",
      },
    ],
  }))();
