/**
 * What {@link WebhookSecretError} reports; never the secret itself.
 *
 * @example Check a secret from your settings page the same way
 * ```ts
 * import { WebhookSecretError, type WebhookSecretErrorDetails } from "@jobkit/webhooks";
 *
 * export function requireWhsec(secret: string, source: string): string {
 *   if (secret.startsWith("whsec_")) return secret;
 *   // Describe the problem, never the value.
 *   const details: WebhookSecretErrorDetails = {
 *     source,
 *     received: `${secret.length} characters without the "whsec_" prefix`,
 *   };
 *   throw new WebhookSecretError(details);
 * }
 * ```
 */
export interface WebhookSecretErrorDetails {
  /** Where the secret came from, e.g. `secrets[1]` or `secretFor("wh_1")`. */
  readonly source: string;
  /** What is wrong with it, described without its value, e.g. `decodes to 16 bytes`. */
  readonly received: string;
}

/**
 * A signing secret that is not a Standard Webhooks secret: `whsec_` followed by the base64 of 24 to 64
 * random bytes. The message describes the problem (length, characters) and never contains the secret.
 *
 * @example Report a misconfigured secret without printing it
 * ```ts
 * import { signWebhook, WebhookSecretError } from "@jobkit/webhooks";
 *
 * try {
 *   signWebhook({ id: "msg_1", body: "{}", secret: "not-a-secret" });
 * } catch (error) {
 *   if (error instanceof WebhookSecretError) console.error(error.message); // no secret in it
 * }
 * ```
 */
export class WebhookSecretError extends Error {
  override readonly name = "WebhookSecretError";
  readonly source: string;

  constructor(details: WebhookSecretErrorDetails) {
    super(
      [
        `Invalid webhook signing secret (${details.source}): ${details.received}`,
        '  expected: "whsec_" followed by the base64 of 24 to 64 random bytes, e.g. from generateWebhookSecret()',
      ].join("\n"),
    );
    this.source = details.source;
  }
}
