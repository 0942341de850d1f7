import { signWebhook, WebhookError } from "@jobkit/webhooks";

/** Where configuration is read from: `process.env`, or a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The app's own settings; the Inngest ones (`INNGEST_*`) are read by `createInngestClient`. */
export interface AppConfig {
  /** Port the server listens on (`PORT`, default 3000). */
  readonly port: number;
  /** Bearer token of the admin API (`ADMIN_TOKEN`); `undefined` turns the admin API off. */
  readonly adminToken: string | undefined;
  /** Standard Webhooks secrets of `POST /webhooks/incoming` (`WEBHOOK_SECRET`, space-separated while rotating); none turns it off. */
  readonly webhookSecrets: readonly string[];
  /** Who sends those webhooks (`WEBHOOK_SOURCE`, default `"incoming"`), the `source` of `webhook/received`. */
  readonly webhookSource: string;
}

/** The shortest admin token accepted: anything shorter can be guessed. */
export const minAdminTokenLength = 24;

/** Thrown at start-up for a setting the app cannot run with; never includes the secret itself. */
export class AppConfigError extends Error {
  override readonly name = "AppConfigError";
  readonly variable: string;
  readonly received: string;
  readonly expected: string;

  constructor(
    details: { variable: string; received: string; expected: string; example: string },
    options?: ErrorOptions,
  ) {
    super(
      `Invalid environment variable ${details.variable}: ${details.received}\n` +
        `  expected: ${details.expected}, e.g. ${details.example}`,
      options,
    );
    this.variable = details.variable;
    this.received = details.received;
    this.expected = details.expected;
  }
}

/**
 * Reads and checks the app's settings, failing at start-up rather than on the first request.
 *
 * @example In a test
 * ```ts
 * import { readConfig } from "./config";
 *
 * const config = readConfig({ PORT: "0", ADMIN_TOKEN: "a-long-random-admin-token-000" });
 * ```
 */
export function readConfig(environment: Environment): AppConfig {
  const rawPort = environment.PORT?.trim() || "3000";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    throw new AppConfigError({
      variable: "PORT",
      received: JSON.stringify(rawPort),
      expected: "a TCP port number from 0 to 65535",
      example: "3000",
    });
  }
  const adminToken = environment.ADMIN_TOKEN?.trim() || undefined;
  if (adminToken !== undefined && adminToken.length < minAdminTokenLength) {
    throw new AppConfigError({
      variable: "ADMIN_TOKEN",
      received: `a ${adminToken.length}-character value`,
      expected: `at least ${minAdminTokenLength} characters, or unset to turn the admin API off`,
      example: "the output of `openssl rand -hex 32`",
    });
  }
  const webhookSecrets = environment.WEBHOOK_SECRET?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (webhookSecrets.length > 0) {
    try {
      // Signing decodes every secret: a malformed one fails here, at start-up, not on the first webhook.
      signWebhook({ id: "startup-check", body: "", secret: webhookSecrets });
    } catch (error) {
      if (!(error instanceof WebhookError && error.code === "invalid-secret")) throw error;
      throw new AppConfigError(
        {
          variable: "WEBHOOK_SECRET",
          received: "a value that is not a Standard Webhooks secret (see cause)",
          expected:
            'one or more space-separated "whsec_<base64>" secrets, or unset to turn the webhook route off',
          example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        },
        { cause: error },
      );
    }
  }
  const webhookSource = environment.WEBHOOK_SOURCE?.trim() || "incoming";
  return { port, adminToken, webhookSecrets, webhookSource };
}
