/** Quantiles of timings taken one at a time (a load's latencies go through hdr-histogram-js in load.ts). */

/** The q-quantile of ascending `sorted`, nearest rank; NaN when empty. */
export const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
export const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
