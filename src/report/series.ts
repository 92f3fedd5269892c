/**
 * Per-second and per-minute tables of every capacity, averaged over replications.
 * Pure: returns CSV text.
 */
import type { CapacitySeries, ReplicationResult } from '../sim/run-replication.js';
import { backlogPerS } from '../stats/capacity-figures.js';
import { csvLine, numberCell, textCell } from './csv.js';

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

/** "d1 00:00:00" for second 0: day of the horizon and UTC clock time. */
export function clockOf(second: number): string {
  const day = Math.floor(second / 86_400) + 1;
  const s = second % 86_400;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `d${day} ${hh}:${mm}:${ss}`;
}

const FIELDS = ['ceiling', 'offeredBaseline', 'offeredScheduled', 'carriedBaseline', 'carriedScheduled', 'rejected', 'backlog'] as const;
const NAMES = ['ceiling_per_s', 'offered_baseline', 'offered_scheduled', 'carried_baseline', 'carried_scheduled', 'rejected', 'backlog'];

function header(cols: readonly CapacityColumns[], first: string[]): string {
  return csvLine([...first, ...cols.flatMap((c) => NAMES.map((n) => textCell(`${c.id}_${n}`))), 'responses']);
}

/** One row per second: units per second (backlog in units at the end of the second). */
export function perSecondCsv(cols: readonly CapacityColumns[], responses: Float64Array): string {
  const parts = [header(cols, ['second', 'clock_utc'])];
  for (let s = 0; s < responses.length; s++) {
    const cells = [String(s), clockOf(s)];
    for (const c of cols) for (const f of FIELDS) cells.push(numberCell(c[f][s] ?? 0));
    cells.push(numberCell(responses[s] ?? 0));
    parts.push(csvLine(cells));
  }
  return parts.join('');
}

/** One row per minute: mean units per second over the minute (backlog: the largest in the minute). */
export function perMinuteCsv(cols: readonly CapacityColumns[], responses: Float64Array): string {
  const parts = [header(cols, ['minute', 'clock_utc'])];
  const mean = (a: Float64Array, m: number) => {
    let sum = 0;
    for (let i = m * 60; i < Math.min(a.length, m * 60 + 60); i++) sum += a[i] ?? 0;
    return sum / 60;
  };
  const max = (a: Float64Array, m: number) => {
    let best = 0;
    for (let i = m * 60; i < Math.min(a.length, m * 60 + 60); i++) best = Math.max(best, a[i] ?? 0);
    return best;
  };
  for (let m = 0; m < Math.ceil(responses.length / 60); m++) {
    const cells = [String(m), clockOf(m * 60).slice(0, -3)];
    for (const c of cols) for (const f of FIELDS) cells.push(numberCell(f === 'backlog' ? max(c[f], m) : mean(c[f], m)));
    cells.push(numberCell(mean(responses, m) * 60));
    parts.push(csvLine(cells));
  }
  return parts.join('');
}
