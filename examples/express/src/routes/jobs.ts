import type { AnyFunctionDefinition } from "@jobkit/functions";
import { type FunctionRun, isFinished, type RunOutput, type RunsClient, RunsError } from "@jobkit/runs";
import { type NextFunction, type Response, Router } from "express";
import type { Inngest } from "inngest";
import { reportRequested, type userReport } from "../jobs/user-report";

/** What the job routes use: the client that sends the report event and the client that reads runs. */
export interface JobRoutesOptions {
  readonly inngest: Inngest.Any;
  readonly runs: RunsClient;
  /** The report job, to type and filter its runs. */
  readonly report: ReturnType<typeof userReport>;
}

/** The typed output of a completed report run. */
export type ReportOutput = RunOutput<ReturnType<typeof userReport>>;

/** How `GET /jobs/:eventId` sums the runs up for a dashboard. */
export type JobState = "pending" | "running" | "completed" | "failed";

/** One run in a job status answer. */
export interface RunSummary<TOutput = unknown> {
  readonly runId: string;
  readonly status: FunctionRun["status"];
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** The handler's return value once `Completed`; never the error of a failed run (it may hold data). */
  readonly output: TOutput | null;
}

/** The body of `GET /jobs/:eventId` and `GET /reports/:eventId`. */
export interface JobStatus<TOutput = unknown> {
  readonly eventId: string;
  readonly state: JobState;
  readonly runs: readonly RunSummary<TOutput>[];
}

function stateOf(runs: readonly FunctionRun[]): JobState {
  if (runs.length === 0) return "pending";
  if (!runs.every((run) => isFinished(run.status))) return "running";
  return runs.every((run) => run.status === "Completed") ? "completed" : "failed";
}

function summary<TOutput>(eventId: string, runs: readonly FunctionRun<TOutput>[]): JobStatus<TOutput> {
  return {
    eventId,
    state: stateOf(runs),
    runs: runs.map((run) => ({
      runId: run.runId,
      status: run.status,
      startedAt: run.startedAt.toISOString(),
      endedAt: run.endedAt?.toISOString() ?? null,
      output: run.status === "Completed" ? run.output : null,
    })),
  };
}

const statusFor: Partial<Record<RunsError["code"], number>> = {
  "invalid-input": 400,
  "not-found": 404,
  "rate-limited": 503,
};

/**
 * `POST /reports` starts the report job for one user and answers `202` with the event id;
 * `GET /jobs/:eventId` answers the status of every run the event started; `GET /reports/:eventId` the
 * report job's runs with their typed output. Status comes from Inngest's REST API, which caches an event's
 * runs for about 15 s: the dashboard refreshes at that pace.
 *
 * @example Mount them
 * ```ts
 * import express from "express";
 * import { Inngest } from "inngest";
 * import { createRunsClient } from "@jobkit/runs";
 * import { userReport } from "../jobs/user-report";
 * import { createStore } from "../store";
 * import { jobRoutes } from "./jobs";
 *
 * const inngest = new Inngest({ id: "shop", isDev: true });
 * const runs = createRunsClient({ appId: "shop", isDev: true });
 * express().use(jobRoutes({ inngest, runs, report: userReport(createStore()) }));
 * ```
 */
export function jobRoutes({ inngest, runs, report }: JobRoutesOptions): Router {
  const router = Router();

  router.post("/reports", async (request, response, next) => {
    const parsed = reportRequested.safeParse(request.body ?? {});
    if (!parsed.success) {
      response.status(400).json({
        error: "invalid_report_request",
        message: 'expected a JSON body { "userId": "…", "date"?: "YYYY-MM-DD" }',
      });
      return;
    }
    try {
      const { ids } = await inngest.send(reportRequested.create(parsed.data));
      const eventId = ids[0] as string;
      response.status(202).json({ eventId, status: `/jobs/${eventId}`, report: `/reports/${eventId}` });
    } catch (error) {
      next(error);
    }
  });

  const answer = async <TDefinition extends AnyFunctionDefinition | undefined>(
    eventId: string,
    definition: TDefinition,
    response: Response,
    next: NextFunction,
  ) => {
    try {
      const found = await runs.runsForEvent(eventId, definition === undefined ? {} : { definition });
      response.set("Cache-Control", "no-store").json(summary(eventId, found));
    } catch (error) {
      const status = error instanceof RunsError ? statusFor[error.code] : undefined;
      if (status === undefined) return next(error);
      // The message names what was wrong with the id or the request; it never holds a key or event data.
      response
        .status(status)
        .json({ error: (error as RunsError).code, message: (error as RunsError).message });
    }
  };

  router.get("/jobs/:eventId", (request, response, next) =>
    answer(request.params.eventId, undefined, response, next),
  );
  router.get("/reports/:eventId", (request, response, next) =>
    answer(request.params.eventId, report, response, next),
  );
  return router;
}
