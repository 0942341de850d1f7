import { standardCatalog } from "@jobkit/events/standard";
import { type AnyFunctionDefinition, createSender, register } from "@jobkit/functions";
import { createRunsClient } from "@jobkit/runs";
import express, { type Express } from "express";
import type { Inngest, Logger } from "inngest";
import { serve } from "inngest/express";
import { type AppConfig, type Environment, readConfig } from "./config";
import { createClient } from "./inngest";
import { createJobs, jobDefaults } from "./jobs/create-jobs";
import { failureLog } from "./jobs/failure-log";
import { userReport } from "./jobs/user-report";
import { adminRouter } from "./routes/admin-router";
import { handleErrors, notFound } from "./routes/handle-errors";
import { healthRoute } from "./routes/health";
import { jobRoutes } from "./routes/jobs";
import { webhookRouter } from "./routes/webhook-router";
import { createStore, type Store } from "./store";

/** What the app is built from; everything but `environment` exists for tests. */
export interface CreateAppOptions {
  /** Configuration (`INNGEST_*`, `ADMIN_TOKEN`, `PORT`); defaults to `process.env`. */
  readonly environment?: Environment;
  /** The data the jobs read and write; defaults to an empty in-memory store. */
  readonly store?: Store;
  /** Replaces `globalThis.fetch` for the Inngest client (event sends, Inngest API calls). */
  readonly fetch?: typeof fetch;
  /** Receives the Inngest SDK's log lines. */
  readonly logger?: Logger;
  /** The clock `/health` and the admin API compute next cron runs from. */
  readonly now?: () => Date;
}

/** The app and the parts tests and the server reach into. */
export interface ExampleApp {
  readonly app: Express;
  readonly config: AppConfig;
  readonly inngest: Inngest.Any;
  readonly jobs: readonly AnyFunctionDefinition[];
  readonly store: Store;
}

/**
 * Builds the Express app: Inngest's `serve()` at `/api/inngest`, `GET /health`, the admin API under
 * `/admin` (only when `ADMIN_TOKEN` is set), the webhook receiver `POST /webhooks/incoming` (only when
 * `WEBHOOK_SECRET` is set) and JSON errors. It does not listen; `server.ts` does.
 *
 * @example Start it on a random port
 * ```ts
 * import { createApp } from "./app";
 *
 * const { app } = createApp({ environment: { INNGEST_DEV: "1" } });
 * const server = app.listen(0, "127.0.0.1");
 * ```
 */
export function createApp(options: CreateAppOptions = {}): ExampleApp {
  const environment = options.environment ?? process.env;
  const config = readConfig(environment);
  const store = options.store ?? createStore();
  const inngest = createClient({
    environment,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  // The report job and the failure tracker serve the job status routes (POST /reports, GET /jobs/:eventId).
  const report = userReport(store);
  const jobs = [...createJobs(store), report, failureLog(options.logger ?? console)];
  const functions = register(inngest, jobs, { catalog: standardCatalog, defaults: jobDefaults });
  const now = options.now ?? (() => new Date());

  const app = express();
  app.disable("x-powered-by");

  // Inngest sends the run's event and every earlier step's output with each request: allow large bodies.
  // Signature verification stays on: in cloud mode every request must be signed with INNGEST_SIGNING_KEY.
  app.use("/api/inngest", express.json({ limit: "10mb" }), serve({ client: inngest, functions }));

  app.get("/health", healthRoute({ inngest, jobs, defaults: jobDefaults, now }));

  const sender = createSender(inngest, standardCatalog);

  // No secret, no webhook route: unsigned webhooks are never accepted.
  if (config.webhookSecrets.length > 0) {
    app.use(
      "/webhooks",
      webhookRouter({ secrets: config.webhookSecrets, source: config.webhookSource, sender }),
    );
  }

  // No token, no admin API: the routes are not mounted at all, so /admin/* is a plain 404.
  if (config.adminToken !== undefined) {
    app.use(
      "/admin",
      adminRouter({
        token: config.adminToken,
        jobs,
        sender,
        catalog: standardCatalog,
        defaults: jobDefaults,
        now,
      }),
    );
  }

  const runs = createRunsClient({
    environment,
    appId: inngest.id,
    isDev: inngest.mode === "dev",
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  app.use(express.json(), jobRoutes({ inngest, runs, report }));

  app.use(notFound);
  app.use(handleErrors);
  return { app, config, inngest, jobs, store };
}
