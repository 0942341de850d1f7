import { type AnyFunctionDefinition, type AppDefaults, manifest } from "@jobkit/functions";
import type { RequestHandler } from "express";
import type { Inngest } from "inngest";

/** What `GET /health` reads. */
export interface HealthOptions {
  readonly inngest: Inngest.Any;
  readonly jobs: readonly AnyFunctionDefinition[];
  readonly defaults?: AppDefaults;
  /** The clock next cron runs are computed from; defaults to now. */
  readonly now?: () => Date;
}

/**
 * `GET /health`: the app is up, which Inngest app and mode it serves, and every registered job with its
 * triggers and, for schedules, the next run.
 *
 * @example Mount it
 * ```ts
 * import express from "express";
 * import { Inngest } from "inngest";
 * import { healthRoute } from "./health";
 *
 * express().get("/health", healthRoute({ inngest: new Inngest({ id: "shop" }), jobs: [] }));
 * ```
 */
export function healthRoute({
  inngest,
  jobs,
  defaults,
  now = () => new Date(),
}: HealthOptions): RequestHandler {
  return (_request, response) => {
    const time = now();
    const { functions } = manifest(jobs, { now: time, ...(defaults === undefined ? {} : { defaults }) });
    response.set("Cache-Control", "no-store").json({
      status: "ok",
      time: time.toISOString(),
      app: inngest.id,
      mode: inngest.mode,
      jobs: functions.map(({ id, kind, triggers }) => ({ id, kind, triggers })),
    });
  };
}
