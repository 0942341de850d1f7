import { register } from "@jobkit/functions";
import { serve } from "inngest/next";
import { inngest } from "../../../lib/inngest/client";
import { catalog } from "../../../lib/inngest/events";
import { jobs } from "../../../lib/inngest/jobs";

// GET: introspection, PUT: sync with Inngest, POST: run a function step. Inngest signs every request
// with the signing key and `serve()` refuses unsigned ones in production (cloud mode).
export const { GET, POST, PUT } = serve({
  client: inngest,
  functions: register(inngest, jobs, {
    catalog,
    // App-wide defaults; a job's own setting wins.
    defaults: { timeouts: { finish: "15m" } },
  }),
});
