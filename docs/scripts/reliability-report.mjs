// Builds the tables of the reliability page from the counts the fuzz suites write while `pnpm test` runs
// (coverage/fuzz/<package>.json, one per package): the page shows what the suite did, never figures typed
// by hand.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const number = new Intl.NumberFormat("en-US");

/** Markdown for every package's fuzz counts, or `undefined` when the fuzz suites have not run yet. */
export function reliabilityTables(repo) {
  const folder = join(repo, "coverage", "fuzz");
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith(".json"))
        .sort()
    : [];
  if (files.length === 0) return undefined;
  const reports = files.map((name) => JSON.parse(readFileSync(join(folder, name), "utf8")));
  const sections = reports.map(({ package: name, boundaries }) => {
    const rows = boundaries.map(
      (row) =>
        `| \`${row.boundary}\` | ${number.format(row.tried)} | ${number.format(row.accepted)} | ${number.format(row.rejected)} | ${row.defects} |`,
    );
    return [
      `## \`${name}\``,
      "",
      "| boundary | inputs tried | accepted | rejected with a clear error | defects |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...rows,
    ].join("\n");
  });
  const all = reports.flatMap((report) => report.boundaries);
  const total = (key) => number.format(all.reduce((sum, row) => sum + row[key], 0));
  const summary =
    `${all.length} boundaries in ${reports.length} packages: ${total("tried")} generated inputs, ` +
    `${total("rejected")} rejected with the package's named error, ${total("defects")} defects.`;
  return `${summary}\n\n${sections.join("\n\n")}\n`;
}
