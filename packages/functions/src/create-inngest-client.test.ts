import { defineCatalog, defineEvent, EventError } from "@jobkit/events";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inngestModeFrom } from "./create-inngest-client";
import { createInngestClient, JobError } from "./index";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const catalog = defineCatalog([userCreated]);

describe("createInngestClient", () => {
  it("refuses to start in production without a signing key, naming the variable", () => {
    const start = () =>
      createInngestClient({ environment: { INNGEST_APP_ID: "shop", NODE_ENV: "production" } });
    expect(start).toThrowError(JobError);
    expect(start).toThrowError(
      /INNGEST_SIGNING_KEY is not set, and the client is in cloud \(production\) mode/,
    );
    expect(start).toThrowError(/mode: cloud, because NODE_ENV is "production"/);
  });

  it("never echoes the signing key", () => {
    const client = createInngestClient({
      environment: {
        INNGEST_APP_ID: "shop",
        NODE_ENV: "production",
        INNGEST_SIGNING_KEY: "signkey-prod-abc123",
      },
    });
    expect(client.id).toBe("shop");
    expect(client.signingKey).toBe("signkey-prod-abc123");
    expect(client.mode).toBe("cloud");
  });

  it("runs in dev mode with INNGEST_DEV=1 or NODE_ENV=development, without a signing key", () => {
    expect(createInngestClient({ environment: { INNGEST_APP_ID: "shop", INNGEST_DEV: "1" } }).mode).toBe(
      "dev",
    );
    expect(
      createInngestClient({ environment: { INNGEST_APP_ID: "shop", NODE_ENV: "development" } }).mode,
    ).toBe("dev");
  });

  it("lets INNGEST_DEV=0 force cloud mode even in development", () => {
    expect(() =>
      createInngestClient({
        environment: { INNGEST_APP_ID: "shop", NODE_ENV: "development", INNGEST_DEV: "0" },
      }),
    ).toThrowError(/INNGEST_DEV is "0"/);
  });

  it("runs in dev mode with isDev: true even when the environment says nothing", () => {
    const client = createInngestClient({ id: "shop", isDev: true, environment: {} });
    expect(client.mode).toBe("dev");
  });

  it("refuses to start with isDev: false and no signing key, even with INNGEST_DEV=1, naming the option", () => {
    const start = () => createInngestClient({ id: "shop", isDev: false, environment: { INNGEST_DEV: "1" } });
    expect(start).toThrowError(JobError);
    expect(start).toThrowError(/mode: cloud, because of the isDev: false option/);
    expect(start).toThrowError(/for local development pass \{ isDev: true \} instead/);
    const client = createInngestClient({
      id: "shop",
      isDev: false,
      environment: { INNGEST_DEV: "1", INNGEST_SIGNING_KEY: "signkey-prod-abc123" },
    });
    expect(client.mode).toBe("cloud");
  });

  it("requires an app id from the option or INNGEST_APP_ID", () => {
    expect(() => createInngestClient({ environment: { INNGEST_DEV: "1" } })).toThrowError(
      /set INNGEST_APP_ID or pass \{ id \}/,
    );
    expect(createInngestClient({ id: "given", environment: { INNGEST_DEV: "1" } }).id).toBe("given");
  });

  it("reads a dev server URL from INNGEST_DEV", () => {
    expect(inngestModeFrom({ INNGEST_DEV: "http://127.0.0.1:8288" })).toEqual({
      mode: "dev",
      baseUrl: "http://127.0.0.1:8288",
    });
  });

  it("installs catalog validation when given a catalog", async () => {
    const requests: unknown[] = [];
    const client = createInngestClient({
      catalog,
      environment: { INNGEST_APP_ID: "shop", INNGEST_DEV: "1" },
      baseUrl: "http://127.0.0.1:1",
      fetch: (async (_input: unknown, init?: RequestInit) => {
        requests.push(init?.body);
        return new Response(JSON.stringify({ ids: ["x"], status: 200 }), { status: 200 });
      }) as typeof fetch,
    });
    await expect(client.send({ name: "user/created", data: { userId: 42 } })).rejects.toBeInstanceOf(
      EventError,
    );
    expect(requests).toHaveLength(0);
    await client.send({ name: "user/created", data: { userId: "u1" } });
    expect(requests).toHaveLength(1);
  });
});
