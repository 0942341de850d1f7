import type { FunctionManifest } from "@jobkit/functions";

type Settings = Readonly<Record<string, unknown>>;

const by = (key: unknown) => (typeof key === "string" ? ` per ${key}` : "");

/** One option in words; options without a phrase here fall back to their settings as `name: value`. */
function describeOption(option: string, value: unknown): string {
  const settings = (Array.isArray(value) ? value : [value]) as Settings[];
  switch (option) {
    case "concurrency":
      return settings.map((limit) => `at most ${limit.limit} at once${by(limit.key)}`).join(", ");
    case "throttle":
    case "rateLimit": {
      const [limit = {}] = settings;
      const verb = option === "throttle" ? "starts" : "runs (the rest skipped)";
      return `${limit.limit} ${verb} per ${limit.period}${by(limit.key)}`;
    }
    case "timeouts": {
      const [timeouts = {}] = settings;
      return [
        timeouts.start === undefined ? undefined : `starts within ${timeouts.start}`,
        timeouts.finish === undefined ? undefined : `finishes within ${timeouts.finish}`,
      ]
        .filter((part) => part !== undefined)
        .join(", ");
    }
    default:
      return `${option}: ${JSON.stringify(value)}`;
  }
}

/**
 * A job's flow control as the jobs page shows it, e.g. "20 starts per 1m per event.data.provider";
 * "none" when the job has none.
 *
 * @example
 * ```ts
 * import { describeFlowControl } from "./describe-flow-control";
 *
 * describeFlowControl({ concurrency: [{ limit: 5 }] }); // "at most 5 at once"
 * ```
 */
export function describeFlowControl(flowControl: FunctionManifest["flowControl"]): string {
  const parts = Object.entries(flowControl).map(([option, value]) => describeOption(option, value));
  return parts.length === 0 ? "none" : parts.join("; ");
}
