/**
 * Per-second and per-minute tables of every capacity, averaged over replications (the means come
 * from stats/series.ts). Pure: returns CSV text.
 */
import type { CapacityColumns } from '../stats/series.js';
import { csvLine, numberCell, textCell } from './csv.js';

// The means over replications are statistics (stats/series.ts); re-exported for the callers of this module.

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
