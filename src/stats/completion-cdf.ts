/**
 * The distribution of SR completion times (activation → response or TRT-expiry alert) over all
 * replications together, as CDF points: the figures behind the completion-time chart. Pure.
 */
import { Histogram } from '../engine/index.js';
import type { ReplicationResult } from './results.js';

export interface CdfPoint {
  /** Completion time, seconds after activation. */
  readonly s: number;
  /** Share of finished SRs done within `s`. */
  readonly share: number;
}

/**
 * CDF points of the completion times of all replications together: the histograms merged (into a
 * new one: the results are not changed), read at `steps` evenly spaced quantiles. Each point is
 * (quantile q, q); values are bucket midpoints, within 1/128 of the true value (engine/histogram.ts).
 * @example completionCdf(results, 4) // [{s: min, share: 0}, {s: p25, share: 0.25}, …, {s: max, share: 1}]
 */
export function completionCdf(results: readonly ReplicationResult[], steps = 400): CdfPoint[] {
  const merged = new Histogram();
  for (const r of results) merged.merge(r.completionS);
  if (merged.count === 0) return [];
  return Array.from({ length: steps + 1 }, (_, k) => ({ s: merged.quantile(k / steps), share: k / steps }));
}
