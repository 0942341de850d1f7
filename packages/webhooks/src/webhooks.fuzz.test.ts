import { JobError } from "@jobkit/functions";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { bestTimeMs as fastEnough, fuzzContract, fuzzRuns as runs } from "../../../scripts/fuzz/contract";
import { checkWebhookUrl } from "./check-webhook-url";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { receivedWebhookEvent } from "./received-webhook-event";
import { sendWebhook } from "./send-webhook";
import { signWebhook } from "./sign-webhook";
import { verifyWebhook } from "./verify-webhook";
import { webhookDelivery } from "./webhook-delivery";
import { WebhookError } from "./webhook-error";
import type { TransportRequest, WebhookTransport } from "./webhook-transport";

// The contract of every public boundary that takes user input, under generated input: valid input is
// accepted unchanged; invalid input is refused with the package's named error (WebhookError, or JobError
// for an option) saying what, expected and received, in a bounded message; never a bare TypeError, a hang or
// a polluted prototype. FUZZ_RUNS=10000 runs more locally.

// The system resolver must never run here: a real name would leave the machine.
vi.mock("node:dns/promises", () => ({
  lookup: () =>
    Promise.reject(Object.assign(new Error("tests must inject a resolver"), { code: "ENOTFOUND" })),
}));

const maxMessageLength = 2000;
const bigInput = 256 * 1024;

type Boundary =
  | "checkWebhookUrl"
  | "signWebhook"
  | "verifyWebhook"
  | "receivedWebhookEvent"
  | "sendWebhook"
  | "webhookDelivery";

/** Why `error` breaks the contract of a refusal, or `undefined` when it keeps it. */
function contractBreach(error: unknown): string | undefined {
  if (!(error instanceof WebhookError) && !(error instanceof JobError)) {
    return `not a named error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  if (error.received === "" || error.expected === "") return `no received or expected: ${error.message}`;
  if (error.message.length > maxMessageLength) return `a message of ${error.message.length} characters`;
  return undefined;
}

const contract = fuzzContract<Boundary>({ packageName: "@jobkit/webhooks", breach: contractBreach });

/** Runs one input through a boundary and checks the contract; returns what the boundary returned. */
const attempt = <TResult>(boundary: Boundary, run: () => TResult | Promise<TResult>) =>
  contract.attemptAsync(boundary, async () => run());

const pollutingJson = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":{"__proto__":{"polluted":true}}}',
);
const polluting = pollutingJson.map((text) => JSON.parse(text) as Record<string, unknown>);
const junk = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
  polluting,
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), Symbol("s"), () => 1),
);
const secretArbitrary = fc
  .integer({ min: 24, max: 64 })
  .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }))
  .map((bytes) => `whsec_${Buffer.from(bytes).toString("base64")}`);
const messageId = fc.string({
  unit: fc
    .integer({ min: 0x21, max: 0x7e })
    .filter((code) => code !== 0x2e)
    .map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 64,
});
const jsonObject = fc.dictionary(fc.string(), fc.jsonValue());
const publicAddresses = fc.constantFrom(
  ["93.184.215.14"],
  ["2606:2800:220:1::1"],
  ["93.184.215.14", "1.1.1.1"],
);
const refusedAddresses = fc.constantFrom(
  ["10.0.0.1"],
  ["127.0.0.1"],
  ["169.254.169.254"],
  ["::1"],
  ["fd00::1"],
  [],
);

describe("fuzz: checkWebhookUrl", () => {
  it("accepts https URLs of public hosts unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.webUrl({ validSchemes: ["https"] }), publicAddresses, async (url, addresses) => {
        const result = await attempt("checkWebhookUrl", () =>
          checkWebhookUrl(url, { resolve: async () => addresses }),
        );
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.value.url.href).toBe(new URL(url).href);
          expect(addresses).toContain(result.value.address);
        }
      }),
      { numRuns: runs },
    );
  });

  it("refuses every other URL, resolver answer and option with a named error", async () => {
    const url = fc.oneof(
      fc.webUrl({ validSchemes: ["http", "https", "ftp"], withQueryParameters: true, withFragments: true }),
      fc.string().filter((text) => !/^\s*https?:/i.test(text)),
      junk,
    );
    const resolve = fc.oneof(
      refusedAddresses.map((addresses) => async () => addresses),
      fc.constant(async () => {
        throw new Error("no such host");
      }),
      junk.map((answer) => async () => answer as never),
    );
    const options = fc.oneof(
      fc.record({
        allowHosts: fc.array(fc.oneof(fc.string(), fc.ipV4(), fc.domain(), junk), { maxLength: 3 }),
      }),
      fc.record({ allowHttp: junk, allowPrivateNetworks: junk }, { requiredKeys: [] }),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(url, resolve, options, async (input, resolver, extra) => {
        await attempt("checkWebhookUrl", () =>
          checkWebhookUrl(input as string, { ...(extra as object), resolve: resolver }),
        );
      }),
      { numRuns: runs },
    );
  });

  it("refuses a non-object options argument with a named error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(null), fc.integer(), fc.string()), async (options) => {
        const result = await attempt("checkWebhookUrl", () =>
          checkWebhookUrl("https://hooks.example.com/", options as never),
        );
        expect(result.ok).toBe(false);
      }),
      { numRuns: Math.min(runs, 50) },
    );
  });

  it("answers a 256 KiB URL quickly", async () => {
    const resolve = async () => ["93.184.215.14"];
    expect(
      await fastEnough(() =>
        checkWebhookUrl(`https://hooks.example.com/${"a".repeat(bigInput)}`, { resolve }),
      ),
    ).toBeLessThan(50);
    expect(
      await fastEnough(() => checkWebhookUrl(`https://${"a.".repeat(bigInput / 2)}example/`, { resolve })),
    ).toBeLessThan(50);
  });
});

describe("fuzz: signWebhook and verifyWebhook", () => {
  it("verifies whatever it signs, unchanged, for any id, body, secret and time", async () => {
    const body = fc.oneof(
      jsonObject.map((value) => JSON.stringify(value)),
      fc.constant(""),
      pollutingJson,
    );
    await fc.assert(
      fc.asyncProperty(
        messageId,
        body,
        fc.array(secretArbitrary, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -300_000, max: 300_999 }),
        fc.boolean(),
        async (id, text, secrets, seconds, skewMs, asBytes) => {
          const signed = await attempt("signWebhook", () =>
            signWebhook({ id, body: text, secret: secrets, timestamp: seconds }),
          );
          expect(signed.ok).toBe(true);
          if (!signed.ok) return;
          const key = secrets[secrets.length - 1] as string;
          const verified = await attempt("verifyWebhook", () =>
            verifyWebhook(key, signed.value, asBytes ? Buffer.from(text) : text, {
              now: seconds * 1000 + skewMs,
            }),
          );
          expect(verified.ok).toBe(true);
          if (verified.ok) {
            expect(verified.value.id).toBe(id);
            expect(verified.value.payload).toEqual(text === "" ? undefined : JSON.parse(text));
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it("refuses bad signing input with a named error", async () => {
    const input = fc.oneof(
      fc.record(
        {
          id: fc.oneof(messageId, fc.string(), junk),
          body: fc.oneof(fc.string(), junk),
          secret: fc.oneof(secretArbitrary, fc.string(), junk),
          timestamp: fc.oneof(fc.integer(), fc.double(), junk),
        },
        { requiredKeys: [] },
      ),
      junk,
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        await attempt("signWebhook", () => signWebhook(value as never));
      }),
      { numRuns: runs },
    );
  });

  it("refuses forged, stale and malformed requests with a named error", async () => {
    const secret = generateWebhookSecret();
    const now = Date.parse("2026-03-01T00:00:00Z");
    const signedHeaders = signWebhook({ id: "msg_1", body: "{}", secret, timestamp: new Date(now) });
    const headerValue = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), junk);
    const headers = fc.oneof(
      fc.record(
        { "webhook-id": headerValue, "webhook-timestamp": headerValue, "webhook-signature": headerValue },
        { requiredKeys: [] },
      ),
      fc
        .record({
          name: fc.constantFrom("webhook-id", "webhook-timestamp", "webhook-signature"),
          value: headerValue,
        })
        .map(({ name, value }) => ({ ...signedHeaders, [name]: value })),
      fc.dictionary(fc.string(), headerValue),
      polluting,
      junk,
    );
    const options = fc.oneof(
      fc.record(
        { now: fc.oneof(fc.integer(), fc.double(), fc.date({ noInvalidDate: false }), junk) },
        { requiredKeys: [] },
      ),
      fc.record({ tolerance: fc.oneof(fc.constantFrom("5m", "1s", "1.5s", "0s", "2y"), fc.integer(), junk) }),
      fc.record({ schema: junk }),
      junk,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(secret), fc.string(), junk),
        headers,
        fc.oneof(fc.constant("{}"), fc.string(), junk),
        options,
        async (key, input, body, extra) => {
          const result = await attempt("verifyWebhook", () =>
            verifyWebhook(key as string, input as never, body as string, extra as never),
          );
          // Only the right secret over the signed body can get through.
          if (result.ok) {
            expect(key).toBe(secret);
            expect(body).toBe("{}");
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it("answers 256 KiB of headers, signatures and body quickly", async () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ text: "x".repeat(bigInput) });
    const signed = signWebhook({ id: "msg_big", body, secret });
    const manySignatures = `${"v1,AAAA ".repeat(bigInput / 8)}${signed["webhook-signature"]}`;
    expect(await fastEnough(() => verifyWebhook(secret, signed, body))).toBeLessThan(50);
    expect(
      await fastEnough(() => verifyWebhook(secret, { ...signed, "webhook-signature": manySignatures }, body)),
    ).toBeLessThan(50);
    expect(
      await fastEnough(() => verifyWebhook(secret, { ...signed, "webhook-id": "m".repeat(bigInput) }, body)),
    ).toBeLessThan(50);
    expect(await fastEnough(() => signWebhook({ id: "m".repeat(bigInput), body, secret }))).toBeLessThan(50);
    expect(
      await fastEnough(() => signWebhook({ id: "msg_1", body, secret: `whsec_${"A".repeat(bigInput)}` })),
    ).toBeLessThan(50);
  });
});

describe("fuzz: receivedWebhookEvent", () => {
  const headerRecord = fc.dictionary(
    fc.oneof(
      fc.string(),
      fc.constantFrom("content-type", "constructor", "__proto__", "authorization", "webhook-id"),
    ),
    fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), junk),
  );

  it("keeps only allow-listed headers, and the payload unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 100 }),
        fc.string({ minLength: 1, maxLength: 200 }),
        jsonObject,
        headerRecord,
        async (source, event, payload, headers) => {
          const result = await attempt("receivedWebhookEvent", () =>
            receivedWebhookEvent({ source, event, payload, headers: headers as never }),
          );
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.value.data.payload).toEqual(payload);
          for (const [name, value] of Object.entries(result.value.data.headers)) {
            expect(["content-type", "webhook-id"]).toContain(name);
            expect(typeof value).toBe("string");
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it("refuses input it cannot build an event from with a named error", async () => {
    const input = fc.oneof(
      fc.record(
        {
          source: fc.oneof(fc.string(), junk),
          event: fc.oneof(fc.string(), junk),
          payload: fc.oneof(jsonObject, junk),
          headers: fc.oneof(headerRecord, junk),
          receivedAt: fc.oneof(fc.date({ noInvalidDate: false }), junk),
          keepHeaders: fc.oneof(fc.array(fc.string()), junk),
        },
        { requiredKeys: [] },
      ),
      junk,
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        await attempt("receivedWebhookEvent", () => receivedWebhookEvent(value as never));
      }),
      { numRuns: runs },
    );
  });

  it("answers 256 KiB of headers quickly", async () => {
    // Node's own cap: 2000 headers; here each 128 characters long.
    const headers = Object.fromEntries(
      Array.from({ length: 2000 }, (_, index) => [`x-h-${index}`, "v".repeat(bigInput / 2000)]),
    );
    const base = { source: "acme", event: "ping", payload: {} };
    expect(await fastEnough(() => receivedWebhookEvent({ ...base, headers }))).toBeLessThan(50);
    expect(
      await fastEnough(() =>
        receivedWebhookEvent({ ...base, headers: { "content-type": "x".repeat(bigInput) } }),
      ),
    ).toBeLessThan(50);
  });
});

describe("fuzz: sendWebhook", () => {
  // Only a transport that never connects: requests to 127.0.0.1 are answered here, anything else is a failure.
  const elsewhere: string[] = [];
  const loopbackAnswer: WebhookTransport = async (request: TransportRequest) => {
    if (request.address !== "127.0.0.1") {
      elsewhere.push(request.address);
      throw new Error(`the test must not connect to ${request.address}`);
    }
    return { status: 204, statusText: "No Content", headers: {}, body: new Uint8Array() };
  };
  const loopback = { allowHttp: true, allowHosts: ["127.0.0.1"], transport: loopbackAnswer } as const;

  it("sends JSON payloads unchanged", async () => {
    const sent: string[] = [];
    const recording: WebhookTransport = async (request) => {
      sent.push(request.body);
      return loopbackAnswer(request);
    };
    await fc.assert(
      fc.asyncProperty(messageId, jsonObject, secretArbitrary, async (id, payload, secret) => {
        sent.length = 0;
        const result = await attempt("sendWebhook", () =>
          sendWebhook(
            { url: "http://127.0.0.1:9/hook", id, payload, secret },
            { ...loopback, transport: recording },
          ),
        );
        expect(result.ok && result.value.ok).toBe(true);
        // Unchanged as JSON sees it (-0 is written 0).
        expect(sent.map((body) => JSON.parse(body))).toEqual([JSON.parse(JSON.stringify(payload))]);
      }),
      { numRuns: runs },
    );
    expect(elsewhere).toEqual([]);
  });

  it("refuses messages it cannot send with a named error, and never leaves loopback", async () => {
    const message = fc.oneof(
      fc.record(
        {
          url: fc.oneof(
            fc.constant("http://127.0.0.1:9/"),
            fc.string().filter((text) => !/^\s*https?:/i.test(text)),
            junk,
          ),
          id: fc.oneof(messageId, fc.string(), junk),
          payload: fc.oneof(
            jsonObject,
            junk,
            fc.constant({ deep: JSON.parse(`${"[".repeat(1500)}${"]".repeat(1500)}`) }),
          ),
          secret: fc.oneof(secretArbitrary, junk),
          headers: fc.oneof(fc.dictionary(fc.string(), fc.string()), junk),
        },
        { requiredKeys: [] },
      ),
      junk,
    );
    const options = fc.oneof(
      fc.constant(loopback),
      fc
        .record({ requestTimeout: junk, maxRedirects: junk, userAgent: junk }, { requiredKeys: [] })
        .map((extra) => ({ ...loopback, ...extra })),
    );
    await fc.assert(
      fc.asyncProperty(message, options, async (value, extra) => {
        await attempt("sendWebhook", () => sendWebhook(value as never, extra as never));
      }),
      { numRuns: runs },
    );
    expect(elsewhere).toEqual([]);
  });

  it("checks a 256 KiB payload quickly", async () => {
    const secret = generateWebhookSecret();
    const wide = Object.fromEntries(
      Array.from({ length: bigInput / 16 }, (_, index) => [`k${index}`, index]),
    );
    const deep = JSON.parse(`${"[".repeat(5000)}${"]".repeat(5000)}`);
    const send = (payload: unknown) =>
      sendWebhook({ url: "http://127.0.0.1:9/", id: "msg_1", payload, secret }, loopback);
    expect(await fastEnough(() => send(wide))).toBeLessThan(50);
    expect(await fastEnough(() => send({ deep }))).toBeLessThan(50);
    expect(await fastEnough(() => send({ text: "x".repeat(bigInput) }))).toBeLessThan(50);
  });
});

describe("fuzz: webhookDelivery options", () => {
  const secretFor = () => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  it("defines the job for valid options, with the id given", async () => {
    const options = fc.record(
      {
        id: fc.stringMatching(/^[a-z][a-z0-9]{0,10}(?:-[a-z0-9]{1,10}){0,2}$/),
        retries: fc.integer({ min: 0, max: 20 }),
        requestTimeout: fc.constantFrom("1s", "10s", "5m", 250),
        maxRedirects: fc.integer({ min: 0, max: 5 }),
        envelope: fc.boolean(),
        emitEvents: fc.boolean(),
        allowHosts: fc.array(fc.oneof(fc.ipV4(), fc.domain()), { maxLength: 3 }),
        limits: fc.record(
          { maxRetryDelayMs: fc.integer({ min: 1000, max: 86_400_000 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(options, async (value) => {
        const result = await attempt("webhookDelivery", () =>
          webhookDelivery({ ...value, secretFor } as never),
        );
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.id).toBe(value.id ?? "webhook-delivery");
      }),
      { numRuns: runs },
    );
  });

  it("refuses bad options with a named error", async () => {
    const options = fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.string(), junk),
          secretFor: fc.oneof(fc.constant(secretFor), junk),
          retries: fc.oneof(fc.integer({ min: -5, max: 30 }), junk),
          requestTimeout: junk,
          maxResponseBytes: junk,
          maxRedirects: junk,
          envelope: junk,
          allowHosts: fc.oneof(fc.array(fc.oneof(fc.string(), junk), { maxLength: 3 }), junk),
          limits: fc.oneof(fc.dictionary(fc.string(), junk), junk),
          transport: junk,
          resolve: junk,
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string(), junk).map((extra) => ({ ...extra, secretFor })),
      polluting.map((extra) => ({ ...extra, secretFor })),
      junk,
    );
    await fc.assert(
      fc.asyncProperty(options, async (value) => {
        await attempt("webhookDelivery", () => webhookDelivery(value as never));
      }),
      { numRuns: runs },
    );
  });

  it("answers a 256 KiB option quickly", async () => {
    expect(
      await fastEnough(() => webhookDelivery({ secretFor, allowHosts: ["a".repeat(bigInput)] })),
    ).toBeLessThan(50);
    expect(
      await fastEnough(() => webhookDelivery({ secretFor, ["x".repeat(bigInput)]: 1 } as never)),
    ).toBeLessThan(50);
  });
});

afterAll(() => contract.writeReport());
