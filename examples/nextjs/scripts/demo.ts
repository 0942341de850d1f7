import { pageScanScenario } from "../demo/page-scan-scenario";

// `npm run demo`: the batch page scan, run in-process with @jobkit/testing on a virtual clock, as a timeline.
const scenario = await pageScanScenario();
const clock = (at: Date) => at.toISOString().slice(11, 19);
const sourceWidth = Math.max(...scenario.lines.map((line) => line.source.length));
const textWidth = Math.min(30, Math.max(...scenario.lines.map((line) => line.text.length)));
const output = [
  "",
  `${scenario.title} (virtual time, UTC ${scenario.startedAt.toISOString().slice(0, 10)})`,
  ...scenario.lines.map((line) =>
    [
      "  ",
      `+${Math.round((line.at.getTime() - scenario.startedAt.getTime()) / 1000)}s`.padEnd(6),
      clock(line.at),
      line.source.padEnd(sourceWidth),
      line.detail === undefined ? line.text : `${line.text.padEnd(textWidth)}  ${line.detail}`,
    ].join("  "),
  ),
  "",
  `${scenario.runs.scans.length} scans, ${scenario.runs.analyses.length} analyses, ${scenario.runs.notifications.length} notifications delivered.`,
  "",
];
process.stdout.write(output.join("\n"));
