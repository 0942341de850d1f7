// Generates the same app twice — with jobkit and with raw Inngest v4 — so both sides do identical work.
// Each app has `events` events and `functions` functions; every function has a key path and two steps
// whose results feed each other, the shapes type-checking and registration must handle in real apps.

const schemaSource = (index) =>
  `z.object({ id: z.string(), accountId: z.string(), amount: z.number().int(), email: z.email(), ` +
  `tier: z.enum(["free", "pro", "team"]), meta: z.object({ source: z.string(), tags: z.array(z.string()), ` +
  `nested: z.object({ level${index % 7}: z.boolean().optional(), note: z.string().optional() }) }) })`;

/**
 * @param {{ events: number, functions: number, flavour: "jobkit" | "raw", typescript: boolean }} options
 * @returns {string} module source that registers every function and prints how many it created
 */
export function generateApp({ events, functions, flavour, typescript }) {
  const lines = [
    'import { Inngest } from "inngest";',
    'import { z } from "zod";',
    flavour === "jobkit"
      ? 'import { defineEvent } from "@jobkit/events";\nimport { defineEventFunction, defineStepFunction, register } from "@jobkit/functions";'
      : 'import { eventType } from "inngest";',
    "",
    'const client = new Inngest({ id: "bench-app" });',
  ];
  for (let index = 0; index < events; index++) {
    const name = `bench/event-${index}`;
    lines.push(
      flavour === "jobkit"
        ? `const event${index} = defineEvent("${name}", { version: "1.0.0", schema: ${schemaSource(index)} });`
        : `const event${index} = eventType("${name}", { version: "1.0.0", schema: ${schemaSource(index)} });`,
    );
  }
  const names = [];
  for (let index = 0; index < functions; index++) {
    const event = `event${index % events}`;
    const id = `function-${index}`;
    names.push(`fn${index}`);
    if (flavour === "jobkit") {
      lines.push(
        index % 2 === 0
          ? `const fn${index} = defineEventFunction({ id: "${id}", on: ${event}, retries: { attempts: 4, backoff: "exponential", minTimeout: "1s", maxTimeout: "10m" }, concurrency: { limit: 5, key: "event.data.accountId" }, throttle: { limit: 10, period: "1m", key: "event.data.meta.source" }, handler: async ({ event, step }) => { const total = await step.run("load", () => ({ total: event.data.amount, who: event.data.email })); return step.run("charge", () => ({ charged: total.total, tier: event.data.tier })); } });`
          : `const fn${index} = defineStepFunction({ id: "${id}", on: ${event}, idempotency: "event.data.id", steps: (chain) => chain.step("load", ({ event }) => ({ total: event.data.amount })).step("charge", ({ results }) => ({ charged: results.load.total })) });`,
      );
    } else {
      lines.push(
        index % 2 === 0
          ? `const fn${index} = client.createFunction({ id: "${id}", triggers: [${event}], retries: 4, concurrency: { limit: 5, key: "event.data.accountId" }, throttle: { limit: 10, period: "1m", key: "event.data.meta.source" } }, async ({ event, step }) => { const total = await step.run("load", () => ({ total: event.data.amount, who: event.data.email })); return step.run("charge", () => ({ charged: total.total, tier: event.data.tier })); });`
          : `const fn${index} = client.createFunction({ id: "${id}", triggers: [${event}], idempotency: "event.data.id" }, async ({ event, step }) => { const load = await step.run("load", () => ({ total: event.data.amount })); return step.run("charge", () => ({ charged: load.total })); });`,
      );
    }
  }
  lines.push(
    flavour === "jobkit"
      ? `export const functions = register(client, [${names.join(", ")}]);`
      : `export const functions = [${names.join(", ")}];`,
  );
  if (!typescript) lines.push('if (functions.length === 0) throw new Error("nothing registered");');
  return `${lines.join("\n")}\n`;
}
