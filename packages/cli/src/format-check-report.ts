import { plural } from "@jobkit/events/internal";
import type { CheckReport } from "./check-jobs";

/** The text report of `jobkit check`: one block per finding, then a summary line. */
export function formatCheckReport(report: CheckReport, heading: string): string {
  const width = report.findings.some((finding) => finding.severity === "warning") ? 7 : 5;
  const blocks = report.findings.map((finding) => {
    const [first = "", ...rest] = finding.message.split("\n");
    const indent = " ".repeat(width + 1);
    return [
      `${finding.severity.padEnd(width)} ${first} [${finding.code}]`,
      ...rest.map((line) => `${indent}${line.replace(/^ {2}/, "")}`),
    ].join("\n");
  });
  const summary =
    report.errors + report.warnings === 0
      ? `ok: no problems in ${plural(report.functions, "function")}`
      : `${plural(report.errors, "error")}, ${plural(report.warnings, "warning")} in ${plural(report.functions, "function")}`;
  return [heading, ...(blocks.length > 0 ? ["", blocks.join("\n\n")] : []), "", summary, ""].join("\n");
}
