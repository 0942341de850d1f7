import { randomBytes } from "node:crypto";
import { describeValue } from "@jobkit/functions/internal";
import { webhookDefaults } from "./webhook-defaults";
import { WebhookError } from "./webhook-error";

/**
 * A new random signing secret in the Standard Webhooks format, `whsec_` + base64 of 32 random bytes (or
 * `bytes`, 24 to 64). Create one per endpoint and store it encrypted next to the subscription.
 *
 * @example Create a secret when a subscriber adds an endpoint
 * ```ts
 * import { generateWebhookSecret } from "@jobkit/webhooks";
 *
 * const secret = generateWebhookSecret(); // "whsec_…", show it to the subscriber once
 * ```
 */
export function generateWebhookSecret(bytes: number = webhookDefaults.generatedSecretBytes): string {
  const { minSecretBytes, maxSecretBytes } = webhookDefaults;
  if (!Number.isInteger(bytes) || bytes < minSecretBytes || bytes > maxSecretBytes) {
    throw new WebhookError({
      code: "invalid-input",
      path: "bytes",
      received: describeValue(bytes),
      expected: `a whole number of bytes from ${minSecretBytes} to ${maxSecretBytes}, e.g. 32`,
    });
  }
  return `whsec_${randomBytes(bytes).toString("base64")}`;
}
