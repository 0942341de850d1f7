import { existsSync } from "node:fs";
import { JobError } from "@jobkit/functions";
import { createApp, type ExampleApp } from "./app";
import { AppConfigError } from "./config";

// Local settings from .env (a copy of .env.example), when there is one; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");

function build(): ExampleApp {
  try {
    return createApp();
  } catch (error) {
    // A configuration mistake: say what to set, without a stack trace.
    if (error instanceof AppConfigError || error instanceof JobError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const { app, config, inngest, jobs } = build();
const base = `http://localhost:${config.port}`;

const server = app.listen(config.port, () => {
  console.log(
    `jobkit Express example: ${jobs.length} jobs for Inngest app "${inngest.id}" (${inngest.mode} mode)`,
  );
  console.log(`  Inngest endpoint: ${base}/api/inngest`);
  console.log(`  health:           ${base}/health`);
  console.log(
    `  admin API:        ${config.adminToken === undefined ? "off (set ADMIN_TOKEN)" : `${base}/admin/jobs`}`,
  );
  console.log(
    `  webhooks:         ${config.webhookSecrets.length === 0 ? "off (set WEBHOOK_SECRET)" : `${base}/webhooks/incoming`}`,
  );
});

// Let in-flight Inngest requests finish before the process exits (deploys, Ctrl-C).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
