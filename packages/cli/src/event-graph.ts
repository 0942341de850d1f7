import type { Catalog } from "@jobkit/events";
import { type AnyFunctionDefinition, type FunctionManifest, manifest } from "@jobkit/functions";

/**
 * Options of {@link eventGraph}.
 *
 * @example A top-to-bottom graph of every catalog event
 * ```ts
 * import type { EventGraphOptions } from "@jobkit/cli";
 * import { standardCatalog } from "@jobkit/events/standard";
 *
 * const options: EventGraphOptions = { catalog: standardCatalog, allEvents: true, direction: "TB" };
 * ```
 */
export interface EventGraphOptions {
  /** Marks events that are not in the catalog (class `unknown`) and, with `allEvents`, adds the rest. */
  readonly catalog?: Catalog;
  /** Also show catalog events no function sends or consumes. Defaults to `false`. */
  readonly allEvents?: boolean;
  /** Flowchart direction: left to right (default) or top to bottom. */
  readonly direction?: "LR" | "TB";
}

// Mermaid reads `"`, `<` and `>` in labels as markup; its entity codes keep them literal.
function escapeLabel(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** A quoted label: the title escaped, an optional second line in small print. */
function label(title: string, detail?: string): string {
  return `"${escapeLabel(title)}${detail === undefined ? "" : `<br/><small>${escapeLabel(detail)}</small>`}"`;
}

function functionLabel(fn: FunctionManifest): string {
  const batch = fn.flowControl.batchEvents as { maxSize?: number } | undefined;
  const details = [
    fn.kind === "step" && fn.steps ? `${fn.steps.length} steps` : undefined,
    batch?.maxSize === undefined ? undefined : `batches of ≤ ${batch.maxSize}`,
  ].filter((detail) => detail !== undefined);
  return label(fn.id, details.length === 0 ? undefined : details.join(", "));
}

/**
 * A Mermaid flowchart of how events flow through jobs: event → function that it triggers → events that
 * function declares in `sends`; schedules trigger cron functions and `cancelOn` events are dotted edges.
 *
 * @example Print the graph of an app's jobs
 * ```ts
 * import { z } from "zod";
 * import { defineCatalog, defineEvent } from "@jobkit/events";
 * import { defineEventFunction } from "@jobkit/functions";
 * import { eventGraph } from "@jobkit/cli";
 *
 * const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
 * const emailSend = defineEvent("email/send", { schema: z.object({ to: z.string() }) });
 * const welcome = defineEventFunction({
 *   id: "welcome",
 *   on: userCreated,
 *   sends: [emailSend],
 *   handler: async () => {},
 * });
 * console.log(eventGraph([welcome], { catalog: defineCatalog([userCreated, emailSend]) }));
 * // flowchart LR … e0(["user/created"]) --> f0["welcome"] --> e1(["email/send"])
 * ```
 */
export function eventGraph(
  definitions: readonly AnyFunctionDefinition[],
  options: EventGraphOptions = {},
): string {
  const { catalog, allEvents = false, direction = "LR" } = options;
  const { functions } = manifest(definitions);
  const eventIds = new Map<string, string>();
  const eventNode = (name: string): string => {
    let id = eventIds.get(name);
    if (id === undefined) {
      id = `e${eventIds.size}`;
      eventIds.set(name, id);
    }
    return id;
  };

  const lines = [`flowchart ${direction}`];
  const edges: string[] = [];
  const schedules: string[] = [];
  functions.forEach((fn, index) => {
    const node = `f${index}`;
    lines.push(`  ${node}[${functionLabel(fn)}]:::function`);
    for (const trigger of fn.triggers) {
      if (trigger.type === "event") {
        const condition = trigger.if === undefined ? "" : `|${label(`if ${trigger.if}`)}|`;
        edges.push(`  ${eventNode(trigger.event)} -->${condition} ${node}`);
      } else {
        const schedule = `s${schedules.length}`;
        schedules.push(`  ${schedule}{{${label(trigger.expression, trigger.timezone)}}}:::schedule`);
        edges.push(`  ${schedule} --> ${node}`);
      }
    }
    const cancelOn = (fn.flowControl.cancelOn ?? []) as readonly { event: string }[];
    for (const cancel of cancelOn) edges.push(`  ${eventNode(cancel.event)} -. cancels .-> ${node}`);
    for (const sent of fn.sends) edges.push(`  ${node} --> ${eventNode(sent)}`);
  });
  if (allEvents && catalog) for (const name of catalog.names) eventNode(name);

  const events = [...eventIds].map(([name, id]) => {
    const unknown = catalog !== undefined && !catalog.has(name);
    return `  ${id}([${label(name)}]):::${unknown ? "unknown" : "event"}`;
  });
  lines.push(...events, ...schedules, ...edges);
  lines.push(
    "  classDef event fill:#eef6ff,stroke:#3b82f6,color:#0f172a",
    "  classDef function fill:#f0fdf4,stroke:#16a34a,color:#0f172a",
    "  classDef schedule fill:#fefce8,stroke:#ca8a04,color:#0f172a",
    "  classDef unknown fill:#fef2f2,stroke:#dc2626,stroke-dasharray:4 3,color:#0f172a",
  );
  return `${lines.join("\n")}\n`;
}
