import { STATUS_CODES } from "node:http";
import { findNonJson, keyPathText } from "@jobkit/events/internal";
import { describeValue } from "@jobkit/functions/internal";
import { bodyExcerpt } from "./body-excerpt";
import { messageIdProblem } from "./check-message-id";
import { type CheckedWebhookUrl, vetUrl } from "./check-webhook-url";
import { parseRetryAfter } from "./parse-retry-after";
import { redactUrl } from "./redact-url";
import { compileSendPolicy, type SendPolicy, type SendWebhookOptions } from "./send-policy";
import { signWebhook } from "./sign-webhook";
import { invalidInput, WebhookError } from "./webhook-error";
import type { TransportResponse } from "./webhook-transport";

/**
 * One webhook message to sign and POST.
 *
 * @example Send during a secret rotation
 * ```ts
 * import { sendWebhook, type WebhookMessage } from "@jobkit/webhooks";
 *
 * export function notifyInvoicePaid(url: string, secrets: { current: string; previous: string }) {
 *   const message: WebhookMessage = {
 *     url,
 *     id: "msg_2aQ9",
 *     payload: { type: "invoice.paid", invoiceId: "inv_1" },
 *     secret: [secrets.current, secrets.previous], // both sign; the receiver accepts either
 *     headers: { "x-tenant": "acme" },
 *   };
 *   return sendWebhook(message);
 * }
 * ```
 */
export interface WebhookMessage {
  readonly url: string;
  /** The message id (`webhook-id`), the same on every retry; no `.` or spaces. */
  readonly id: string;
  /**
   * Serialised with `JSON.stringify` as the request body; only what JSON carries unchanged (no BigInt,
   * `undefined`, Date, NaN, Map, cycles…), else a `WebhookError` with code `invalid-input` names the path.
   */
  readonly payload: unknown;
  /** A `whsec_…` secret, or several during a rotation. */
  readonly secret: string | readonly string[];
  /** Extra request headers; not the `webhook-*`, `host`, `content-*` or hop-by-hop headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What one delivery attempt came to.
 *
 * @example The send test webhook button of an admin page
 * ```ts
 * import { sendWebhook, type WebhookAttempt } from "@jobkit/webhooks";
 *
 * export async function testEndpoint(url: string, secret: string): Promise<string> {
 *   const attempt: WebhookAttempt = await sendWebhook({
 *     url,
 *     id: `msg_test_${Date.now()}`,
 *     payload: { type: "ping" },
 *     secret,
 *   });
 *   if (attempt.ok) return `OK: ${attempt.status} in ${attempt.durationMs} ms`;
 *   return attempt.retriable
 *     ? `Temporary failure, try again: ${attempt.error}`
 *     : `Fix the endpoint: ${attempt.error}`;
 * }
 * ```
 */
export type WebhookAttempt =
  | {
      readonly ok: true;
      /** The 2xx status. */
      readonly status: number;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      /** Whether trying again may help: 408, 429, 5xx, no response. */
      readonly retriable: boolean;
      /** The response status, when a response came. */
      readonly status?: number;
      /** What `Retry-After` asked for, in milliseconds. */
      readonly retryAfterMs?: number;
      /** A short description without secrets: status and body excerpt, or the network error. */
      readonly error: string;
      readonly durationMs: number;
      /** The `WebhookError` behind a failure without a response (`invalid-url`, `request-failed`). */
      readonly cause?: Error;
    };

type FailedAttempt = Extract<WebhookAttempt, { ok: false }>;

const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const valuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;
const reservedHeaders = new Set([
  "host",
  "content-length",
  "content-type",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
]);

/** Why an extra header may not be sent, or `undefined`. Never echoes the value: it may be a token. */
function headerProblem(name: string, value: unknown): string | undefined {
  if (!tokenPattern.test(name))
    return `header name ${JSON.stringify(name.slice(0, 40))} is not a valid token`;
  if (reservedHeaders.has(name.toLowerCase())) return `header "${name}" is set by the delivery itself`;
  if (typeof value !== "string" || !valuePattern.test(value)) {
    return `header "${name}" has a value that is not a string without line breaks`;
  }
  return undefined;
}

function statusLine(response: TransportResponse): string {
  const text = response.statusText || STATUS_CODES[response.status] || "";
  return `HTTP ${response.status}${text === "" ? "" : ` ${text}`}`;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

class AttemptTimeout extends Error {}

/**
 * Signs and POSTs one webhook message with the SSRF guard, the time limit and the response classified:
 * 2xx is `ok`; 408, 429, 5xx and no response are retriable (with `Retry-After` when the receiver sent
 * one); other 4xx, 3xx and refused URLs are not. Never throws for a failed delivery: it returns it.
 *
 * @example Send a test webhook from an admin page
 * ```ts
 * import { generateWebhookSecret, sendWebhook } from "@jobkit/webhooks";
 *
 * const attempt = await sendWebhook({
 *   url: "https://hooks.example.com/acme",
 *   id: "msg_test_1",
 *   payload: { type: "ping" },
 *   secret: generateWebhookSecret(),
 * });
 * console.log(attempt.ok ? `delivered: ${attempt.status}` : `failed: ${attempt.error}`);
 * ```
 */
export async function sendWebhook(
  message: WebhookMessage,
  options: SendWebhookOptions = {},
): Promise<WebhookAttempt> {
  return attemptDelivery(message, compileSendPolicy(options));
}

/** The JSON body of a message whose fields are usable; throws `invalid-input` naming the field. */
function checkedBody(message: WebhookMessage): string {
  if (typeof message !== "object" || message === null) {
    invalidInput("message", describeValue(message), "an object { url, id, payload, secret, headers? }");
  }
  if (typeof message.url !== "string") {
    invalidInput("message.url", describeValue(message.url), "an absolute https: URL as a string");
  }
  const idProblem = messageIdProblem(message.id);
  if (idProblem !== undefined) {
    invalidInput("message.id", idProblem, 'printable ASCII without "." or spaces, at most 256 characters');
  }
  const problem = findNonJson(message.payload);
  if (problem !== undefined) {
    invalidInput(keyPathText("message.payload", problem.path), problem.received, problem.expected);
  }
  if (
    message.headers !== undefined &&
    (typeof message.headers !== "object" || message.headers === null || Array.isArray(message.headers))
  ) {
    invalidInput("message.headers", describeValue(message.headers), "an object of header names to strings");
  }
  return JSON.stringify(message.payload);
}

/** {@link sendWebhook} with a checked policy. Throws only for an unusable message (`invalid-input`, `invalid-secret`). */
export async function attemptDelivery(message: WebhookMessage, policy: SendPolicy): Promise<WebhookAttempt> {
  const body = checkedBody(message);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (
    retriable: boolean,
    error: string,
    extra: Pick<FailedAttempt, "status" | "retryAfterMs" | "cause"> = {},
  ): FailedAttempt => ({ ...extra, ok: false, retriable, error, durationMs: elapsed() });
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) return fail(false, problem);
  }
  const signature = signWebhook({ id: message.id, body, secret: message.secret });
  // Custom headers (often `authorization`) go to the original origin only; another origin a redirect
  // points to gets just the headers the delivery itself generates.
  const ownHeaders = { "content-type": "application/json", "user-agent": policy.userAgent, ...signature };
  const originHeaders = {
    "content-type": "application/json",
    "user-agent": policy.userAgent,
    ...message.headers,
    ...signature,
  };

  const controller = new AbortController();
  const timeout = new AttemptTimeout(`no response within ${formatMs(policy.requestTimeoutMs)}`);
  const timer = setTimeout(() => controller.abort(timeout), policy.requestTimeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(timeout), { once: true });
  });
  const withinTime = <TValue>(work: Promise<TValue>) => Promise.race([work, timedOut]);

  let current = message.url;
  try {
    let checked: CheckedWebhookUrl = await withinTime(vetUrl(message.url, policy.url, undefined));
    const originalOrigin = checked.url.origin;
    // Once a redirect has left the original origin, custom headers stay off for the rest of the chain.
    let leftOrigin = false;
    for (let redirects = 0; ; redirects++) {
      current = checked.url.href;
      leftOrigin ||= checked.url.origin !== originalOrigin;
      let response: TransportResponse;
      try {
        response = await withinTime(
          policy.transport({
            method: "POST",
            url: checked.url,
            address: checked.address,
            family: checked.family,
            headers: leftOrigin ? ownHeaders : originHeaders,
            body,
            maxResponseBytes: policy.maxResponseBytes,
            signal: controller.signal,
          }),
        );
      } catch (error) {
        if (error instanceof AttemptTimeout || error instanceof WebhookError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new WebhookError(
          {
            code: "request-failed",
            reason: "network",
            url: redactUrl(checked.url),
            received: reason.slice(0, 500),
          },
          { cause: error },
        );
      }
      if (typeof response !== "object" || response === null) {
        return fail(true, `the transport returned ${describeValue(response)}, not a response`);
      }
      const status = response.status;
      // Only 100-599 is an HTTP status: anything else is a broken response, retried without a status.
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        return fail(true, `invalid HTTP status ${describeValue(status)} from the endpoint`);
      }
      const excerpt = bodyExcerpt(response.body, policy.bodyExcerptLength);
      const described = `${statusLine(response)}${excerpt === "" ? "" : `: ${excerpt}`}`;
      if (status >= 200 && status <= 299) return { ok: true, status, durationMs: elapsed() };
      if (redirectStatuses.has(status)) {
        const location = response.headers.location;
        const target = location === undefined ? undefined : safeUrl(location, checked.url);
        const shownTarget = target === undefined ? "an unreadable Location" : redactUrl(target);
        const notFollowed = `${statusLine(response)} redirect to ${shownTarget} not followed`;
        if (policy.maxRedirects === 0 || target === undefined) {
          return fail(false, `${notFollowed}; update the webhook URL`, { status });
        }
        if (status !== 307 && status !== 308) {
          return fail(false, `${notFollowed}: only 307 and 308 keep the POST`, { status });
        }
        if (redirects >= policy.maxRedirects) {
          return fail(false, `more than ${policy.maxRedirects} redirect(s); last to ${shownTarget}`, {
            status,
          });
        }
        checked = await withinTime(vetUrl(target, policy.url, redactUrl(checked.url)));
        continue;
      }
      const retriable = status === 408 || status === 429 || status >= 500;
      const retryAfterMs = retriable
        ? parseRetryAfter(response.headers["retry-after"], Date.now(), response.headers.date)
        : undefined;
      const hint = status === 410 ? " (the endpoint is gone; disable it)" : "";
      return fail(retriable, `${described}${hint}`, {
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
  } catch (error) {
    if (error instanceof AttemptTimeout) {
      const cause = new WebhookError({
        code: "request-failed",
        reason: "timeout",
        url: redactUrl(current),
        received: error.message,
      });
      return fail(true, error.message, { cause });
    }
    if (error instanceof WebhookError && error.code === "invalid-url") {
      return fail(
        false,
        error.message
          .split("\n")
          .map((line) => line.trim())
          .join("; "),
        { cause: error },
      );
    }
    if (error instanceof WebhookError && error.code === "request-failed") {
      return fail(true, error.message, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
