/**
 * Test oracle: what the report's charts should plot, computed the plain way straight from the
 * replications' raw per-second books — one obvious loop per figure, no shared helpers of src/stats or
 * src/report — against which the chart specs (src/report/charts/) are checked.
 *
 *   per-second mean over replications   Σ_r x_r[s] / R
 *   per-minute mean (a rate)            Σ_r Σ_{s in the minute} x_r[s] / (R · 60)
 *   per-block sum                       Σ_r Σ_{s in the block} x_r[s] / R
 *   backlog at the end of second s      Σ_{j ≤ s} (offered − carried − rejected) of the classes that queue
 *                                       (a fluid baseline never queues), 0 below 1e-6
 *   chart rounding                      Math.round(v · 10^d) / 10^d, −0 as 0
 */
import type { CapacitySeries, ReplicationResult } from '../../src/sim/run-replication.js';

/** Per-second mean over replications of one series. */
export function meanPerSecond(results: readonly ReplicationResult[], pick: (r: ReplicationResult) => ArrayLike<number>): number[] {
  const n = pick(results[0] as ReplicationResult).length;
  const out: number[] = [];
  for (let s = 0; s < n; s++) {
    let sum = 0;
    for (const r of results) sum += pick(r)[s] as number;
    out.push(sum / results.length);
  }
  return out;
}

/** Sum over each block of `blockS` seconds of the series summed over replications, divided by R (the last block may be short). */
export function blockTotals(results: readonly ReplicationResult[], pick: (r: ReplicationResult) => ArrayLike<number>, blockS: number): number[] {
  const n = pick(results[0] as ReplicationResult).length;
  const out: number[] = [];
  for (let start = 0; start < n; start += blockS) {
    let sum = 0;
    for (const r of results) {
      const x = pick(r);
      for (let s = start; s < Math.min(n, start + blockS); s++) sum += x[s] as number;
    }
    out.push(sum / results.length);
  }
  return out;
}

/** Backlog at the end of each second of one replication's capacity. */
export function backlogSeries(c: CapacitySeries): number[] {
  const out: number[] = [];
  let q = 0;
  for (let s = 0; s < c.ceilingPerS.length; s++) {
    for (const cls of [0, 1] as const) {
      if (cls === 0 && c.baselineMode === 'fluid') continue;
      q += (c.offeredPerS[cls][s] as number) - (c.carriedPerS[cls][s] as number) - (c.rejectedPerS[cls][s] as number);
    }
    out.push(q < 1e-6 ? 0 : q);
  }
  return out;
}

/** Largest value in each block of `blockS` seconds. */
export function blockMaxima(series: readonly number[], blockS: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < series.length; start += blockS) {
    let best = 0;
    for (let s = start; s < Math.min(series.length, start + blockS); s++) best = Math.max(best, series[s] as number);
    out.push(best);
  }
  return out;
}

/** Index of the first largest value. */
export function firstArgMax(series: readonly number[]): number {
  let at = 0;
  for (let i = 1; i < series.length; i++) if ((series[i] as number) > (series[at] as number)) at = i;
  return at;
}

export function chartRound(v: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

/** "d1 00:22" (or with seconds) for second s of the horizon. */
export function clock(s: number, withSeconds = false): string {
  const two = (n: number) => String(Math.floor(n)).padStart(2, '0');
  const t = s % 86_400;
  const hm = `d${Math.floor(s / 86_400) + 1} ${two(t / 3600)}:${two((t % 3600) / 60)}`;
  return withSeconds ? `${hm}:${two(t % 60)}` : hm;
}
