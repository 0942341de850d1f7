import type { Duration, InngestLimits } from "@jobkit/functions";
import { inngestLimits, parseDuration } from "@jobkit/functions";
import { checkKnownOptions, configFailure } from "@jobkit/functions/internal";
import { compileUrlPolicy, type WebhookUrlOptions, type WebhookUrlPolicy } from "./check-webhook-url";
import { nodeTransport } from "./node-transport";
import { webhookDefaults } from "./webhook-defaults";
import type { WebhookTransport } from "./webhook-transport";

/**
 * Options of one delivery attempt: the SSRF guard's, and the request's limits.
 */
export interface SendWebhookOptions extends WebhookUrlOptions {
  /** Time for the attempt: resolution, connection, redirects and response; default `"10s"`. */
  readonly requestTimeout?: Duration | number;
  /** Response bytes read at most; default 64 KiB. */
  readonly maxResponseBytes?: number;
  /** Characters of the response body kept in error texts; default 200. */
  readonly bodyExcerptLength?: number;
  /**
   * Redirects to follow, 0-5; default 0: a 3xx is a failure and the subscriber should fix the URL. Only
   * 307 and 308 are followed (they keep the POST), each target checked by the SSRF guard again. A target
   * on another origin (scheme, host or port) gets only the headers the delivery generates (`webhook-id`,
   * `webhook-timestamp`, `webhook-signature`, `content-type`, `user-agent`): the message's own `headers`,
   * such as `authorization`, go to the original origin only, and not again once a redirect has left it.
   */
  readonly maxRedirects?: number;
  /** The `user-agent` header; default `"jobkit-webhooks"`. */
  readonly userAgent?: string;
  /** Makes the HTTP request; default {@link nodeTransport}. */
  readonly transport?: WebhookTransport;
}

/** The names of {@link SendWebhookOptions}, for the unknown-option check of `webhookDelivery`. */
export const sendOptionNames: readonly (keyof SendWebhookOptions)[] = Object.freeze([
  "requestTimeout",
  "maxResponseBytes",
  "bodyExcerptLength",
  "maxRedirects",
  "userAgent",
  "transport",
  "allowHttp",
  "allowHosts",
  "allowPrivateNetworks",
  "resolve",
]);

/** {@link SendWebhookOptions} checked once. */
export interface SendPolicy {
  readonly url: WebhookUrlPolicy;
  readonly requestTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly bodyExcerptLength: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
  readonly transport: WebhookTransport;
}

function checkCount(
  functionId: string | undefined,
  path: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    configFailure(functionId)(path, value, `a whole number from ${min} to ${max}`, {
      example: String(fallback),
    });
  }
  return value as number;
}

/** Checks {@link SendWebhookOptions}; throws `JobError` naming the option; `limits` bound `maxResponseBytes`. */
export function compileSendPolicy(
  options: SendWebhookOptions = {},
  functionId?: string,
  limits: InngestLimits = inngestLimits,
): SendPolicy {
  const fail = configFailure(functionId);
  if (typeof options !== "object" || options === null) {
    fail("options", options, "an options object or nothing", { example: '{ requestTimeout: "30s" }' });
  }
  // A misspelt option (requestTimout) is refused, not silently left at its default.
  checkKnownOptions(functionId, options, sendOptionNames);
  const requestTimeoutMs =
    options.requestTimeout === undefined
      ? webhookDefaults.requestTimeoutMs
      : parseDuration(options.requestTimeout, {
          functionId,
          path: "requestTimeout",
          minMs: 1,
          maxMs: 5 * 60_000,
        });
  if (options.transport !== undefined && typeof options.transport !== "function") {
    fail("transport", options.transport, "a function (request) => Promise<response>", {
      example: "nodeTransport",
    });
  }
  if (
    options.userAgent !== undefined &&
    (typeof options.userAgent !== "string" || !/^[\x20-\x7e]{1,200}$/.test(options.userAgent))
  ) {
    fail("userAgent", options.userAgent, "printable ASCII, at most 200 characters", {
      example: '"acme-webhooks/1.0"',
    });
  }
  return Object.freeze({
    url: compileUrlPolicy(options, functionId),
    requestTimeoutMs,
    maxResponseBytes: checkCount(
      functionId,
      "maxResponseBytes",
      options.maxResponseBytes,
      1,
      limits.maxStepOutputBytes,
      webhookDefaults.maxResponseBytes,
    ),
    bodyExcerptLength: checkCount(
      functionId,
      "bodyExcerptLength",
      options.bodyExcerptLength,
      0,
      1000,
      webhookDefaults.bodyExcerptLength,
    ),
    maxRedirects: checkCount(
      functionId,
      "maxRedirects",
      options.maxRedirects,
      0,
      webhookDefaults.maxRedirectsLimit,
      webhookDefaults.maxRedirects,
    ),
    userAgent: options.userAgent ?? webhookDefaults.userAgent,
    transport: options.transport ?? nodeTransport,
  });
}
