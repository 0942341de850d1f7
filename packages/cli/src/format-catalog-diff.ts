import { plural } from "@jobkit/events/internal";
import type { CatalogDiff } from "./diff-catalogs";

/** The text report of `jobkit diff`: changed events with their classified changes, then a summary. */
export function formatCatalogDiff(diff: CatalogDiff): string {
  const changed = diff.events.filter((event) => event.status !== "unchanged");
  const blocks = changed.map((event) => {
    const versions =
      event.status === "added"
        ? `added (v${event.newVersion ?? "?"})`
        : event.status === "removed"
          ? `removed (was v${event.oldVersion ?? "?"})`
          : `v${event.oldVersion ?? "?"} → v${event.newVersion ?? "?"}`;
    let verdict = "";
    if (event.failing) {
      verdict =
        event.status === "removed"
          ? "  FAIL: removing an event breaks its producers and consumers (keep it, or pass --allow-removal)"
          : event.changes.some((change) => change.kind === "version-lowered")
            ? "  FAIL: the version went down"
            : `  FAIL: breaking changes without a major version bump; expected v${event.suggestedVersion ?? "next major"}`;
    } else if (event.status === "removed") {
      verdict = "  allowed: removed with --allow-removal; make sure nothing still sends or handles it";
    } else if (event.suggestedVersion !== undefined) {
      verdict = `  note: safe changes with the same version; consider v${event.suggestedVersion}`;
    }
    const lines = event.changes
      .filter((change) => change.kind !== "event-added" && change.kind !== "event-removed")
      .map((change) => `  ${change.severity.padEnd(8)} ${change.path ?? "(event)"}: ${change.detail}`);
    return [`${event.event}  ${versions}`, ...lines, ...(verdict ? [verdict] : [])].join("\n");
  });
  const summary =
    diff.changes.length === 0
      ? "ok: no changes"
      : `${plural(changed.length, "event")} changed: ${plural(diff.breaking, "breaking change")}, ${plural(diff.safe, "safe change")}` +
        (diff.allowedRemovals.length > 0
          ? `, ${plural(diff.allowedRemovals.length, "allowed removal")} (${diff.allowedRemovals.join(", ")})`
          : "") +
        (diff.failing.length > 0
          ? `; failing: ${diff.failing.join(", ")}`
          : diff.breaking > 0
            ? "; every breaking change has a major version bump"
            : "");
  return [...(blocks.length > 0 ? [blocks.join("\n\n"), ""] : []), summary, ""].join("\n");
}
