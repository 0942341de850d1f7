import { z } from "zod";
import { defineEvent } from "../define-event";
import { jsonObjectSchema } from "./json-value-schema";
import { e164Schema, idSchema, prioritySchema } from "./standard-schemas";
import { textSchema } from "./text-schema";

/**
 * `notification/send`: show a push or in-app notification to a user (batched into digests).
 *
 * @example Notify about a new comment
 * ```ts
 * import { notificationSend } from "@jobkit/events/standard";
 *
 * const event = notificationSend.create({ userId: "usr_123", title: "New comment", body: "Grace replied." });
 * ```
 */
export const notificationSend = /* @__PURE__ */ (() =>
  defineEvent("notification/send", {
    version: "1.0.0",
    description: "Show a push or in-app notification to a user.",
    schema: z.object({
      userId: idSchema("The recipient's user id"),
      title: textSchema(1, 200),
      body: textSchema(1, 4000),
      data: jsonObjectSchema.optional().meta({ description: "Payload for the client app (deep link, ids)" }),
      priority: prioritySchema.optional(),
    }),
    examples: [
      {
        userId: "usr_123",
        title: "New comment",
        body: "Grace replied to your post.",
        data: { postId: "post_9" },
        priority: "normal",
      },
    ],
  }))();

/**
 * `notification/slack`: post a message to a Slack channel (ops alerts, new sign-ups).
 *
 * @example Announce a sign-up
 * ```ts
 * import { notificationSlack } from "@jobkit/events/standard";
 *
 * const event = notificationSlack.create({ channel: "#new-users", text: "New user: usr_123", emoji: ":tada:" });
 * ```
 */
export const notificationSlack = /* @__PURE__ */ (() =>
  defineEvent("notification/slack", {
    version: "1.0.0",
    description: "Post a message to a Slack channel.",
    schema: z.object({
      channel: textSchema(1, 80).meta({ description: 'Channel name ("#new-users") or id ("C0123456789")' }),
      text: textSchema(1, 40_000).meta({ description: "Message text (Slack mrkdwn)" }),
      emoji: textSchema(1, 100).optional().meta({ description: 'Icon emoji, e.g. ":tada:"' }),
    }),
    examples: [{ channel: "#new-users", text: "New user signed up: usr_123", emoji: ":tada:" }],
  }))();

/**
 * `sms/send`: send a text message to an E.164 phone number.
 *
 * @example A verification code
 * ```ts
 * import { smsSend } from "@jobkit/events/standard";
 *
 * const event = smsSend.create({ phoneNumber: "+14155550123", message: "Your code is 123456" });
 * ```
 */
export const smsSend = /* @__PURE__ */ (() =>
  defineEvent("sms/send", {
    version: "1.0.0",
    description: "Send a text message.",
    schema: z.object({
      phoneNumber: e164Schema.meta({ description: "E.164 phone number, e.g. +14155550123" }),
      message: textSchema(1, 1600),
      userId: idSchema("The recipient's user id").optional(),
    }),
    examples: [{ phoneNumber: "+14155550123", message: "Your Acme code is 123456", userId: "usr_123" }],
  }))();
