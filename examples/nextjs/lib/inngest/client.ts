import { createInngestClient, createSender } from "@jobkit/functions";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { catalog } from "./events";

// `next build` evaluates route modules to read their configuration, usually without production secrets,
// and serves no request: only then may the signing key be missing, and the client is built in dev mode.
// At run time a missing key in cloud mode throws when this module loads (see instrumentation.ts).
const buildingWithoutKey =
  process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD &&
  !process.env.INNGEST_SIGNING_KEY &&
  !process.env.INNGEST_DEV;

/**
 * The app's one Inngest client. It reads `INNGEST_SIGNING_KEY`, `INNGEST_EVENT_KEY` and `INNGEST_DEV`
 * from the environment, validates every event against the app's catalog (`./events`), and refuses to run in
 * cloud mode without a signing key.
 */
export const inngest = createInngestClient({
  id: process.env.INNGEST_APP_ID || "jobkit-nextjs-example",
  catalog,
  environment: buildingWithoutKey ? { ...process.env, INNGEST_DEV: "1" } : process.env,
});

/** Typed, validated event sending for route handlers and server actions: `events.send(name, data)`. */
export const events = createSender(inngest, catalog);
