// Summary statistics for timing samples: median and spread, the numbers the reports print.

/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Spread as the interquartile range relative to the median, in percent (robust to one noisy sample). */
export function spreadPercent(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  const mid = median(sorted);
  return mid === 0 ? 0 : ((at(0.75) - at(0.25)) / mid) * 100;
}

/** `{ median, spread, samples }` for one side of a comparison. */
export function summarize(values) {
  return { median: median(values), spread: spreadPercent(values), samples: values.length };
}
