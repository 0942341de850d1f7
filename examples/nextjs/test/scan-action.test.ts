import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/** What the app sent to the Inngest Event API, recorded instead of leaving the machine. */
const sent: { name: string; data: Record<string, unknown> }[][] = [];

async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.hostname !== "127.0.0.1") throw new Error(`refusing to reach ${url.origin} from a test`);
  const body = JSON.parse(String(init?.body)) as (typeof sent)[number];
  sent.push(body);
  return Response.json({ ids: body.map((_, index) => `01JEVENT${index}`), status: 200 });
}

let actions: typeof import("../app/actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

beforeAll(async () => {
  vi.stubEnv("INNGEST_DEV", "0");
  vi.stubEnv("INNGEST_SIGNING_KEY", `signkey-test-${"5eed".repeat(16)}`);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.stubEnv("INNGEST_EVENT_API_BASE_URL", "http://127.0.0.1:8288/");
  vi.stubGlobal("fetch", recordingFetch);
  actions = await import("../app/actions");
});

beforeEach(() => {
  sent.length = 0;
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("the startBatchScan server action", () => {
  it("sends one project/batch.scan with the form's URLs, one per line, for the signed-in user", async () => {
    const state = await actions.startBatchScan(
      { status: "idle" },
      form({ projectId: " prj_docs ", urls: "https://example.com/\n\n  https://example.com/pricing  \r\n" }),
    );

    expect(state).toEqual({ status: "sent", eventId: "01JEVENT0", pageCount: 2 });
    expect(sent).toEqual([
      [
        expect.objectContaining({
          name: "project/batch.scan",
          data: {
            projectId: "prj_docs",
            userId: "usr_demo",
            urls: ["https://example.com/", "https://example.com/pricing"],
          },
        }),
      ],
    ]);
  });

  it("answers which line is not an http(s) URL and sends nothing", async () => {
    const state = await actions.startBatchScan(
      { status: "idle" },
      form({ projectId: "prj_docs", urls: "https://example.com/\nfile:///etc/passwd" }),
    );

    expect(state).toEqual({
      status: "invalid",
      message: "The scan was not started: urls must be an http:// or https:// URL (line 2).",
      issues: [{ field: "urls", message: "must be an http:// or https:// URL (line 2)" }],
    });
    expect(sent).toEqual([]);
  });

  it("names every problem at once: no project, no URLs", async () => {
    const state = await actions.startBatchScan({ status: "idle" }, form({ projectId: "", urls: "\n" }));

    expect(state.status).toBe("invalid");
    expect(state.status === "invalid" && state.issues.map((issue) => issue.field)).toEqual([
      "projectId",
      "urls",
    ]);
    expect(state.status === "invalid" && state.message).toMatch(/urls give at least one URL/);
    expect(sent).toEqual([]);
  });

  it("refuses the same URL twice and more URLs than one batch takes", async () => {
    const twice = await actions.startBatchScan(
      { status: "idle" },
      form({ projectId: "prj_docs", urls: "https://example.com/\nhttps://example.com/" }),
    );
    const tooMany = await actions.startBatchScan(
      { status: "idle" },
      form({
        projectId: "prj_docs",
        urls: Array.from({ length: 51 }, (_, index) => `https://example.com/${index}`).join("\n"),
      }),
    );

    expect(twice.status === "invalid" && twice.message).toMatch(/each URL only once/);
    expect(tooMany.status === "invalid" && tooMany.message).toMatch(/at most 50 URLs per batch/);
    expect(sent).toEqual([]);
  });
});
