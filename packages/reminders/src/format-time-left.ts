const units = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
] as const;

/**
 * A duration in the largest unit that divides it, for email subjects: `"7 days"`, `"1 day"`, `"12 hours"`,
 * `"36 hours"`, `"30 minutes"`; anything shorter than a minute reads `"less than a minute"`.
 */
export function formatTimeLeft(ms: number): string {
  const size = Math.abs(ms);
  for (const [unitMs, name] of units) {
    if (size >= unitMs && size % unitMs === 0) {
      const count = size / unitMs;
      return `${count} ${name}${count === 1 ? "" : "s"}`;
    }
  }
  for (const [unitMs, name] of units) {
    if (size >= unitMs) {
      const count = Math.round(size / unitMs);
      return `${count} ${name}${count === 1 ? "" : "s"}`;
    }
  }
  return "less than a minute";
}
