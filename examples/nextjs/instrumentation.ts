/**
 * Runs once when the server boots. Creating the Inngest client here reports a missing
 * `INNGEST_SIGNING_KEY` (in cloud mode) in the boot log, not on Inngest's first call.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/inngest/client");
}
