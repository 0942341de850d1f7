import { EventError } from "@jobkit/events";
import type { StandardCatalog } from "@jobkit/events/standard";
import {
  type AnyFunctionDefinition,
  type AppDefaults,
  type EventSender,
  type EventTrigger,
  manifest,
} from "@jobkit/functions";
import express, { type Response, type Router } from "express";
import { bearerAuth } from "./bearer-auth";

/** What the admin API needs: its token, the jobs, and a sender bound to the app's client and catalog. */
export interface AdminRouterOptions {
  readonly token: string;
  readonly jobs: readonly AnyFunctionDefinition[];
  readonly sender: EventSender<StandardCatalog>;
  readonly catalog: StandardCatalog;
  readonly defaults?: AppDefaults;
  readonly now?: () => Date;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Ids come from the URL: quote them, but never echo more than a short prefix. */
const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

const badRequest = (response: Response, error: string, message: string, extra: object = {}) =>
  response.status(400).json({ error, message, ...extra });

/**
 * The admin API behind a bearer token: `GET /jobs` lists every job with its triggers, next run
 * and an example payload; `POST /jobs/:id/trigger` sends the job's trigger event with the posted `data`,
 * validated against the catalog before anything is sent.
 *
 * @example Mount it only when a token is configured
 * ```ts
 * import express from "express";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { createSender } from "@jobkit/functions";
 * import { Inngest } from "inngest";
 * import { adminRouter } from "./admin-router";
 *
 * const inngest = new Inngest({ id: "shop" });
 * const sender = createSender(inngest, standardCatalog);
 * const token = process.env.ADMIN_TOKEN;
 * const app = express();
 * if (token) app.use("/admin", adminRouter({ token, jobs: [], sender, catalog: standardCatalog }));
 * ```
 */
export function adminRouter(options: AdminRouterOptions): Router {
  const { jobs, sender, catalog, defaults, now = () => new Date() } = options;
  const router = express.Router();
  router.use(bearerAuth(options.token));

  const eventTriggers = (job: AnyFunctionDefinition) =>
    job.triggers.filter((trigger): trigger is EventTrigger => trigger.type === "event");

  router.get("/jobs", (_request, response) => {
    const { functions } = manifest(jobs, { now: now(), ...(defaults === undefined ? {} : { defaults }) });
    response.json({
      jobs: functions.map((described, index) => {
        const job = jobs[index] as AnyFunctionDefinition;
        return {
          id: described.id,
          name: described.name,
          kind: described.kind,
          ...(described.description === undefined ? {} : { description: described.description }),
          triggers: described.triggers,
          retries: described.retries,
          triggerEvents: eventTriggers(job).map((trigger) => ({
            event: trigger.event,
            ...(trigger.if === undefined ? {} : { if: trigger.if }),
            example: catalog.has(trigger.event) ? (catalog.get(trigger.event).examples[0] ?? null) : null,
          })),
        };
      }),
    });
  });

  router.post("/jobs/:id/trigger", express.json({ limit: "256kb" }), async (request, response) => {
    const jobId = String(request.params.id);
    const job = jobs.find((candidate) => candidate.id === jobId);
    if (job === undefined) {
      badRequest(
        response,
        "unknown_job",
        `Unknown job ${quote(jobId)}; jobs: ${jobs.map((candidate) => candidate.id).join(", ")}`,
      );
      return;
    }
    const triggers = eventTriggers(job);
    if (triggers.length === 0) {
      const schedules = job.triggers.flatMap((trigger) =>
        trigger.type === "cron" ? [trigger.schedule] : [],
      );
      badRequest(
        response,
        "not_triggerable",
        `Job "${job.id}" runs on a schedule (${schedules.join(", ")}) and has no trigger event; ` +
          "run it from the Inngest dashboard (Invoke), or trigger the job it starts",
      );
      return;
    }
    const body: unknown = request.body;
    const requested = isRecord(body) && typeof body.event === "string" ? body.event : undefined;
    const trigger =
      requested === undefined && triggers.length === 1
        ? triggers[0]
        : triggers.find((candidate) => candidate.event === requested);
    if (trigger === undefined) {
      badRequest(
        response,
        "invalid_payload",
        `Job "${job.id}" is triggered by ${triggers.map((candidate) => `"${candidate.event}"`).join(" or ")}; ` +
          `give "event" in the body to choose${requested === undefined ? "" : `, received ${quote(requested)}`}`,
      );
      return;
    }
    const example = catalog.has(trigger.event) ? catalog.get(trigger.event).examples[0] : undefined;
    if (!isRecord(body) || !isRecord(body.data)) {
      badRequest(
        response,
        "invalid_payload",
        `Expected a JSON body { "data": { … } } with the data of "${trigger.event}", received ${
          isRecord(body)
            ? `"data" of type ${body.data === null ? "null" : typeof body.data}`
            : "no JSON object"
        }`,
        example === undefined ? {} : { example: { data: example } },
      );
      return;
    }
    if (body.id !== undefined && (typeof body.id !== "string" || body.id === "")) {
      badRequest(
        response,
        "invalid_payload",
        '"id" must be a non-empty string (the event id, for deduplication)',
      );
      return;
    }
    try {
      const result = await sender.send(
        trigger.event as StandardCatalog["names"][number],
        body.data as never,
        typeof body.id === "string" ? { id: body.id } : undefined,
      );
      response.status(202).json({
        job: job.id,
        event: trigger.event,
        ids: result.ids,
        ...(trigger.if === undefined ? {} : { runsIf: trigger.if }),
      });
    } catch (error) {
      if (error instanceof EventError && error.code === "invalid-data") {
        badRequest(response, "invalid_payload", error.message, {
          issues: error.issues.map(({ path, message }) => ({ path, message })),
          ...(example === undefined ? {} : { example: { data: example } }),
        });
        return;
      }
      if (error instanceof EventError) {
        badRequest(response, "invalid_payload", error.message);
        return;
      }
      // Validation passed, so the event was fine and Inngest could not take it: a gateway error.
      response.status(502).json({
        error: "send_failed",
        message: `Could not send "${trigger.event}" to Inngest: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

  return router;
}
