import { standardCatalog } from "@jobkit/events/standard";
import { createInngestClient } from "@jobkit/functions";

/**
 * The app's one Inngest client. It reads `INNGEST_SIGNING_KEY`, `INNGEST_EVENT_KEY` and `INNGEST_DEV`
 * from the environment, validates every event against the standard catalog, and refuses to start in
 * cloud mode without a signing key.
 */
export const inngest = createInngestClient({
  id: process.env.INNGEST_APP_ID || "jobkit-hono-example",
  catalog: standardCatalog,
});
