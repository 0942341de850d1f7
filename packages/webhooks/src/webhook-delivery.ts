import { webhookDeliver, webhookDelivered, webhookFailed } from "@jobkit/events/standard";
import {
  type CheckOptionKeys,
  type CommonFunctionOptions,
  defineEventFunction,
  type FunctionDefinition,
  type HandlerContext,
  inngestLimits,
  JobError,
  type ReceivedEventOf,
  type RejectUnknownOptions,
  type RetryOptions,
} from "@jobkit/functions";
import { RetryAfterError } from "inngest";
import { messageIdProblem } from "./check-message-id";
import { redactUrl } from "./redact-url";
import { attemptDelivery, compileSendPolicy, type SendWebhookOptions } from "./send-webhook";
import { WebhookAttemptError } from "./webhook-attempt-error";
import { webhookDefaults } from "./webhook-defaults";
import { WebhookDeliveryError } from "./webhook-delivery-error";
import { WebhookSecretError } from "./webhook-secret-error";

/**
 * The `webhook/deliver` event a delivery run receives.
 *
 * @example A test fixture for the delivery job
 * ```ts
 * import type { WebhookDeliverEvent } from "@jobkit/webhooks";
 *
 * export const deliver: WebhookDeliverEvent = {
 *   name: "webhook/deliver",
 *   id: "evt_1",
 *   ts: Date.parse("2026-03-02T09:00:00Z"),
 *   data: {
 *     webhookId: "wh_42",
 *     url: "https://hooks.example.com/acme",
 *     eventType: "invoice.paid",
 *     payload: { invoiceId: "inv_1" },
 *   },
 * };
 * ```
 */
export type WebhookDeliverEvent = ReceivedEventOf<typeof webhookDeliver>;

/**
 * Looks up the signing secret(s) of an endpoint by its `webhookId`; return several during a rotation
 * (each signs, the receiver accepts any). Runs inside the `deliver` step, so the secret is never stored
 * as a step result or put in an event.
 *
 * @example Sign with both secrets during a rotation
 * ```ts
 * import { type WebhookSecretLookup, webhookDelivery } from "@jobkit/webhooks";
 *
 * declare const db: {
 *   endpoints: { secrets(webhookId: string): Promise<{ current: string; previous?: string }> };
 * };
 *
 * const secretFor: WebhookSecretLookup = async (webhookId) => {
 *   const { current, previous } = await db.endpoints.secrets(webhookId);
 *   return previous === undefined ? current : [current, previous];
 * };
 * export const deliverWebhooks = webhookDelivery({ secretFor });
 * ```
 */
export type WebhookSecretLookup = (
  webhookId: string,
  event: WebhookDeliverEvent,
) => string | readonly string[] | Promise<string | readonly string[]>;

/**
 * The options of {@link webhookDelivery}: `secretFor`, the SSRF guard and request limits of
 * {@link SendWebhookOptions}, and the usual function options (retries, concurrency, `onFailure`, …).
 *
 * @example Options for an intranet receiver
 * ```ts
 * import type { WebhookDeliveryOptions } from "@jobkit/webhooks";
 *
 * const options: WebhookDeliveryOptions = {
 *   secretFor: () => process.env.INTERNAL_WEBHOOK_SECRET ?? "",
 *   allowHosts: ["hooks.corp.example"], // dangerous: trusted whatever it resolves to
 *   requestTimeout: "30s",
 *   retries: { attempts: 5, backoff: "exponential", minTimeout: "1m" },
 * };
 * ```
 */
export interface WebhookDeliveryOptions
  extends Omit<CommonFunctionOptions<WebhookDeliverEvent>, "id" | "sends" | "retries">,
    SendWebhookOptions {
  /** The function id; default `"webhook-delivery"`. */
  readonly id?: string;
  /** A CEL filter over `event`; deliveries start only for events that match. */
  readonly if?: string;
  /** Returns the endpoint's `whsec_…` secret(s); required, every webhook is signed. */
  readonly secretFor: WebhookSecretLookup;
  /**
   * Retries after the first attempt and their backoff; default `{ attempts: 10, backoff: "exponential",
   * minTimeout: "30s", maxTimeout: "12h", jitter: 0.2 }`. An event's `retryCount` can lower `attempts`
   * for one message, never raise it. Which failures are retried is decided by the response, so `retry`
   * is not accepted.
   */
  readonly retries?: number | (Omit<RetryOptions, "retry"> & { readonly retry?: never });
  /**
   * Send the Standard Webhooks envelope `{ type, timestamp, data }` (`type` from `eventType`, `timestamp`
   * from the event) instead of the bare `payload`; default `false`.
   */
  readonly envelope?: boolean;
  /** Send `webhook/delivered` and `webhook/failed`; default `true`. */
  readonly emitEvents?: boolean;
}

/**
 * What a delivery run returns when the endpoint accepted the webhook.
 *
 * @example A row of the subscriber's delivery log
 * ```ts
 * import type { WebhookDeliveryResult } from "@jobkit/webhooks";
 *
 * export function logRow(result: WebhookDeliveryResult) {
 *   return {
 *     message: result.messageId,
 *     status: result.status,
 *     tries: result.attempts,
 *     ms: result.durationMs,
 *   };
 * }
 * ```
 */
export interface WebhookDeliveryResult {
  readonly webhookId: string;
  readonly messageId: string;
  /** The 2xx status. */
  readonly status: number;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** Duration of the successful attempt. */
  readonly durationMs: number;
}

/**
 * The definition {@link webhookDelivery} returns.
 *
 * @example Spell out the job's type in a module's exports
 * ```ts
 * import { type WebhookDeliveryDefinition, webhookDelivery } from "@jobkit/webhooks";
 *
 * declare const db: { endpoints: { secret(webhookId: string): Promise<string> } };
 *
 * export const deliverWebhooks: WebhookDeliveryDefinition = webhookDelivery({
 *   secretFor: (webhookId) => db.endpoints.secret(webhookId),
 * });
 * ```
 */
export type WebhookDeliveryDefinition = FunctionDefinition<
  "event",
  WebhookDeliverEvent,
  WebhookDeliveryResult
>;

/** The `deliver` step's result: only JSON without secrets, since Inngest stores it. */
type DeliveryOutcome =
  | {
      readonly ok: true;
      readonly status: number;
      readonly attempts: number;
      readonly durationMs: number;
      readonly at: string;
    }
  | {
      readonly ok: false;
      readonly status?: number;
      readonly attempts: number;
      readonly error: string;
      readonly at: string;
    };

const defaultRetries = Object.freeze({
  attempts: 10,
  backoff: "exponential",
  minTimeout: "30s",
  maxTimeout: "12h",
  jitter: 0.2,
} as const);

const maxEventErrorLength = 2000;

/** `msg_` and the event id, with any character a `webhook-id` may not hold replaced. */
function defaultMessageId(eventId: string): string {
  return `msg_${eventId.replace(/[^\x21-\x2d\x2f-\x7e]/g, "_")}`.slice(0, 256);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The ready-made job for `webhook/deliver`: looks the endpoint's secret up with `secretFor`, POSTs the
 * JSON payload signed the Standard Webhooks way in a `deliver` step (10 s limit, SSRF guard on), retries
 * 408, 429, 5xx and network errors with exponential backoff (or after `Retry-After`), stops at once on
 * other 4xx, 3xx and refused URLs, then sends `webhook/delivered` or `webhook/failed` (with the `url`
 * stripped of query and fragment). A delivery that fails ends the run with a {@link WebhookDeliveryError}.
 * At most 10 deliveries per endpoint run at once.
 *
 * @example Deliver webhooks with secrets from your database
 * ```ts
 * import { webhookDelivery } from "@jobkit/webhooks";
 *
 * declare const db: { endpoints: { secret(webhookId: string): Promise<string> } };
 *
 * export const deliverWebhooks = webhookDelivery({
 *   secretFor: (webhookId) => db.endpoints.secret(webhookId),
 * });
 * ```
 * @see https://github.com/jobkit/jobkit/blob/main/packages/webhooks/README.md
 */
export function webhookDelivery<const TOptions extends object = object>(
  options: WebhookDeliveryOptions &
    TOptions &
    CheckOptionKeys<TOptions, WebhookDeliverEvent> &
    RejectUnknownOptions<TOptions, keyof WebhookDeliveryOptions>,
): WebhookDeliveryDefinition {
  const {
    id = "webhook-delivery",
    secretFor,
    envelope = false,
    emitEvents = true,
    retries = defaultRetries,
    concurrency = { limit: webhookDefaults.concurrencyPerEndpoint, key: "event.data.webhookId" },
    requestTimeout,
    maxResponseBytes,
    bodyExcerptLength,
    maxRedirects,
    userAgent,
    transport,
    allowHttp,
    allowHosts,
    allowPrivateNetworks,
    resolve,
    ...functionOptions
  } = (options ?? {}) as WebhookDeliveryOptions;
  if (typeof secretFor !== "function") {
    throw new JobError({
      functionId: id,
      path: "secretFor",
      received: secretFor === undefined ? "nothing" : typeof secretFor,
      expected: "a function (webhookId) => the endpoint's whsec_ secret; every webhook is signed",
      example: "(webhookId) => db.endpoints.secret(webhookId)",
    });
  }
  for (const [key, value] of [
    ["envelope", envelope],
    ["emitEvents", emitEvents],
  ] as const) {
    if (typeof value !== "boolean") {
      throw new JobError({
        functionId: id,
        path: key,
        received: JSON.stringify(value) ?? typeof value,
        expected: "true or false",
      });
    }
  }
  if (typeof retries === "object" && retries !== null && "retry" in retries) {
    throw new JobError({
      functionId: id,
      path: "retries.retry",
      received: "a retry() decider",
      expected:
        "no retry(): the response decides (2xx done; 408, 429, 5xx, network errors retried; the rest not)",
      example: '{ attempts: 5, backoff: "exponential" }',
    });
  }
  const policy = compileSendPolicy(
    {
      requestTimeout,
      maxResponseBytes,
      bodyExcerptLength,
      maxRedirects,
      userAgent,
      transport,
      allowHttp,
      allowHosts,
      allowPrivateNetworks,
      resolve,
    },
    id,
  );

  const deliver = async (
    ctx: HandlerContext<WebhookDeliverEvent>,
    messageId: string,
  ): Promise<DeliveryOutcome> => {
    const { event } = ctx;
    const data = event.data;
    const maxRetries = definition.config.retries.attempts;
    const allowedRetries = Math.min(data.retryCount ?? maxRetries, maxRetries);
    const attempt = ctx.attempt + 1;
    const final = ctx.attempt >= allowedRetries;
    const shownUrl = redactUrl(data.url);
    const failed = (error: string, status?: number): DeliveryOutcome => ({
      ok: false,
      attempts: attempt,
      error,
      at: new Date().toISOString(),
      ...(status === undefined ? {} : { status }),
    });

    const idProblem = messageIdProblem(messageId);
    if (idProblem !== undefined) return failed(`messageId cannot be a webhook-id: ${idProblem}`);
    let secret: string | readonly string[];
    try {
      secret = await secretFor(data.webhookId, event);
    } catch (error) {
      if (final) return failed(`secretFor("${data.webhookId}") failed: ${describeError(error)}`);
      throw error;
    }
    const body = envelope
      ? {
          ...(data.eventType === undefined ? {} : { type: data.eventType }),
          timestamp: new Date(event.ts).toISOString(),
          data: data.payload,
        }
      : data.payload;
    let result: Awaited<ReturnType<typeof attemptDelivery>>;
    try {
      result = await attemptDelivery(
        {
          url: data.url,
          id: messageId,
          payload: body,
          secret,
          ...(data.headers === undefined ? {} : { headers: data.headers }),
        },
        policy,
      );
    } catch (error) {
      // A bad secret will not fix itself between retries; its message never contains the secret.
      if (error instanceof WebhookSecretError) return failed(error.message.split("\n")[0] ?? error.name);
      if (final) return failed(describeError(error));
      throw error;
    }
    if (result.ok) {
      return {
        ok: true,
        status: result.status,
        attempts: attempt,
        durationMs: result.durationMs,
        at: new Date().toISOString(),
      };
    }
    ctx.logger.warn("webhook delivery attempt failed", {
      webhookId: data.webhookId,
      messageId,
      url: shownUrl,
      attempt,
      status: result.status,
      retriable: result.retriable && !final,
    });
    if (!result.retriable || final) return failed(result.error, result.status);
    const attemptError = new WebhookAttemptError(
      {
        webhookId: data.webhookId,
        url: shownUrl,
        attempt,
        received: result.error,
        ...(result.status === undefined ? {} : { status: result.status }),
      },
      result.cause === undefined ? undefined : { cause: result.cause },
    );
    if (result.retryAfterMs !== undefined) {
      const delay = Math.min(
        Math.max(result.retryAfterMs, inngestLimits.minRetryDelayMs),
        inngestLimits.maxRetryDelayMs,
      );
      throw new RetryAfterError(attemptError.message, delay, { cause: attemptError });
    }
    throw attemptError;
  };

  const definition: WebhookDeliveryDefinition = (
    defineEventFunction as unknown as (input: object) => WebhookDeliveryDefinition
  )({
    ...functionOptions,
    id,
    on: webhookDeliver,
    retries,
    concurrency,
    sends: emitEvents ? [webhookDelivered, webhookFailed] : [],
    handler: async (ctx: HandlerContext<WebhookDeliverEvent>): Promise<WebhookDeliveryResult> => {
      const { event, step } = ctx;
      const data = event.data;
      const messageId = data.messageId ?? defaultMessageId(event.id);
      let outcome: DeliveryOutcome;
      try {
        outcome = (await step.run("deliver", () => deliver(ctx, messageId))) as DeliveryOutcome;
      } catch (error) {
        // Only an error nobody classified gets here (retries used up on a thrown error).
        outcome = {
          ok: false,
          attempts:
            Math.min(data.retryCount ?? Number.POSITIVE_INFINITY, definition.config.retries.attempts) + 1,
          error: describeError(error),
          at: new Date().toISOString(),
        };
      }
      // Events are stored and fanned out: the URL goes without its query string, which often holds a token.
      const shownUrl = redactUrl(data.url);
      const common = { webhookId: data.webhookId, messageId, url: shownUrl, attempts: outcome.attempts };
      if (outcome.ok) {
        if (emitEvents) {
          await step.sendEvent(
            "emit-delivered",
            webhookDelivered.create(
              { ...common, status: outcome.status, durationMs: outcome.durationMs, deliveredAt: outcome.at },
              { id: `webhook-delivered-${messageId}` },
            ),
          );
        }
        return {
          webhookId: data.webhookId,
          messageId,
          status: outcome.status,
          attempts: outcome.attempts,
          durationMs: outcome.durationMs,
        };
      }
      const error = outcome.error.slice(0, maxEventErrorLength) || "unknown error";
      if (emitEvents) {
        await step.sendEvent(
          "emit-failed",
          webhookFailed.create(
            {
              ...common,
              ...(outcome.status === undefined ? {} : { status: outcome.status }),
              error,
              failedAt: outcome.at,
            },
            { id: `webhook-failed-${messageId}` },
          ),
        );
      }
      throw new WebhookDeliveryError({
        webhookId: data.webhookId,
        messageId,
        url: shownUrl,
        attempts: outcome.attempts,
        received: error,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
      });
    },
  });
  return definition;
}
