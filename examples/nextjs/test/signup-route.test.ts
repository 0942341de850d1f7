import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/** What the app sent to the Inngest Event API, recorded instead of leaving the machine. */
const sent: { url: string; events: { id: string; name: string; data: Record<string, unknown> }[] }[] = [];

async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.hostname !== "127.0.0.1") throw new Error(`refusing to reach ${url.origin} from a test`);
  const body = JSON.parse(String(init?.body)) as (typeof sent)[number]["events"];
  sent.push({ url: url.href, events: body });
  return Response.json({ ids: body.map((_, index) => `01JEVENT${index}`), status: 200 });
}

let route: typeof import("../app/api/signup/route");

function signup(body: string) {
  return route.POST(
    new NextRequest("http://127.0.0.1:3000/api/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
  );
}

beforeAll(async () => {
  vi.stubEnv("INNGEST_DEV", "0");
  vi.stubEnv("INNGEST_SIGNING_KEY", `signkey-test-${"5eed".repeat(16)}`);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.stubEnv("INNGEST_EVENT_API_BASE_URL", "http://127.0.0.1:8288/");
  vi.stubGlobal("fetch", recordingFetch);
  route = await import("../app/api/signup/route");
});

beforeEach(() => {
  sent.length = 0;
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("POST /api/signup", () => {
  it("sends user/created for the new user and answers 202 with the event id", async () => {
    const response = await signup(JSON.stringify({ email: "ada@example.com", name: "Ada" }));

    expect(response.status).toBe(202);
    const { userId, eventId } = (await response.json()) as { userId: string; eventId: string };
    expect(eventId).toBe("01JEVENT0");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe("http://127.0.0.1:8288/e/test-event-key");
    const [event] = sent[0]?.events ?? [];
    expect(event?.name).toBe("user/created");
    expect(event?.id).toBe(`user-created-${userId}`);
    expect(event?.data).toEqual({ userId, email: "ada@example.com", name: "Ada", source: "web" });
  });

  it("answers 400 naming the field, without its value, and sends nothing for an invalid email", async () => {
    const response = await signup(JSON.stringify({ email: "ada-at-example.com" }));

    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { path: string }[] };
    expect(body.issues.map((issue) => issue.path)).toEqual(["email"]);
    expect(JSON.stringify(body)).not.toContain("ada-at-example.com");
    expect(sent).toEqual([]);
  });

  it("refuses fields the form does not take, such as a user id chosen by the caller", async () => {
    const response = await signup(JSON.stringify({ email: "ada@example.com", userId: "usr_admin" }));

    expect(response.status).toBe(400);
    expect(sent).toEqual([]);
  });

  it("answers 400 and sends nothing when the body is not JSON", async () => {
    const response = await signup("email=ada@example.com");

    expect(response.status).toBe(400);
    expect(sent).toEqual([]);
  });
});
