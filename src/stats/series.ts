/**
 * Per-second series averaged over replications: element-wise means of one series, and every column
 * of one capacity (offered, carried, rejected, backlog). Pure: the CSV tables and the charts of a
 * run report are drawn from these (report/series.ts, report/charts/).
 */
import { backlogPerS } from './capacity-figures.js';
import type { CapacitySeries, ReplicationResult } from './results.js';

/** Element-wise mean of one series over replications. */
export function meanSeries(results: readonly ReplicationResult[], pick: (r: ReplicationResult) => ArrayLike<number>): Float64Array {
  const first = pick(results[0] as ReplicationResult);
  const out = new Float64Array(first.length);
  for (const r of results) {
    const s = pick(r);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (s[i] ?? 0);
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / results.length;
  return out;
}

export interface CapacityColumns {
  readonly id: string;
  readonly ceiling: Float64Array;
  readonly offeredBaseline: Float64Array;
  readonly offeredScheduled: Float64Array;
  readonly carriedBaseline: Float64Array;
  readonly carriedScheduled: Float64Array;
  readonly rejected: Float64Array;
  readonly backlog: Float64Array;
}

/** The mean columns of capacity `k` over replications. */
export function capacityColumns(results: readonly ReplicationResult[], k: number): CapacityColumns {
  const cap = (r: ReplicationResult) => r.capacities[k] as CapacitySeries;
  return {
    id: cap(results[0] as ReplicationResult).id,
    ceiling: meanSeries(results, (r) => cap(r).ceilingPerS),
    offeredBaseline: meanSeries(results, (r) => cap(r).offeredPerS[0]),
    offeredScheduled: meanSeries(results, (r) => cap(r).offeredPerS[1]),
    carriedBaseline: meanSeries(results, (r) => cap(r).carriedPerS[0]),
    carriedScheduled: meanSeries(results, (r) => cap(r).carriedPerS[1]),
    rejected: meanSeries(results, (r) => cap(r).rejectedPerS[1]),
    backlog: meanSeries(results, (r) => backlogPerS(cap(r))),
  };
}
