import { webhookDefaults } from "./webhook-defaults";
import { WebhookError } from "./webhook-error";

const prefix = "whsec_";
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The HMAC key of a Standard Webhooks secret: the base64 after `whsec_` (the prefix may be left out, as
 * the reference libraries allow), 24 to 64 bytes. Throws a {@link WebhookError} (`invalid-secret`), which never
 * contains the secret.
 */
export function decodeWebhookSecret(secret: unknown, source: string): Buffer {
  if (typeof secret !== "string") {
    throw new WebhookError({
      code: "invalid-secret",
      source,
      received: `a ${secret === null ? "null" : typeof secret}, not a string`,
    });
  }
  const encoded = secret.startsWith(prefix) ? secret.slice(prefix.length) : secret;
  if (encoded === "")
    throw new WebhookError({
      code: "invalid-secret",
      source,
      received: "an empty secret",
    });
  if (!base64Pattern.test(encoded) || encoded.replace(/=+$/, "").length % 4 === 1) {
    throw new WebhookError({
      code: "invalid-secret",
      source,
      received: `${encoded.length} characters that are not base64${secret.startsWith(prefix) ? ` after "${prefix}"` : ""}`,
    });
  }
  const key = Buffer.from(encoded, "base64");
  const { minSecretBytes, maxSecretBytes } = webhookDefaults;
  if (key.length < minSecretBytes || key.length > maxSecretBytes) {
    throw new WebhookError({
      code: "invalid-secret",
      source,
      received: `decodes to ${key.length} bytes, outside ${minSecretBytes}-${maxSecretBytes}`,
    });
  }
  return key;
}

/** Every key of a secret or a list of secrets (rotation), checked; throws on an empty list. */
export function decodeWebhookSecrets(secrets: unknown, source: string): Buffer[] {
  if (!Array.isArray(secrets)) return [decodeWebhookSecret(secrets, source)];
  if (secrets.length === 0)
    throw new WebhookError({
      code: "invalid-secret",
      source,
      received: "an empty list of secrets",
    });
  return secrets.map((secret, index) => decodeWebhookSecret(secret, `${source}[${index}]`));
}
