import type { RunsTarget } from "./run-target";
import { invalidInput } from "./runs-error";

interface CancelRunsBase {
  /** The app the function is synced in; default the client's `appId` (`INNGEST_APP_ID`). */
  readonly appId?: string;
  /** Cancel only runs started after this instant. */
  readonly startedAfter?: Date | string;
  /** Cancel runs started before this instant; must not be in the future (the API allows 5 s of skew). */
  readonly startedBefore: Date | string;
  /** A CEL expression over the run's `event`; only matching runs are cancelled. */
  readonly if?: string;
  readonly signal?: AbortSignal;
}

/**
 * The options of `cancelRuns`: which function (a definition, or its slug as `functionId`), the time range, an
 * optional `if` filter.
 */
export type CancelRunsOptions = CancelRunsBase &
  (
    | { readonly definition: RunsTarget; readonly functionId?: never }
    | {
        /** The function's slug as Inngest lists it, `<app>-<fn>`. */
        readonly functionId: string;
        readonly definition?: never;
      }
  );

/**
 * A bulk cancellation as the API created it (`cqrs.Cancellation` in pkg/cqrs/cancellations.go), camelCased.
 *
 * @example Log what was cancelled
 * ```ts
 * import type { Cancellation } from "@jobkit/runs";
 *
 * export const describe = (c: Cancellation) =>
 *   `cancellation ${c.id}: ${c.functionId} runs started before ${c.startedBefore.toISOString()}`;
 * ```
 */
export interface Cancellation {
  readonly id: string;
  /** The function slug. */
  readonly functionId: string;
  /** The function's internal UUID. */
  readonly functionInternalId: string | undefined;
  readonly startedAfter: Date | null;
  readonly startedBefore: Date;
  readonly if: string | undefined;
  readonly createdAt: Date | undefined;
}

/** The body `POST /v1/cancellations` takes: `CreateCancellationBody` in pkg/api/apiv1/cancellation.go. */
export interface CancellationBody {
  readonly app_id: string;
  readonly function_id: string;
  readonly started_after?: string;
  readonly started_before: string;
  readonly if?: string;
}

const allowedSkewMs = 5_000;

function instant(value: unknown, path: string): Date {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    invalidInput(
      `@jobkit/runs cancelRuns: ${path}`,
      typeof value === "string" ? JSON.stringify(value) : String(value),
      "a Date or an ISO 8601 date-time",
      '"2026-12-07T09:00:00Z"',
    );
  }
  return date;
}

/** Checks the options the way the API's `Validate()` does, before any request, and builds the snake_case body. */
export function cancellationBody(
  options: CancelRunsOptions,
  clientAppId: string | undefined,
  slugOf: (target: RunsTarget, appId: string) => string,
): CancellationBody {
  if (typeof options !== "object" || options === null) {
    invalidInput(
      "@jobkit/runs cancelRuns: options",
      String(options),
      "{ definition | functionId, startedBefore, … }",
    );
  }
  const appId = options.appId ?? clientAppId;
  if (appId === undefined || appId.trim() === "") {
    invalidInput(
      "@jobkit/runs cancelRuns: app_id is required",
      "no appId option, no client appId and INNGEST_APP_ID is not set",
      "the app id the function is synced under",
      '{ appId: "shop", … }',
    );
  }
  const hasDefinition = options.definition !== undefined;
  const hasFunctionId = options.functionId !== undefined;
  if (hasDefinition === hasFunctionId) {
    invalidInput(
      "@jobkit/runs cancelRuns: which function",
      hasDefinition ? "both definition and functionId" : "neither definition nor functionId",
      "exactly one of them",
      "{ definition: dailyReport, startedBefore: new Date() }",
    );
  }
  const functionId = hasDefinition
    ? slugOf(options.definition as RunsTarget, appId)
    : (options.functionId as string);
  if (typeof functionId !== "string" || functionId.trim() === "") {
    invalidInput(
      "@jobkit/runs cancelRuns: functionId",
      String(functionId),
      "the function slug, `<app>-<fn>`",
      '"shop-build-report"',
    );
  }
  if (options.startedBefore === undefined) {
    invalidInput(
      "@jobkit/runs cancelRuns: startedBefore is required",
      "nothing",
      "a Date not in the future",
      "new Date()",
    );
  }
  const before = instant(options.startedBefore, "startedBefore");
  if (before.getTime() > Date.now() + allowedSkewMs) {
    invalidInput(
      "@jobkit/runs cancelRuns: startedBefore must be in the past",
      before.toISOString(),
      "an instant not in the future: bulk cancellation stops runs already started; use cancelOn for future runs",
      "new Date()",
    );
  }
  const after =
    options.startedAfter === undefined ? undefined : instant(options.startedAfter, "startedAfter");
  if (after !== undefined && after.getTime() > before.getTime()) {
    invalidInput(
      "@jobkit/runs cancelRuns: startedAfter must be before startedBefore",
      `startedAfter ${after.toISOString()}, startedBefore ${before.toISOString()}`,
      "startedAfter ≤ startedBefore",
    );
  }
  if (options.if !== undefined && (typeof options.if !== "string" || options.if.trim() === "")) {
    invalidInput(
      "@jobkit/runs cancelRuns: if",
      String(options.if),
      "a CEL expression over event",
      "\"event.data.userId == 'user_1'\"",
    );
  }
  return {
    app_id: appId,
    function_id: functionId,
    ...(after === undefined ? {} : { started_after: after.toISOString() }),
    started_before: before.toISOString(),
    ...(options.if === undefined ? {} : { if: options.if }),
  };
}

/** Reads the created cancellation from the API's answer. */
export function toCancellation(value: unknown): Cancellation {
  const data = (value ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : undefined);
  const date = (key: string) => (typeof data[key] === "string" ? new Date(data[key] as string) : undefined);
  return {
    id: text("id") ?? "",
    functionId: text("function_id") ?? "",
    functionInternalId: text("function_internal_id"),
    startedAfter: date("started_after") ?? null,
    startedBefore: date("started_before") ?? new Date(Number.NaN),
    if: text("if"),
    createdAt: date("created_at"),
  };
}
