import { webhookDeliver, webhookDelivered, webhookFailed } from "@jobkit/events/standard";
import type { HandlerContext } from "@jobkit/functions";
import {
  type CheckOptionKeys,
  checkReadyMadeOptions,
  type RejectUnknownOptions,
} from "@jobkit/functions/internal";
import { NonRetriableError, RetryAfterError } from "inngest";
import { messageIdProblem } from "./check-message-id";
import { redactUrl } from "./redact-url";
import { compileSendPolicy, sendOptionNames } from "./send-policy";
import { attemptDelivery } from "./send-webhook";
import { webhookDefaults } from "./webhook-defaults";
import type {
  WebhookDeliverEvent,
  WebhookDeliveryDefinition,
  WebhookDeliveryOptions,
  WebhookDeliveryResult,
} from "./webhook-delivery-options";
import { WebhookError } from "./webhook-error";

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

/** 10 retries, exponential from 30 s to 12 h, within a self-hosted server's `maxRetryDelayMs`. */
function defaultRetries(maxRetryDelayMs: number) {
  return {
    attempts: 10,
    backoff: "exponential",
    minTimeout: Math.min(30_000, maxRetryDelayMs),
    maxTimeout: Math.min(12 * 60 * 60_000, maxRetryDelayMs),
    jitter: 0.2,
  } as const;
}

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
 * stripped of query and fragment). A delivery that fails ends the run with a `NonRetriableError` whose
 * `cause` is a {@link WebhookError} with code `delivery-failed`.
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
  const checked = checkReadyMadeOptions(options, {
    defaultId: "webhook-delivery",
    own: ["secretFor", "envelope", "emitEvents", ...sendOptionNames],
  });
  const { id, fail, limits } = checked;
  const {
    id: _id,
    limits: _limits,
    secretFor,
    envelope = false,
    emitEvents = true,
    retries = defaultRetries(limits.maxRetryDelayMs),
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
  } = checked.options as unknown as WebhookDeliveryOptions;
  if (typeof secretFor !== "function") {
    fail(
      "secretFor",
      secretFor,
      "a function (webhookId) => the endpoint's whsec_ secret; every webhook is signed",
      {
        example: "(webhookId) => db.endpoints.secret(webhookId)",
      },
    );
  }
  for (const [key, value] of [
    ["envelope", envelope],
    ["emitEvents", emitEvents],
  ] as const) {
    if (typeof value !== "boolean") fail(key, value, "true or false");
  }
  if (typeof retries === "object" && retries !== null && "retry" in retries) {
    fail(
      "retries.retry",
      retries.retry,
      "no retry(): the response decides (2xx done; 408, 429, 5xx, network errors retried; the rest not)",
      { example: '{ attempts: 5, backoff: "exponential" }' },
    );
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
    limits,
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
      // A bad secret or message will not fix itself between retries; the message never holds the secret.
      if (
        error instanceof WebhookError &&
        (error.code === "invalid-secret" || error.code === "invalid-input")
      ) {
        return failed(error.message.split("\n")[0] ?? error.name);
      }
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
    const attemptError = new WebhookError(
      {
        code: "attempt-failed",
        webhookId: data.webhookId,
        url: shownUrl,
        attempts: attempt,
        received: result.error,
        ...(result.status === undefined ? {} : { status: result.status }),
      },
      result.cause === undefined ? undefined : { cause: result.cause },
    );
    if (result.retryAfterMs !== undefined) {
      const delay = Math.min(Math.max(result.retryAfterMs, limits.minRetryDelayMs), limits.maxRetryDelayMs);
      throw new RetryAfterError(attemptError.message, delay, { cause: attemptError });
    }
    throw attemptError;
  };

  const definition: WebhookDeliveryDefinition = (
    checked.defineEventFunction as unknown as (input: object) => WebhookDeliveryDefinition
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
      const failure = new WebhookError({
        code: "delivery-failed",
        webhookId: data.webhookId,
        messageId,
        url: shownUrl,
        attempts: outcome.attempts,
        received: error,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
      });
      // Retrying the run would only replay the recorded outcome: end it now, the WebhookError as cause.
      throw new NonRetriableError(failure.message, { cause: failure });
    },
  });
  return definition;
}
