import { findNonJson, keyPathText } from "@jobkit/events/internal";
import { webhookReceived } from "@jobkit/events/standard";
import { describeValue } from "@jobkit/functions/internal";
import type { WebhookHeaders } from "./verify-webhook";
import { invalidInput, WebhookError } from "./webhook-error";

type ReceivedPayload = Parameters<typeof webhookReceived.create>[0]["payload"];

/**
 * What {@link receivedWebhookEvent} turns into a `webhook/received` event.
 */
export interface ReceivedWebhookInput {
  /** Who sent it, e.g. `"stripe"` or `"acme"`. */
  readonly source: string;
  /** The sender's event type, e.g. `"invoice.paid"`. */
  readonly event: string;
  /** The verified JSON payload: an object of JSON values (checked when the event is built). */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The request headers; only {@link keptWebhookHeaders} and `keepHeaders` are kept. */
  readonly headers: WebhookHeaders;
  /**
   * More header names to keep, e.g. a provider's event-type header; you vouch they carry no credentials.
   */
  readonly keepHeaders?: readonly string[];
  /** Defaults to now. */
  readonly receivedAt?: Date;
}

/**
 * The headers `receivedWebhookEvent` keeps: they describe the request and carry no credentials. Anything
 * else, a provider's own key or token header included, is dropped unless listed in `keepHeaders`.
 */
export const keptWebhookHeaders: readonly string[] = Object.freeze([
  "accept",
  "content-encoding",
  "content-length",
  "content-type",
  "user-agent",
  "webhook-id",
  "webhook-timestamp",
  "traceparent",
  "tracestate",
  "x-request-id",
  "x-correlation-id",
  "x-github-event",
  "x-github-delivery",
  "x-github-hook-id",
  "x-gitlab-event",
  "x-shopify-topic",
  "x-shopify-webhook-id",
  "x-shopify-shop-domain",
  "x-event-type",
  "x-event-id",
]);

const maxHeaderValueLength = 1000;

function headerEntries(headers: WebhookHeaders): [string, string][] {
  const entries: [string, string][] = [];
  const forEach = (headers as { forEach?: unknown }).forEach;
  if (typeof forEach === "function") {
    (headers as unknown as { forEach(callback: (value: unknown, name: unknown) => void): void }).forEach(
      (value, name) => {
        if (typeof name === "string" && typeof value === "string") entries.push([name, value]);
      },
    );
    return entries;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === "string") entries.push([name, value]);
    else if (Array.isArray(value))
      entries.push([name, value.filter((part) => typeof part === "string").join(", ")]);
  }
  return entries;
}

function keptNames(keepHeaders: unknown): ReadonlySet<string> {
  if (keepHeaders === undefined) return new Set(keptWebhookHeaders);
  if (!Array.isArray(keepHeaders) || !keepHeaders.every((name) => typeof name === "string")) {
    invalidInput("keepHeaders", describeValue(keepHeaders), 'a list of header names, e.g. ["x-acme-event"]');
  }
  return new Set([...keptWebhookHeaders, ...(keepHeaders as string[]).map((name) => name.toLowerCase())]);
}

/**
 * Builds the `webhook/received` event for an incoming webhook after `verifyWebhook` accepted it. Only an
 * allow-list of headers that describe the request is kept ({@link keptWebhookHeaders}: `content-type`,
 * `user-agent`, `webhook-id`, `webhook-timestamp`, trace and event-type headers, plus your `keepHeaders`),
 * names lower-cased; everything else (`authorization`, cookies, signatures, provider keys) is left out,
 * since Inngest stores events and shows them in its dashboard.
 *
 * @example Hand a verified webhook to a job
 * ```ts
 * import { receivedWebhookEvent } from "@jobkit/webhooks";
 *
 * const event = receivedWebhookEvent({
 *   source: "acme",
 *   event: "invoice.paid",
 *   payload: { invoiceId: "inv_1" },
 *   headers: { "content-type": "application/json", authorization: "Bearer x" }, // authorization is dropped
 * });
 * // await inngest.send(event);
 * ```
 */
export function receivedWebhookEvent(input: ReceivedWebhookInput): ReturnType<typeof webhookReceived.create> {
  if (typeof input !== "object" || input === null) {
    invalidInput("input", describeValue(input), "an object { source, event, payload, headers, receivedAt? }");
  }
  for (const [key, max] of [
    ["source", 100],
    ["event", 200],
  ] as const) {
    const value: unknown = input[key];
    if (typeof value !== "string" || value.length === 0 || value.length > max) {
      invalidInput(key, describeValue(value), `a string of 1 to ${max} characters`);
    }
  }
  const payload: unknown = input.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    invalidInput("payload", describeValue(payload), "the verified JSON object");
  }
  const problem = findNonJson(payload);
  if (problem !== undefined) {
    invalidInput(keyPathText("payload", problem.path), problem.received, problem.expected);
  }
  if (typeof input.headers !== "object" || input.headers === null) {
    invalidInput(
      "headers",
      describeValue(input.headers),
      "the request headers: fetch Headers or Node's req.headers",
    );
  }
  const receivedAt: unknown = input.receivedAt ?? new Date();
  if (!(receivedAt instanceof Date) || !Number.isFinite(receivedAt.getTime())) {
    invalidInput(
      "receivedAt",
      receivedAt instanceof Date ? "an invalid Date" : describeValue(receivedAt),
      "a valid Date",
    );
  }
  const keep = keptNames(input.keepHeaders);
  // A Map, so names such as "constructor" or "__proto__" are plain keys.
  const headers = new Map<string, string>();
  for (const [name, value] of headerEntries(input.headers)) {
    const key = name.toLowerCase();
    if (!keep.has(key)) continue;
    const joined = headers.has(key) ? `${headers.get(key)}, ${value}` : value;
    headers.set(key, joined.slice(0, maxHeaderValueLength));
  }
  const data = {
    source: input.source,
    event: input.event,
    // Checked above: findNonJson found nothing JSON cannot carry.
    payload: input.payload as ReceivedPayload,
    headers: Object.fromEntries(headers),
    receivedAt: (receivedAt as Date).toISOString(),
  };
  let event: ReturnType<typeof webhookReceived.create>;
  try {
    event = webhookReceived.create(data);
  } catch (error) {
    // E.g. a receivedAt past year 9999, which no ISO timestamp holds.
    throw new WebhookError(
      {
        code: "invalid-input",
        path: "input",
        received: "fields the webhook/received schema refuses (see cause)",
        expected: "a webhook/received event",
      },
      { cause: error },
    );
  }
  // The schema's copy of a record drops an own "__proto__" key; the payload is already checked as JSON.
  return { ...event, data: { ...event.data, payload: input.payload as ReceivedPayload } };
}
