import type { AddressClass } from "./classify-address";

/**
 * What went wrong, one code per kind of failure; {@link WebhookError.reason} narrows some of them.
 *
 * | code                  | thrown by                                      | reasons                                  |
 * | --------------------- | ---------------------------------------------- | ---------------------------------------- |
 * | `invalid-input`       | a function given an argument it cannot use     | —                                        |
 * | `invalid-secret`      | a secret that is not `whsec_` + 24-64 bytes     | —                                        |
 * | `invalid-url`         | the SSRF guard                                 | `malformed`, `scheme`, `credentials`, `address` |
 * | `request-failed`      | a request without a response                   | `dns`, `network`, `timeout`              |
 * | `attempt-failed`      | a delivery attempt that will be retried        | —                                        |
 * | `delivery-failed`     | the end of a delivery that did not deliver     | —                                        |
 * | `verification-failed` | `verifyWebhook` refusing a request             | `missing-header`, `invalid-timestamp`, … |
 *
 * @example A response status per code in a receiver
 * ```ts
 * import { WebhookError, type WebhookErrorCode } from "@jobkit/webhooks";
 *
 * const statusFor: Partial<Record<WebhookErrorCode, number>> = { "verification-failed": 401 };
 * export const status = (error: unknown) =>
 *   error instanceof WebhookError ? (statusFor[error.code] ?? 500) : 500;
 * ```
 */
export type WebhookErrorCode =
  | "invalid-input"
  | "invalid-secret"
  | "invalid-url"
  | "request-failed"
  | "attempt-failed"
  | "delivery-failed"
  | "verification-failed";

/**
 * Why a `verification-failed`, `invalid-url` or `request-failed` {@link WebhookError} happened.
 */
export type WebhookErrorReason =
  // invalid-url
  | "malformed"
  | "scheme"
  | "credentials"
  | "address"
  // request-failed
  | "dns"
  | "network"
  | "timeout"
  // verification-failed
  | "missing-header"
  | "invalid-timestamp"
  | "timestamp-too-old"
  | "timestamp-in-future"
  | "invalid-signature"
  | "invalid-json"
  | "invalid-payload";

type SignatureHeader = "webhook-id" | "webhook-timestamp" | "webhook-signature";

/**
 * What a {@link WebhookError} is built from: the `code`, and the fields that code reports.
 */
export type WebhookErrorDetails =
  | {
      readonly code: "invalid-input";
      /** The argument at fault, e.g. `payload.items[2]` or `options.now`. */
      readonly path: string;
      readonly received: string;
      readonly expected: string;
    }
  | {
      readonly code: "invalid-secret";
      /** Where the secret came from, e.g. `secret[1]` or `secretFor("wh_1")`. */
      readonly source: string;
      /** What is wrong with it, never its value, e.g. `decodes to 16 bytes`. */
      readonly received: string;
    }
  | {
      readonly code: "invalid-url";
      readonly reason: "malformed" | "scheme" | "credentials" | "address";
      readonly url: string;
      readonly received: string;
      readonly expected: string;
      readonly hostname?: string;
      readonly address?: string;
      readonly addressClass?: AddressClass;
      readonly redirectedFrom?: string;
    }
  | {
      readonly code: "request-failed";
      readonly reason: "dns" | "network" | "timeout";
      readonly url: string;
      readonly received: string;
    }
  | {
      readonly code: "attempt-failed";
      readonly webhookId: string;
      readonly url: string;
      /** Attempts made so far, this one included. */
      readonly attempts: number;
      readonly status?: number;
      readonly received: string;
    }
  | {
      readonly code: "delivery-failed";
      readonly webhookId: string;
      readonly messageId: string;
      readonly url: string;
      readonly attempts: number;
      readonly status?: number;
      readonly received: string;
    }
  | {
      readonly code: "verification-failed";
      readonly reason:
        | "missing-header"
        | "invalid-timestamp"
        | "timestamp-too-old"
        | "timestamp-in-future"
        | "invalid-signature"
        | "invalid-json"
        | "invalid-payload";
      readonly header?: SignatureHeader;
      readonly received: string;
      readonly expected: string;
    };

// Received values can come from the network (a URL, a body excerpt): the message stays readable.
const maxPartLength = 500;

function clip(text: string): string {
  return text.length > maxPartLength ? `${text.slice(0, maxPartLength)}…` : text;
}

const secretExpected =
  '"whsec_" followed by the base64 of 24 to 64 random bytes, e.g. from generateWebhookSecret()';

function expectedOf(details: WebhookErrorDetails): string {
  switch (details.code) {
    case "invalid-secret":
      return secretExpected;
    case "request-failed":
    case "attempt-failed":
      return "a response from the endpoint";
    case "delivery-failed":
      return "a 2xx response; the subscriber must fix the endpoint, then send webhook/deliver again";
    default:
      return details.expected;
  }
}

function messageOf(details: WebhookErrorDetails, expected: string): string {
  const received = clip(details.received);
  switch (details.code) {
    case "invalid-input":
      return [`Invalid ${clip(details.path)}: ${received}`, `  expected: ${expected}`].join("\n");
    case "invalid-secret":
      return [
        `Invalid webhook signing secret (${clip(details.source)}): ${received}`,
        `  expected: ${expected}`,
      ].join("\n");
    case "invalid-url": {
      const what = details.redirectedFrom === undefined ? "webhook URL" : "webhook redirect target";
      return [
        `Refused ${what} ${clip(details.url)}: ${received}`,
        ...(details.redirectedFrom === undefined
          ? []
          : [`  redirected from: ${clip(details.redirectedFrom)}`]),
        `  expected: ${expected}`,
      ].join("\n");
    }
    case "request-failed":
      return `Webhook request to ${clip(details.url)} failed (${details.reason}): ${received}`;
    case "attempt-failed":
      return `Webhook ${clip(details.webhookId)} attempt ${details.attempts} to ${clip(details.url)} failed, will retry: ${received}`;
    case "delivery-failed":
      return [
        `Webhook ${clip(details.webhookId)} (message ${clip(details.messageId)}) not delivered to ${clip(details.url)} after ${details.attempts} attempt(s): ${received}`,
        `  expected: ${expected}`,
      ].join("\n");
    case "verification-failed": {
      const where = details.header === undefined ? "" : ` (${details.header})`;
      return [
        `Webhook verification failed${where}: ${details.reason}`,
        `  received: ${received}`,
        `  expected: ${expected}`,
      ].join("\n");
    }
  }
}

/**
 * The one error `@jobkit/webhooks` throws, told apart by {@link WebhookError.code} (and `reason`), with
 * what was received and what is expected. Messages never contain a secret, a signature, a body or a
 * query string. A bad option at definition time is a `JobError` of `@jobkit/functions` instead.
 *
 * @example Answer a receiver's request by the code
 * ```ts
 * import { verifyWebhook, WebhookError } from "@jobkit/webhooks";
 *
 * export function statusOf(secret: string, headers: Record<string, string>, body: string): number {
 *   try {
 *     verifyWebhook(secret, headers, body);
 *     return 204;
 *   } catch (error) {
 *     if (error instanceof WebhookError && error.code === "verification-failed") return 401;
 *     return 500; // invalid-secret: our own configuration
 *   }
 * }
 * ```
 */
export class WebhookError extends Error {
  override readonly name = "WebhookError";
  readonly code: WebhookErrorCode;
  /** The finer cause for `invalid-url`, `request-failed` and `verification-failed`. */
  readonly reason: WebhookErrorReason | undefined;
  /** What was found: never a secret, a signature or a body. */
  readonly received: string;
  /** What would have been right. */
  readonly expected: string;
  /** The argument at fault (`invalid-input`). */
  readonly path: string | undefined;
  /** Where a bad secret came from (`invalid-secret`). */
  readonly source: string | undefined;
  /** The URL without credentials, query or fragment. */
  readonly url: string | undefined;
  /** The signature header at fault (`verification-failed`). */
  readonly header: SignatureHeader | undefined;
  readonly hostname: string | undefined;
  /** The refused address (`invalid-url` with reason `address`). */
  readonly address: string | undefined;
  readonly addressClass: AddressClass | undefined;
  /** The URL that redirected to the refused one. */
  readonly redirectedFrom: string | undefined;
  readonly webhookId: string | undefined;
  readonly messageId: string | undefined;
  /** Attempts made, the first included (`attempt-failed`, `delivery-failed`). */
  readonly attempts: number | undefined;
  /** The last response status, when a response came. */
  readonly status: number | undefined;

  constructor(details: WebhookErrorDetails, options?: ErrorOptions) {
    const expected = expectedOf(details);
    super(messageOf(details, expected), options);
    const fields = details as Partial<Record<string, unknown>>;
    const text = (key: string) => (typeof fields[key] === "string" ? (fields[key] as string) : undefined);
    this.code = details.code;
    this.reason = "reason" in details ? details.reason : undefined;
    this.received = details.received;
    this.expected = expected;
    this.path = text("path");
    this.source = text("source");
    this.url = text("url");
    this.header = text("header") as SignatureHeader | undefined;
    this.hostname = text("hostname");
    this.address = text("address");
    this.addressClass = text("addressClass") as AddressClass | undefined;
    this.redirectedFrom = text("redirectedFrom");
    this.webhookId = text("webhookId");
    this.messageId = text("messageId");
    this.attempts = typeof fields.attempts === "number" ? fields.attempts : undefined;
    this.status = typeof fields.status === "number" ? fields.status : undefined;
  }
}

/** Throws the `invalid-input` {@link WebhookError} of a bad argument: its path, what it is and what is expected. */
export function invalidInput(path: string, received: string, expected: string): never {
  throw new WebhookError({ code: "invalid-input", path, received, expected });
}
