import type { Palette } from "./palette";
import { formatDuration, type Scenario, type TimelineKind } from "./timeline";

const colourOf: Record<TimelineKind, keyof Palette> = {
  event: "magenta",
  step: "green",
  sleep: "dim",
  wait: "dim",
  send: "blue",
  retry: "yellow",
  done: "green",
  cancelled: "yellow",
  failed: "red",
};

/** `2026-03-02 09:00:00`, in UTC. */
const clock = (at: Date) => at.toISOString().slice(0, 19).replace("T", " ");

/**
 * A scenario as aligned, coloured lines: offset from the scenario's start, virtual UTC time, who acted,
 * and what happened.
 *
 * @example
 * ```ts
 * import { formatScenario } from "./format-scenario";
 * import { createPalette } from "./palette";
 * import { signupScenario } from "./signup-scenario";
 *
 * console.log(formatScenario(await signupScenario(), 1, createPalette(false)).join("\n"));
 * ```
 */
export function formatScenario(scenario: Scenario, number: number, palette: Palette): string[] {
  const offsets = scenario.lines.map(
    (line) => `+${formatDuration(line.at.getTime() - scenario.startedAt.getTime())}`,
  );
  const offsetWidth = Math.max(...offsets.map((offset) => offset.length));
  const sourceWidth = Math.max(...scenario.lines.map((line) => line.source.length));
  // Long step ids would push every detail far right; past the cap a detail just follows its text.
  const textWidth = Math.min(30, Math.max(...scenario.lines.map((line) => line.text.length)));
  const body = scenario.lines.map((line, index) => {
    const source = line.source.padEnd(sourceWidth);
    const text = palette[colourOf[line.kind]](
      line.detail === undefined ? line.text : line.text.padEnd(textWidth),
    );
    return [
      "  ",
      palette.dim((offsets[index] as string).padEnd(offsetWidth)),
      palette.dim(clock(line.at)),
      line.source === "event" ? palette.magenta(source) : palette.cyan(source),
      line.kind === "done" ? palette.bold(text) : text,
      ...(line.detail === undefined ? [] : [line.detail]),
    ].join("  ");
  });
  return [palette.bold(`${number}. ${scenario.title}`), ...body];
}
