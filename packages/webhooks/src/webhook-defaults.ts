/**
 * The defaults and limits of `@jobkit/webhooks`, in one place; each is overridable by an option.
 */
export interface WebhookDefaults {
  /** Time for one attempt, redirects and the response body included (`requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** Response bytes read before the connection is closed (`maxResponseBytes`). */
  readonly maxResponseBytes: number;
  /** Characters of the response body kept in errors and `webhook/failed` (`bodyExcerptLength`). */
  readonly bodyExcerptLength: number;
  /** Redirects followed (`maxRedirects`); 0 treats every 3xx as a failure, as Standard Webhooks advises. */
  readonly maxRedirects: number;
  /** The most redirects `maxRedirects` may allow. */
  readonly maxRedirectsLimit: number;
  /** How far a receiver accepts `webhook-timestamp` from its clock, either way (`tolerance`). */
  readonly toleranceMs: number;
  /** Smallest and largest signing key, in bytes, as the Standard Webhooks specification sets them. */
  readonly minSecretBytes: number;
  readonly maxSecretBytes: number;
  /** Bytes `generateWebhookSecret()` draws. */
  readonly generatedSecretBytes: number;
  /** Deliveries in flight per endpoint (`concurrency`, keyed by `event.data.webhookId`). */
  readonly concurrencyPerEndpoint: number;
  /** The `user-agent` header (`userAgent`). */
  readonly userAgent: string;
}

/**
 * The defaults and limits `@jobkit/webhooks` applies: a 10 s attempt, 64 KiB of response read, 200
 * characters of body excerpt, no redirects, 5 minutes of timestamp tolerance, 24-64 byte secrets.
 */
export const webhookDefaults: WebhookDefaults = Object.freeze({
  requestTimeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  bodyExcerptLength: 200,
  maxRedirects: 0,
  maxRedirectsLimit: 5,
  toleranceMs: 5 * 60 * 1000,
  minSecretBytes: 24,
  maxSecretBytes: 64,
  generatedSecretBytes: 32,
  concurrencyPerEndpoint: 10,
  userAgent: "jobkit-webhooks",
});
