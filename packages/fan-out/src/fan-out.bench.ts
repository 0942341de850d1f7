import { Buffer } from "node:buffer";
import { defineEvent } from "@jobkit/events";
import { emailSend } from "@jobkit/events/standard";
import { type JobRun, runJob } from "@jobkit/testing";
import { bench, describe } from "vitest";
import { z } from "zod";
import { defineFanOut } from "./define-fan-out";
import { sendOutputBytesPerChunk, sendOutputBytesPerEvent } from "./fan-out-budget";
import { fanOutEventId } from "./fan-out-event-id";
import type { FanOutResult } from "./fan-out-options";

// Prints, per audience size and mode, what a fan-out costs a run: steps, chunks, bytes sent and the run
// state they leave behind, next to the wall time of an in-process run with @jobkit/testing.
const quick = process.env.JOBKIT_BENCH_QUICK === "1";
const runs = { iterations: quick ? 1 : 3, time: 0, warmupIterations: 0, warmupTime: 0 };

const newsletterReady = defineEvent("marketing/newsletter.ready", {
  schema: z.object({ issue: z.number() }),
});
const trigger = { ...newsletterReady.create({ issue: 42 }), id: "evt_issue_42" };

function recipient(index: number) {
  return { userId: `usr_${index}`, email: `reader${index}@example.com` };
}

function email(user: { readonly userId: string; readonly email: string }) {
  return emailSend.create({
    to: user.email,
    template: "digest",
    subject: "Issue 42",
    metadata: { userId: user.userId },
  });
}

function listFanOut(recipients: number) {
  return defineFanOut({
    id: "newsletter-list",
    on: newsletterReady,
    sends: [emailSend],
    fanOut: () => Array.from({ length: recipients }, (_, index) => email(recipient(index))),
  });
}

function pagedFanOut(recipients: number) {
  return defineFanOut({
    id: "newsletter-pages",
    on: newsletterReady,
    sends: [emailSend],
    pages: {
      fetch: (cursor: number | undefined) => {
        const offset = cursor ?? 0;
        const end = Math.min(offset + 1000, recipients);
        const items = Array.from({ length: end - offset }, (_, index) => recipient(offset + index));
        return { items, next: end < recipients ? end : null };
      },
      toEvents: email,
      key: (user) => user.userId,
    },
  });
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** One line of figures for a finished run; the step outputs are measured, send outputs estimated. */
function report(name: string, run: JobRun<FanOutResult>, ms: number): void {
  const steps = run.timeline.filter((entry) => entry.type === "step" || entry.type === "sendEvent");
  const chunks = steps.filter((entry) => entry.type === "sendEvent").length;
  const eventBytes = run.sent.map((event) =>
    Buffer.byteLength(JSON.stringify({ name: event.name, data: event.data, id: event.id, v: event.v })),
  );
  const sentBytes = eventBytes.reduce((sum, bytes) => sum + bytes, 0);
  const stepOutputs = steps
    .filter((entry) => entry.type === "step")
    .reduce(
      (sum, entry) => sum + Buffer.byteLength(JSON.stringify(entry.type === "step" ? entry.output : null)),
      0,
    );
  const state =
    Buffer.byteLength(JSON.stringify(trigger)) +
    stepOutputs +
    chunks * sendOutputBytesPerChunk +
    run.sent.length * sendOutputBytesPerEvent +
    Buffer.byteLength(JSON.stringify(run.output));
  console.log(
    `fan-out ${name}: ${steps.length} steps (limit 1000 per run), ${chunks} chunks, ${run.sent.length} events, ` +
      `${mib(sentBytes)} sent (max ${Math.max(...eventBytes)} bytes per event), ` +
      `about ${mib(state)} of 32 MiB run state, ${ms.toFixed(0)} ms in-process`,
  );
}

function scenario(name: string, job: ReturnType<typeof listFanOut>) {
  let reported = false;
  bench(
    name,
    async () => {
      const started = performance.now();
      const run = await runJob(job, { event: trigger });
      if (run.status !== "completed") throw run.error ?? new Error(`${name}: run ${run.status}`);
      if (!reported) {
        reported = true;
        report(name, run, performance.now() - started);
      }
    },
    runs,
  );
}

describe("fan-out runs", () => {
  scenario("list of 10000 recipients", listFanOut(10_000));
  scenario("pages of 10000 recipients", pagedFanOut(10_000));
  scenario("list of 100000 recipients", listFanOut(100_000));
  scenario("pages of 100000 recipients", pagedFanOut(100_000));
});

describe("fan-out ids", () => {
  bench(
    "derive 100000 event ids",
    () => {
      for (let index = 0; index < 100_000; index++) {
        fanOutEventId({
          functionId: "newsletter",
          triggerId: "evt_issue_42",
          name: "email/send",
          key: String(index),
        });
      }
    },
    runs,
  );
});
