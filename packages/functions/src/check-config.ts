import type { AnyEventDefinition } from "@jobkit/events";
import type { Middleware } from "inngest";
import { checkRetries, type RetryOptions } from "./backoff";
import { describeValue } from "./describe-value";
import { type Duration, parseDuration } from "./duration";
import type { CancelConfig, ConcurrencyConfig, EventTrigger, FunctionConfig } from "./function-definition";
import type { BatchEventsOption, FlowControlOptions } from "./function-options";
import { type ConfigFailure, configFailure } from "./internal/config-failure";
import { JobError } from "./job-error";
import type { InngestLimits } from "./limits";

/** Everything `checkConfig` reads: the flow-control options plus retries, batching and middleware. */
export interface ConfigInput extends FlowControlOptions {
  readonly retries?: number | RetryOptions;
  readonly batchEvents?: BatchEventsOption;
  readonly middleware?: readonly Middleware.Class[];
}

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Throws {@link JobError} unless `id` is a slug within the id length limit. */
export function checkFunctionId(id: unknown, limits: InngestLimits, path = "id"): string {
  if (typeof id !== "string" || !idPattern.test(id) || id.length > limits.maxFunctionIdLength) {
    const slug =
      typeof id === "string"
        ? id
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/^-+|-+$/g, "")
        : "";
    throw new JobError({
      functionId: undefined,
      subject: path === "id" ? "function id" : `option "${path}"`,
      path,
      received: describeValue(id),
      details:
        typeof id === "string" && id.length > limits.maxFunctionIdLength
          ? [`${id.length} characters, more than ${limits.maxFunctionIdLength}`]
          : [],
      expected: `a slug of lower-case letters, digits and single hyphens, 1-${limits.maxFunctionIdLength} characters`,
      // Cut to the limit: the example must stay short even for a 256 KiB id.
      example: JSON.stringify(
        slug !== "" && idPattern.test(slug) && slug.length <= limits.maxFunctionIdLength
          ? slug
          : "send-welcome-email",
      ),
    });
  }
  return id;
}

type Fail = ConfigFailure;

function wholeNumber(
  fail: Fail,
  path: string,
  value: unknown,
  min: number,
  max: number,
  example: string,
): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(path, value, `a whole number from ${min} to ${max}`, { example: example });
  }
  return value as number;
}

function text(fail: Fail, path: string, value: unknown, example: string): string {
  if (typeof value !== "string" || value.trim() === "")
    fail(path, value, "a non-empty string", { example: example });
  return value as string;
}

const plainPath = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)*$/;

/** A key path or CEL expression; a bare dotted path must start at `event.` like Inngest expects. */
function keyExpression(fail: Fail, path: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const key = text(fail, path, value, '"event.data.userId"');
  if (plainPath.test(key) && !key.startsWith("event.")) {
    fail(path, value, 'a key path from "event", or a cel() expression', {
      // Cut like any shown value: a 256 KiB key would otherwise come back whole in the message.
      example: describeValue(`event.${key}`),
    });
  }
  return key;
}

function objectOption<TValue>(fail: Fail, path: string, value: TValue, example: string): TValue {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(path, value, "an object", { example: example });
  return value;
}

/** Checks an event trigger list (`on` or `cancelOn[].event`) entry and returns its name and definition. */
export function checkEventRef(
  fail: Fail,
  path: string,
  ref: unknown,
): { event: string; definition: AnyEventDefinition | undefined } {
  if (typeof ref === "string" && ref.trim() !== "") return { event: ref, definition: undefined };
  if (typeof ref === "object" && ref !== null && typeof (ref as { name?: unknown }).name === "string") {
    return { event: (ref as AnyEventDefinition).name, definition: ref as AnyEventDefinition };
  }
  return fail(path, ref, "an event definition from defineEvent() or a registered event name", {
    example: '"user/created"',
  });
}

/** Checks `on` and `if` and returns the event triggers of a definition. */
export function checkTriggers(
  functionId: string,
  on: unknown,
  condition: unknown,
  limits: InngestLimits,
): EventTrigger[] {
  const fail = configFailure(functionId);
  const refs = Array.isArray(on) ? on : [on];
  if (on === undefined || refs.length === 0) {
    fail("on", on, "an event definition, a registered event name, or a non-empty list of them", {
      example: "userCreated",
    });
  }
  if (refs.length > limits.maxTriggers) {
    fail("on", on, `at most ${limits.maxTriggers} triggers`);
  }
  const ifExpression =
    condition === undefined ? undefined : text(fail, "if", condition, "\"event.data.plan == 'pro'\"");
  const seen = new Set<string>();
  return refs.map((ref, index) => {
    const path = Array.isArray(on) ? `on[${index}]` : "on";
    const { event, definition } = checkEventRef(fail, path, ref);
    if (seen.has(event)) fail(path, event, "each event once");
    seen.add(event);
    return { type: "event", event, definition, if: ifExpression };
  });
}

/** What kind of definition the options belong to, for checks that depend on it. */
export interface ConfigContext {
  readonly functionId: string;
  readonly kind: "event" | "cron" | "step";
  readonly limits: InngestLimits;
}

/**
 * Checks every option of a definition against its rules and {@link InngestLimits} and returns the
 * normalised {@link FunctionConfig}; throws {@link JobError} on the first problem.
 */
export function checkConfig(options: ConfigInput, context: ConfigContext): FunctionConfig {
  const { functionId, limits } = context;
  const fail = configFailure(functionId);
  const duration = (path: string, value: Duration, minMs: number, maxMs: number) =>
    parseDuration(value, { functionId, path, minMs, maxMs });

  const retries = checkRetries(functionId, options.retries, limits);

  const concurrency: ConcurrencyConfig[] = [];
  if (options.concurrency !== undefined) {
    const raw = options.concurrency;
    const entries = typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
    if (entries.length === 0 || entries.length > limits.maxConcurrencyEntries) {
      fail("concurrency", raw, `1 to ${limits.maxConcurrencyEntries} concurrency limits`, {
        example: '[{ limit: 5, key: "event.data.userId" }, { limit: 50 }]',
      });
    }
    entries.forEach((entry, index) => {
      const path = Array.isArray(raw) ? `concurrency[${index}]` : "concurrency";
      const value = objectOption(fail, path, entry, '{ limit: 10, key: "event.data.userId" }');
      const limit = wholeNumber(
        fail,
        typeof raw === "number" ? path : `${path}.limit`,
        value.limit,
        1,
        Number.MAX_SAFE_INTEGER,
        "10",
      );
      const key = keyExpression(fail, `${path}.key`, value.key);
      const scope = value.scope;
      if (scope !== undefined && scope !== "fn" && scope !== "env" && scope !== "account") {
        fail(`${path}.scope`, scope, '"fn", "env" or "account"', { example: '"fn"' });
      }
      if ((scope === "env" || scope === "account") && key === undefined) {
        fail(`${path}.key`, undefined, `a key for a concurrency limit with scope "${scope}"`, {
          example: '"\\"openai\\""',
        });
      }
      concurrency.push({ limit, key, scope });
    });
  }

  const throttle =
    options.throttle === undefined
      ? undefined
      : (() => {
          const value = objectOption(fail, "throttle", options.throttle, '{ limit: 10, period: "1m" }');
          return {
            limit: wholeNumber(fail, "throttle.limit", value.limit, 1, Number.MAX_SAFE_INTEGER, "10"),
            periodMs: duration(
              "throttle.period",
              value.period,
              limits.minPeriodMs,
              limits.maxThrottlePeriodMs,
            ),
            key: keyExpression(fail, "throttle.key", value.key),
            burst:
              value.burst === undefined
                ? undefined
                : wholeNumber(fail, "throttle.burst", value.burst, 1, Number.MAX_SAFE_INTEGER, "2"),
          };
        })();

  const rateLimit =
    options.rateLimit === undefined
      ? undefined
      : (() => {
          const value = objectOption(fail, "rateLimit", options.rateLimit, '{ limit: 1, period: "1h" }');
          return {
            limit: wholeNumber(fail, "rateLimit.limit", value.limit, 1, Number.MAX_SAFE_INTEGER, "10"),
            periodMs: duration(
              "rateLimit.period",
              value.period,
              limits.minPeriodMs,
              limits.maxRateLimitPeriodMs,
            ),
            key: keyExpression(fail, "rateLimit.key", value.key),
          };
        })();

  const debounce =
    options.debounce === undefined
      ? undefined
      : (() => {
          const value = objectOption(fail, "debounce", options.debounce, '{ period: "5m" }');
          const periodMs = duration(
            "debounce.period",
            value.period,
            limits.minPeriodMs,
            limits.maxDebouncePeriodMs,
          );
          const timeoutMs =
            value.timeout === undefined
              ? undefined
              : duration("debounce.timeout", value.timeout, periodMs, limits.maxDebouncePeriodMs);
          return { periodMs, key: keyExpression(fail, "debounce.key", value.key), timeoutMs };
        })();

  const batchEvents =
    options.batchEvents === undefined
      ? undefined
      : (() => {
          const value = objectOption(
            fail,
            "batchEvents",
            options.batchEvents,
            '{ maxSize: 100, timeout: "5s" }',
          );
          return {
            maxSize: wholeNumber(
              fail,
              "batchEvents.maxSize",
              value.maxSize,
              1,
              limits.maxBatchSize,
              String(limits.maxBatchSize),
            ),
            timeoutMs: duration("batchEvents.timeout", value.timeout, 1000, limits.maxBatchTimeoutMs),
            key: keyExpression(fail, "batchEvents.key", value.key),
            if:
              value.if === undefined
                ? undefined
                : text(fail, "batchEvents.if", value.if, "\"event.data.plan == 'free'\""),
          };
        })();
  if (batchEvents && debounce) {
    fail("debounce", options.debounce, "either batchEvents or debounce: Inngest rejects functions with both");
  }

  const idempotency = keyExpression(fail, "idempotency", options.idempotency);
  if (idempotency !== undefined && rateLimit !== undefined) {
    fail(
      "idempotency",
      options.idempotency,
      "either idempotency or rateLimit: Inngest implements idempotency as a 24-hour rate limit that replaces rateLimit",
    );
  }

  const singleton =
    options.singleton === undefined
      ? undefined
      : (() => {
          const value = objectOption(fail, "singleton", options.singleton, '{ mode: "skip" }');
          if (value.mode !== "skip" && value.mode !== "cancel") {
            fail("singleton.mode", value.mode, '"skip" or "cancel"', { example: '"skip"' });
          }
          return { mode: value.mode, key: keyExpression(fail, "singleton.key", value.key) };
        })();

  const priority =
    options.priority === undefined
      ? undefined
      : typeof options.priority === "number"
        ? {
            run: String(
              wholeNumber(fail, "priority", options.priority, -limits.maxPriority, limits.maxPriority, "60"),
            ),
          }
        : {
            run: text(
              fail,
              "priority.run",
              objectOption(
                fail,
                "priority",
                options.priority,
                "{ run: \"event.data.plan == 'pro' ? 120 : 0\" }",
              ).run,
              "\"event.data.plan == 'pro' ? 120 : 0\"",
            ),
          };
  if (priority && batchEvents) {
    fail("priority", options.priority, "either priority or batchEvents: Inngest rejects functions with both");
  }

  if (options.timeout !== undefined && options.timeouts?.finish !== undefined) {
    fail("timeout", options.timeout, 'either "timeout" or "timeouts.finish", which it is shorthand for');
  }
  const finish = options.timeouts?.finish ?? options.timeout;
  const finishPath = options.timeout === undefined ? "timeouts.finish" : "timeout";
  if (options.timeouts !== undefined)
    objectOption(fail, "timeouts", options.timeouts, '{ start: "10m", finish: "1h" }');
  const timeouts =
    options.timeouts?.start === undefined && finish === undefined
      ? undefined
      : {
          startMs:
            options.timeouts?.start === undefined
              ? undefined
              : duration("timeouts.start", options.timeouts.start, 1000, limits.maxSleepMs),
          finishMs: finish === undefined ? undefined : duration(finishPath, finish, 1000, limits.maxSleepMs),
        };

  const cancelOn: CancelConfig[] = [];
  if (options.cancelOn !== undefined) {
    if (!Array.isArray(options.cancelOn)) {
      fail("cancelOn", options.cancelOn, "a list of { event, match | if, timeout? }", {
        example: '[{ event: orderCancelled, match: "data.orderId" }]',
      });
    }
    if (options.cancelOn.length > limits.maxCancellations) {
      fail("cancelOn", options.cancelOn, `at most ${limits.maxCancellations} cancellation events`);
    }
    options.cancelOn.forEach((entry, index) => {
      const path = `cancelOn[${index}]`;
      const value = objectOption(fail, path, entry, '{ event: orderCancelled, match: "data.orderId" }');
      const { event, definition } = checkEventRef(fail, `${path}.event`, value.event);
      if (value.match !== undefined && value.if !== undefined) {
        fail(`${path}.if`, value.if, `either "match" or "if", not both`);
      }
      let condition: string | undefined;
      if (value.match !== undefined) {
        const match = text(fail, `${path}.match`, value.match, '"data.orderId"');
        if (!/^data(\.[\w$]+)+$/.test(match)) {
          fail(`${path}.match`, match, 'a "data.*" path present in both events', {
            example: '"data.orderId"',
          });
        }
        condition = `event.${match} == async.${match}`;
      } else if (value.if !== undefined) {
        condition = text(fail, `${path}.if`, value.if, '"async.data.orderId == event.data.orderId"');
      }
      cancelOn.push({
        event,
        definition,
        if: condition,
        timeoutMs:
          value.timeout === undefined
            ? undefined
            : duration(`${path}.timeout`, value.timeout, 1000, limits.maxSleepMs),
      });
    });
  }

  const middleware = options.middleware ?? [];
  if (!Array.isArray(middleware) || middleware.some((entry) => typeof entry !== "function")) {
    fail("middleware", options.middleware, "a list of Inngest middleware classes", {
      example: "[new Middleware(…)]",
    });
  }

  return {
    retries,
    concurrency,
    throttle,
    rateLimit,
    debounce,
    batchEvents,
    idempotency,
    singleton,
    priority,
    timeouts,
    cancelOn,
    middleware,
  };
}

/** Checks a list of strings such as `tags` or `env`. */
export function checkStringList(functionId: string, path: string, value: unknown): readonly string[] {
  const fail = configFailure(functionId);
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item.trim() === "")) {
    fail(path, value, "a list of non-empty strings", { example: '["billing", "email"]' });
  }
  return Object.freeze([...(value as string[])]);
}

/** Checks `sends`: a list of event definitions. */
export function checkSends(functionId: string, value: unknown): readonly AnyEventDefinition[] {
  const fail = configFailure(functionId);
  if (value === undefined) return [];
  if (!Array.isArray(value))
    fail("sends", value, "a list of event definitions", { example: "[orderShipped]" });
  (value as unknown[]).forEach((item, index) => {
    checkEventRef(fail, `sends[${index}]`, typeof item === "string" ? undefined : item);
  });
  return Object.freeze([...(value as AnyEventDefinition[])]);
}

/** Checks that a required callback is a function. */
export function checkFunction(functionId: string, path: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== "function") {
    configFailure(functionId)(path, value, "a function", {
      example: path === "handler" ? "async ({ event, step }) => { … }" : undefined,
    });
  }
}

/** Checks an optional display text such as `name` or `description`. */
export function checkText(functionId: string, path: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return text(configFailure(functionId), path, value, '"Send welcome email"');
}
