import { standardCatalog } from "@jobkit/events/standard";
import { manifest, register } from "@jobkit/functions";
import { Hono } from "hono";
import { serve } from "inngest/hono";
import { inngest } from "./inngest";
import { jobs } from "./jobs";

/** The app: the Inngest endpoint at `/api/inngest` and a health check at `/health`. */
export const app = new Hono();

// GET: introspection, PUT: sync with Inngest, POST: run a function step. Inngest signs every request
// with the signing key and `serve()` refuses unsigned ones in production (cloud mode).
app.on(
  ["GET", "POST", "PUT"],
  "/api/inngest",
  serve({ client: inngest, functions: register(inngest, jobs, { catalog: standardCatalog }) }),
);

app.get("/health", (c) =>
  c.json({
    status: "ok",
    app: inngest.id,
    mode: inngest.mode,
    jobs: manifest(jobs).functions.map(({ id, triggers }) => ({ id, triggers })),
  }),
);
