/**
 * Nearest-rank percentile of an ascending array: the smallest sample such that at least p% of
 * samples are less than or equal to it. No interpolation, so every reported figure is a latency
 * that was actually observed.
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new Error('percentile of an empty sample set');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(sortAscending(samples), 50);
}

export function sortAscending(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = sortAscending(samples);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    min: sorted[0] as number,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
    mean: sum / sorted.length,
  };
}

/** `value / baseline`, the figure that survives a noisy machine. */
export function ratio(value: number, baseline: number): number {
  if (baseline === 0) return Number.NaN;
  return value / baseline;
}
