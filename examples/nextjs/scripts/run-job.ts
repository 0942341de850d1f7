import { pathToFileURL } from "node:url";
import { type RunOutcome, runToEnd } from "../test/inngest-request";

// Runs one job of a running server the way Inngest's executor does, without an Inngest server: every call
// to `/api/inngest` is signed with INNGEST_SIGNING_KEY, carries the event and the results of the steps so
// far, and is repeated until the run ends (a sleep is skipped: its result is null).
//
//   INNGEST_SIGNING_KEY=signkey-test-… npm run job -- scan-page page/scan.requested '{"pageId":"page_1",…}'

/** Which job to run, against which server, with which event. */
export interface RunJobOptions {
  /** The server's base URL, e.g. `http://localhost:3000`. */
  readonly url: string;
  /** The app id the server registers (INNGEST_APP_ID); Inngest addresses functions as `<app>-<job>`. */
  readonly appId: string;
  readonly jobId: string;
  readonly event: { readonly name: string; readonly data: unknown };
  readonly signingKey: string;
}

/** Runs a job to its end over HTTP and returns how it ended. */
export function runJob({ url, appId, jobId, event, signingKey }: RunJobOptions): Promise<RunOutcome> {
  const endpoint = new URL("/api/inngest", url);
  endpoint.searchParams.set("fnId", `${appId}-${jobId}`);
  endpoint.searchParams.set("stepId", "step");
  return runToEnd((init) => fetch(endpoint, init), signingKey, event);
}

const usage = `usage: npm run job -- <job id> <event name> '<event data as JSON>'
  e.g. npm run job -- batch-scan project/batch.scan '{"projectId":"prj_docs","userId":"usr_ada","urls":["https://example.com/"]}'
  environment: INNGEST_SIGNING_KEY (the server's), INNGEST_APP_ID, PORT (default 3000)`;

async function main(args: readonly string[]): Promise<number> {
  const [jobId, eventName, dataJson] = args;
  const signingKey = process.env.INNGEST_SIGNING_KEY;
  if (jobId === undefined || eventName === undefined || dataJson === undefined || !signingKey) {
    console.error(signingKey ? usage : `INNGEST_SIGNING_KEY is not set: use the server's key\n${usage}`);
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch (error) {
    console.error(`the event data is not JSON: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const outcome = await runJob({
    url: `http://localhost:${process.env.PORT ?? 3000}`,
    appId: process.env.INNGEST_APP_ID || "jobkit-nextjs-example",
    jobId,
    event: { name: eventName, data },
    signingKey,
  });
  for (const { op, name } of outcome.ops) console.info(`step ${op} ${name}`);
  if (outcome.status === 200) {
    console.info(`HTTP 200: ${JSON.stringify(outcome.result)}`);
    return 0;
  }
  // A failed run answers with the serialized error; its message says what was wrong.
  const { message } = (outcome.result ?? {}) as { message?: unknown };
  const retry = outcome.noRetry === "true" ? "not retried" : "Inngest would retry";
  console.error(
    `HTTP ${outcome.status} (${retry}): ${typeof message === "string" ? message : JSON.stringify(outcome.result)}`,
  );
  return 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
