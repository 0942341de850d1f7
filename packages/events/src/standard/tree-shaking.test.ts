import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL(".", import.meta.url));
const modules = readdirSync(dir).filter((file) => file.endsWith(".ts") && !/\.test(-d)?\.ts$/.test(file));

/**
 * The module-level bindings of a standard module whose value is computed by a call: a bundler keeps such a
 * statement (and so every event and schema it reaches) in every app unless it is marked side-effect free.
 * Literals and arrow functions cost nothing when unused, so only computed values are listed.
 */
function computedBindings(source: string): { name: string; initializer: string }[] {
  return [...source.matchAll(/^(?:export )?const (\w+)(?::[^=]+)? =\s*(.*)$/gm)]
    .map((match) => ({ name: match[1] ?? "", initializer: match[2] ?? "" }))
    .filter(({ initializer }) => !/^(?:["'{]|\/(?!\*)|\[$|\(\w+: \w+\) =>)/.test(initializer));
}

describe("@jobkit/events/standard for bundlers", () => {
  it("marks every event, schema and pattern computed at import /* @__PURE__ */, so unused ones are dropped", () => {
    const unmarked = modules.flatMap((file) =>
      computedBindings(readFileSync(`${dir}/${file}`, "utf8"))
        .filter(({ initializer }) => !initializer.startsWith("/* @__PURE__ */"))
        .map(({ name }) => `${file}: ${name}`),
    );
    expect(unmarked).toEqual([]);
  });

  it("finds the computed bindings it checks (the events and the shared schemas)", () => {
    const names = modules.flatMap((file) =>
      computedBindings(readFileSync(`${dir}/${file}`, "utf8")).map(({ name }) => name),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "standardCatalog",
        "webhookDeliver",
        "userCreated",
        "httpUrlSchema",
        "headers",
      ]),
    );
    expect(names.length).toBeGreaterThan(50);
  });
});
