import { Inngest } from "inngest";

/** A `fetch` stub standing in for Inngest's event API: records each request, never touches a network. */
export function recordingClient() {
  const requests: { url: string; events: { name: string; data: unknown; id?: string }[] }[] = [];
  let next = 0;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? "[]")) as unknown;
    const events = (Array.isArray(body) ? body : [body]) as { name: string; data: unknown }[];
    requests.push({ url: String(input), events });
    const ids = events.map(() => `evt-${next++}`);
    return new Response(JSON.stringify({ ids, status: 200 }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }) as typeof globalThis.fetch;
  // A loopback base URL: even if the stub were bypassed, nothing would leave the machine.
  const client = new Inngest({ id: "sender-test", isDev: true, baseUrl: "http://127.0.0.1:1", fetch });
  return { client, requests };
}
