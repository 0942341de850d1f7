import type { AnyEventDefinition, Catalog, EventError, JsonSchema } from "@jobkit/events";
import { majorVersion } from "@jobkit/events/internal";
import type { AnyFunctionDefinition } from "@jobkit/functions";
import type { FunctionConfig } from "@jobkit/functions/internal";
import type { CheckFinding } from "./check-finding";
import { cronFindings } from "./cron-findings";
import { lookUpSchemaPath } from "./look-up-schema-path";

/**
 * What `checkJobs` checks: definitions and, optionally, the catalog they should agree with.
 *
 * @example Check the definitions of a package without a catalog
 * ```ts
 * import type { CheckInput } from "@jobkit/cli";
 * import { defineCronFunction } from "@jobkit/functions";
 *
 * const input: CheckInput = {
 *   definitions: [defineCronFunction({ id: "nightly", cron: "0 3 * * *", handler: async () => {} })],
 * };
 * ```
 */
export interface CheckInput {
  readonly catalog?: Catalog | undefined;
  readonly definitions: readonly AnyFunctionDefinition[];
}

/**
 * Options of {@link checkJobs}.
 *
 * @example Look a year ahead from a fixed date, for stable test output
 * ```ts
 * import type { CheckOptions } from "@jobkit/cli";
 *
 * const options: CheckOptions = { now: new Date("2026-01-01T00:00:00Z") };
 * ```
 */
export interface CheckOptions {
  /** The instant daylight-saving checks look a year ahead from; defaults to now. */
  readonly now?: Date;
}

/**
 * The outcome of {@link checkJobs}.
 *
 * @example Summarize a report
 * ```ts
 * import type { CheckReport } from "@jobkit/cli";
 *
 * const summary = (report: CheckReport) =>
 *   `${report.errors} errors, ${report.warnings} warnings in ${report.functions} functions`;
 * ```
 */
export interface CheckReport {
  /** Errors first, then warnings, each in definition order. */
  readonly findings: readonly CheckFinding[];
  readonly errors: number;
  readonly warnings: number;
  /** How many definitions were checked. */
  readonly functions: number;
}

function suggestionsFor(catalog: Catalog, name: string): string {
  try {
    catalog.get(name);
  } catch (error) {
    // Not `instanceof EventError`: the module under check may load its own copy of @jobkit/events.
    const suggestions = (error as Partial<EventError>).suggestions;
    if (Array.isArray(suggestions) && suggestions.length > 0) {
      return `\n  did you mean: ${suggestions.map((suggestion) => `"${suggestion}"`).join(", ")}?`;
    }
  }
  return "";
}

function dataSchema(
  name: string,
  definition: AnyEventDefinition | undefined,
  catalog: Catalog | undefined,
): JsonSchema | undefined {
  const source = definition ?? (catalog?.has(name) ? catalog.get(name) : undefined);
  try {
    return source?.toJSONSchema();
  } catch {
    // Not a zod schema: nothing to check paths against.
    return undefined;
  }
}

/** A key or CEL expression of a definition; `cancel` is the index of its `cancelOn` entry. */
interface CheckedExpression {
  readonly path: string;
  readonly expression: string;
  readonly cancel?: number;
}

/** Every key and CEL expression of a config, by option path. */
function expressions(config: FunctionConfig): CheckedExpression[] {
  const found: CheckedExpression[] = [];
  const add = (path: string, expression: string | undefined, cancel?: number) => {
    if (expression !== undefined)
      found.push({ path, expression, ...(cancel === undefined ? {} : { cancel }) });
  };
  for (const [index, entry] of config.concurrency.entries()) add(`concurrency[${index}].key`, entry.key);
  add("throttle.key", config.throttle?.key);
  add("rateLimit.key", config.rateLimit?.key);
  add("debounce.key", config.debounce?.key);
  add("batchEvents.key", config.batchEvents?.key);
  add("batchEvents.if", config.batchEvents?.if);
  add("singleton.key", config.singleton?.key);
  add("idempotency", config.idempotency);
  add("priority.run", config.priority?.run);
  for (const [index, entry] of config.cancelOn.entries()) add(`cancelOn[${index}].if`, entry.if, index);
  return found;
}

const reference = /\b(event|async)\.data((?:\.[A-Za-z_$][\w$]*)+)/g;

function keyPathFindings(definition: AnyFunctionDefinition, catalog: Catalog | undefined): CheckFinding[] {
  const triggers = definition.triggers.flatMap((trigger) =>
    trigger.type === "event" ? [{ ...trigger, path: "if" }] : [],
  );
  if (triggers.length === 0) return [];
  const checked: CheckedExpression[] = [
    ...expressions(definition.config),
    ...triggers.flatMap((trigger) =>
      trigger.if === undefined ? [] : [{ path: "if", expression: trigger.if }],
    ),
  ];
  const findings: CheckFinding[] = [];
  const seen = new Set<string>();
  for (const { path, expression, cancel } of checked) {
    for (const match of expression.matchAll(reference)) {
      const [text, root, rest = ""] = match;
      const segments = rest.slice(1).split(".");
      const cancelConfig = cancel === undefined ? undefined : definition.config.cancelOn[cancel];
      const events =
        root === "async"
          ? cancelConfig === undefined
            ? []
            : [{ event: cancelConfig.event, definition: cancelConfig.definition }]
          : triggers;
      for (const { event, definition: eventDefinition } of events) {
        const schema = dataSchema(event, eventDefinition, catalog);
        const lookup = schema === undefined ? undefined : lookUpSchemaPath(schema, segments);
        const key = `${path}|${text}|${event}`;
        if (lookup?.status !== "missing" || seen.has(key)) continue;
        seen.add(key);
        const known = lookup.known.slice(0, 8).map((field) => `${root}.data.${field}`);
        findings.push({
          severity: "error",
          code: "unknown-key-path",
          functionId: definition.id,
          event,
          message:
            `Key path "${text}" in "${path}" of function "${definition.id}" is not in the schema of "${event}"\n` +
            `  "${lookup.segment}" is not a field of ${lookup.path.includes(".") ? `data.${segments.slice(0, -1).join(".")}` : "data"}; ` +
            `Inngest reads a missing field as null, ${/(^|\.)if$/.test(path) ? "so the condition never sees a value" : "so every run would share one key"}\n` +
            `  expected: a field of the event${known.length > 0 ? `, e.g. ${known.join(", ")}` : ""}`,
        });
      }
    }
  }
  return findings;
}

/**
 * Checks job definitions against each other and against a catalog: duplicate ids, events that are not in
 * the catalog, version mismatches, events sent but never consumed, key paths the event schema lacks, and
 * cron schedules that misbehave (invalid, daylight-saving gaps and overlaps, day-of-month OR day-of-week).
 *
 * @example Fail a test when the jobs have errors
 * ```ts
 * import { checkJobs } from "@jobkit/cli";
 * import { standardCatalog } from "@jobkit/events/standard";
 * import { defineEventFunction } from "@jobkit/functions";
 *
 * const welcome = defineEventFunction({ id: "welcome", on: "user/created", handler: async () => {} });
 * const report = checkJobs({ catalog: standardCatalog, definitions: [welcome] });
 * if (report.errors > 0) throw new Error(report.findings.map((finding) => finding.message).join("\n"));
 * ```
 */
export function checkJobs(input: CheckInput, options: CheckOptions = {}): CheckReport {
  const { catalog, definitions } = input;
  const now = options.now ?? new Date();
  const findings: CheckFinding[] = [];

  if (definitions.length === 0) {
    findings.push({
      severity: "error",
      code: "no-definitions",
      message:
        "No job definitions found\n" +
        "  expected: definitions exported from the module, e.g. export const definitions = [sendWelcomeEmail, dailyReport]",
    });
  }
  if (catalog === undefined) {
    findings.push({
      severity: "warning",
      code: "no-catalog",
      message:
        "No catalog found: trigger, cancelOn and sent events were not checked against a catalog\n" +
        "  expected: a catalog exported from the module, e.g. export const catalog = defineCatalog([...])",
    });
  }

  const byId = new Map<string, number[]>();
  definitions.forEach((definition, index) => {
    byId.set(definition.id, [...(byId.get(definition.id) ?? []), index]);
  });
  for (const [id, indexes] of byId) {
    if (indexes.length < 2) continue;
    findings.push({
      severity: "error",
      code: "duplicate-id",
      functionId: id,
      message:
        `Duplicate function id "${id}": ${indexes.map((index) => `definitions[${index}]`).join(" and ")} share it\n` +
        "  Inngest keeps one function per id, so all but one would never run\n" +
        `  expected: unique ids, e.g. "${id}" and "${id}-2", or register() with a prefix per package`,
    });
  }

  const versionFindings = (functionId: string, usage: string, event: AnyEventDefinition | undefined) => {
    if (catalog === undefined || event === undefined || !catalog.has(event.name)) return;
    const listed = catalog.get(event.name);
    if (listed.version === event.version) return;
    const majorDiffers = majorVersion(listed.version) !== majorVersion(event.version);
    findings.push({
      severity: majorDiffers ? "error" : "warning",
      code: "version-mismatch",
      functionId,
      event: event.name,
      message:
        `Function "${functionId}" ${usage} "${event.name}" v${event.version}, but the catalog has v${listed.version}\n` +
        `  ${majorDiffers ? "the major versions differ: the data shapes are not compatible" : "same major version: compatible, but the function was built against another schema"}\n` +
        "  expected: the catalog's definition, imported from the module that defines the catalog",
    });
  };

  const consumed = new Set<string>();
  for (const definition of definitions) {
    for (const trigger of definition.triggers) {
      if (trigger.type === "event") consumed.add(trigger.event);
    }
    for (const cancel of definition.config.cancelOn) consumed.add(cancel.event);
  }

  for (const definition of definitions) {
    const functionId = definition.id;
    for (const trigger of definition.triggers) {
      if (trigger.type === "cron") {
        findings.push(...cronFindings(functionId, trigger, now));
        continue;
      }
      if (catalog !== undefined && !catalog.has(trigger.event)) {
        findings.push({
          severity: "error",
          code: "unknown-trigger",
          functionId,
          event: trigger.event,
          message:
            `Function "${functionId}" is triggered by "${trigger.event}", which is not in the catalog` +
            `${suggestionsFor(catalog, trigger.event)}\n` +
            "  expected: an event defined with defineEvent() and listed in defineCatalog()",
        });
      }
      versionFindings(functionId, "is triggered by", trigger.definition);
    }
    definition.config.cancelOn.forEach((cancel, index) => {
      if (catalog !== undefined && !catalog.has(cancel.event)) {
        findings.push({
          severity: "error",
          code: "unknown-cancel-event",
          functionId,
          event: cancel.event,
          message:
            `Function "${functionId}" is cancelled by "${cancel.event}" (cancelOn[${index}]), which is not in the catalog` +
            `${suggestionsFor(catalog, cancel.event)}\n` +
            "  expected: an event defined with defineEvent() and listed in defineCatalog()",
        });
      }
      versionFindings(functionId, "is cancelled by", cancel.definition);
    });
    for (const sent of definition.sends) {
      if (catalog !== undefined && !catalog.has(sent.name)) {
        findings.push({
          severity: "warning",
          code: "unknown-sent-event",
          functionId,
          event: sent.name,
          message:
            `Function "${functionId}" sends "${sent.name}", which is not in the catalog${suggestionsFor(catalog, sent.name)}\n` +
            "  catalogValidation() does not check events outside the catalog (and refuses them with strict: true)\n" +
            "  expected: the event listed in defineCatalog()",
        });
      }
      versionFindings(functionId, "sends", sent);
    }
    findings.push(...keyPathFindings(definition, catalog));
  }

  const reported = new Set<string>();
  for (const definition of definitions) {
    for (const sent of definition.sends) {
      if (consumed.has(sent.name) || reported.has(sent.name)) continue;
      reported.add(sent.name);
      const senders = definitions.filter((candidate) =>
        candidate.sends.some((event) => event.name === sent.name),
      );
      findings.push({
        severity: "warning",
        code: "sent-not-consumed",
        event: sent.name,
        functionId: definition.id,
        message:
          `Event "${sent.name}" is sent by ${senders.map((sender) => `"${sender.id}"`).join(", ")} but no function here is triggered or cancelled by it\n` +
          "  expected: a consumer, or none on purpose (another app consumes it, or step.waitForEvent does, which this check cannot see)",
      });
    }
  }

  const ordered = [
    ...findings.filter((finding) => finding.severity === "error"),
    ...findings.filter((finding) => finding.severity === "warning"),
  ];
  const errors = ordered.filter((finding) => finding.severity === "error").length;
  return { findings: ordered, errors, warnings: ordered.length - errors, functions: definitions.length };
}
