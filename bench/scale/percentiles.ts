/** The p-th percentile (nearest rank) of some milliseconds, rounded to 0.01 ms. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 100) / 100;
}

export const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/** Peak resident set size of this process so far, in MiB. */
export const peakRssMiB = () => round(process.resourceUsage().maxRSS / 1024, 1);
