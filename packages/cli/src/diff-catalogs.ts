import { type CatalogChange, type CatalogChangeKind, compareSchemas, severityOf } from "./compare-schemas";
import { isCatalog } from "./find-job-exports";
import { readCatalogSchema } from "./read-catalog-schema";

/**
 * Options of {@link diffCatalogs}.
 *
 * @example Accept removed events during a cleanup
 * ```ts
 * import type { DiffCatalogsOptions } from "@jobkit/cli";
 *
 * const options: DiffCatalogsOptions = { allowRemoval: true };
 * ```
 */
export interface DiffCatalogsOptions {
  /** Accept removed events instead of failing on them. Defaults to `false`. */
  readonly allowRemoval?: boolean;
}

/**
 * What changed in one event, and whether its version covers it.
 */
export interface EventDiff {
  readonly event: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly oldVersion: string | undefined;
  readonly newVersion: string | undefined;
  readonly changes: readonly CatalogChange[];
  /** Whether the new major version is higher than the old one. */
  readonly majorBumped: boolean;
  /** Whether this event fails the diff: breaking changes without a major bump, or a removal. */
  readonly failing: boolean;
  /** The version this event should have, when the new one does not fit its changes. */
  readonly suggestedVersion: string | undefined;
}

/**
 * The outcome of {@link diffCatalogs}.
 *
 * @example Fail a script on breaking changes
 * ```ts
 * import type { CatalogDiff } from "@jobkit/cli";
 *
 * const exitCode = (diff: CatalogDiff) => (diff.failing.length > 0 ? 1 : 0);
 * ```
 */
export interface CatalogDiff {
  /** Every event of either side, old order first, then added events. */
  readonly events: readonly EventDiff[];
  /** Every change, flat. */
  readonly changes: readonly CatalogChange[];
  /** Breaking changes, not counting the removals `allowRemoval` accepted. */
  readonly breaking: number;
  readonly safe: number;
  /** Events with breaking changes that their version does not cover. */
  readonly failing: readonly string[];
  /** Events removed and accepted because of `allowRemoval`; empty without it. */
  readonly allowedRemovals: readonly string[];
}

const semver = /^(\d+)\.(\d+)\.(\d+)/;

function parts(version: string | undefined): [number, number, number] | undefined {
  const match = version === undefined ? null : semver.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compareVersions(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function asDocument(input: unknown): unknown {
  return isCatalog(input) ? input.toJSONSchema() : input;
}

/**
 * Compares two catalog JSON Schema exports and classifies every change as breaking or safe. An event
 * fails the diff when it has breaking changes and its major version was not bumped, or when it was removed.
 *
 * Breaking: removed event, removed field, retyped field, new required field, optional field made
 * required, narrowed enum or constraint, lowered version. Safe: new event, new optional field, widened
 * enum, type or constraint, required field made optional.
 *
 * @example Compare the committed catalog with the current one
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { diffCatalogs } from "@jobkit/cli";
 * import { standardCatalog } from "@jobkit/events/standard";
 *
 * const before: unknown = JSON.parse(readFileSync("events.schema.json", "utf8"));
 * const diff = diffCatalogs(before, standardCatalog);
 * if (diff.failing.length > 0) process.exitCode = 1;
 * ```
 */
export function diffCatalogs(
  before: unknown,
  after: unknown,
  options: DiffCatalogsOptions = {},
): CatalogDiff {
  const oldEvents = readCatalogSchema(asDocument(before), "old");
  const newEvents = readCatalogSchema(asDocument(after), "new");
  const names = [...oldEvents.keys(), ...[...newEvents.keys()].filter((name) => !oldEvents.has(name))];

  const events = names.map((event): EventDiff => {
    const old = oldEvents.get(event);
    const now = newEvents.get(event);
    const changes: CatalogChange[] = [];
    const add = (kind: CatalogChangeKind, path: string | undefined, detail: string) =>
      changes.push({ event, kind, severity: severityOf(kind), path, detail });
    const oldParts = parts(old?.version);
    const newParts = parts(now?.version);

    if (old === undefined) add("event-added", undefined, `event added (v${now?.version ?? "?"})`);
    else if (now === undefined) add("event-removed", undefined, "event removed");
    else {
      compareSchemas(old.data, now.data, "data", add);
      if (oldParts && newParts && compareVersions(newParts, oldParts) < 0) {
        add("version-lowered", undefined, `version lowered ${old.version} → ${now.version}`);
      }
    }

    const majorBumped = oldParts !== undefined && newParts !== undefined && newParts[0] > oldParts[0];
    const breaking = changes.some((change) => change.severity === "breaking");
    const removed = old !== undefined && now === undefined;
    const failing = removed
      ? !options.allowRemoval
      : breaking && (!majorBumped || changes.some((change) => change.kind === "version-lowered"));
    let suggestedVersion: string | undefined;
    if (oldParts && newParts && old && now && changes.length > 0) {
      if (breaking && !majorBumped) suggestedVersion = `${oldParts[0] + 1}.0.0`;
      else if (!breaking && compareVersions(newParts, oldParts) === 0) {
        suggestedVersion = `${oldParts[0]}.${oldParts[1] + 1}.0`;
      }
    }
    return {
      event,
      status:
        old === undefined
          ? "added"
          : now === undefined
            ? "removed"
            : changes.length > 0
              ? "changed"
              : "unchanged",
      oldVersion: old?.version,
      newVersion: now?.version,
      changes,
      majorBumped,
      failing,
      suggestedVersion,
    };
  });

  const changes = events.flatMap((event) => event.changes);
  const allowedRemovals = events
    .filter((event) => event.status === "removed" && !event.failing)
    .map((event) => event.event);
  // An accepted removal is neither breaking (it fails nothing) nor safe: it is reported on its own.
  const counted = changes.filter(
    (change) => !(change.kind === "event-removed" && allowedRemovals.includes(change.event)),
  );
  const breaking = counted.filter((change) => change.severity === "breaking").length;
  return {
    events,
    changes,
    breaking,
    safe: counted.length - breaking,
    failing: events.filter((event) => event.failing).map((event) => event.event),
    allowedRemovals,
  };
}
