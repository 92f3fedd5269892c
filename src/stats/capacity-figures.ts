/**
 * Headline figures of one capacity in one replication, from its per-second series.
 * Offered load = what arrived in the second (baseline + scheduled); carried = what the ceiling served.
 */
import type { Window } from '../model/types.js';
import type { CapacitySeries } from '../sim/run-replication.js';

export interface CapacityFigures {
  readonly peakOffered1s: number;
  readonly peakOffered1sAtS: number;
  readonly peakOffered1min: number;
  readonly peakOffered1h: number;
  readonly peakOffered1hAtS: number;
  readonly peakCarried1s: number;
  /** Smallest ceiling − offered over all seconds (negative = above the ceiling). */
  readonly minHeadroom1s: number;
  readonly minHeadroom1min: number;
  readonly secondsAboveCeiling: number;
  readonly maxQueue: number;
  readonly maxQueueAtS: number;
  /** Seconds from the largest backlog until it is gone; null when it never drains in the horizon. */
  readonly drainS: number | null;
  readonly scheduledOffered: number;
  readonly scheduledInPeakWindow: number;
  readonly scheduledInFirmwareWindow: number;
  readonly rejected: number;
}

/** Total offered per second (baseline + scheduled). */
export function offeredTotal(c: CapacitySeries): Float64Array {
  const [b, s] = c.offeredPerS;
  return b.map((v, i) => v + (s[i] ?? 0));
}

/** Backlog at the end of each second; a fluid baseline is a reservation and never queues. */
export function backlogPerS(c: CapacitySeries): Float64Array {
  const out = new Float64Array(c.ceilingPerS.length);
  const classes = c.baselineMode === 'fluid' ? [1] : [0, 1];
  let q = 0;
  for (let i = 0; i < out.length; i++) {
    for (const k of classes) q += (c.offeredPerS[k]?.[i] ?? 0) - (c.carriedPerS[k]?.[i] ?? 0) - (c.rejectedPerS[k]?.[i] ?? 0);
    out[i] = q < 1e-6 ? 0 : q;
  }
  return out;
}

/** Largest mean over consecutive blocks of `blockS` seconds, and the block's start. */
export function peakBlockMean(series: ArrayLike<number>, blockS: number): { value: number; atS: number } {
  let best = Number.NEGATIVE_INFINITY;
  let at = 0;
  for (let start = 0; start < series.length; start += blockS) {
    let sum = 0;
    const end = Math.min(series.length, start + blockS);
    for (let i = start; i < end; i++) sum += series[i] ?? 0;
    const m = sum / (end - start);
    if (m > best) {
      best = m;
      at = start;
    }
  }
  return { value: best, atS: at };
}

function sumIn(series: ArrayLike<number>, w: Window): number {
  let sum = 0;
  for (let i = w.startS; i < Math.min(w.endS, series.length); i++) sum += series[i] ?? 0;
  return sum;
}

export function capacityFigures(c: CapacitySeries, peak: Window, firmware: Window): CapacityFigures {
  const offered = offeredTotal(c);
  const headroom = c.ceilingPerS.map((v, i) => v - (offered[i] ?? 0));
  const backlog = backlogPerS(c);
  const p1s = peakBlockMean(offered, 1);
  const p1h = peakBlockMean(offered, 3600);
  let above = 0;
  let maxQ = 0;
  let maxQAt = 0;
  let minHeadroom = Number.POSITIVE_INFINITY;
  for (let i = 0; i < offered.length; i++) {
    const h = headroom[i] ?? 0;
    if (h < -1e-9) above++;
    if (h < minHeadroom) minHeadroom = h;
    if ((backlog[i] ?? 0) > maxQ) {
      maxQ = backlog[i] ?? 0;
      maxQAt = i;
    }
  }
  let drainS: number | null = 0;
  if (maxQ > 0) {
    const end = backlog.findIndex((v, i) => i > maxQAt && v === 0);
    drainS = end < 0 ? null : end - maxQAt;
  }
  const scheduled = c.offeredPerS[1];
  const headroomMin = peakBlockMean(headroom.map((v) => -v), 60);
  return {
    peakOffered1s: p1s.value,
    peakOffered1sAtS: p1s.atS,
    peakOffered1min: peakBlockMean(offered, 60).value,
    peakOffered1h: p1h.value,
    peakOffered1hAtS: p1h.atS,
    peakCarried1s: peakBlockMean(c.carriedPerS[0].map((v, i) => v + (c.carriedPerS[1][i] ?? 0)), 1).value,
    minHeadroom1s: minHeadroom,
    minHeadroom1min: -headroomMin.value,
    secondsAboveCeiling: above,
    maxQueue: maxQ,
    maxQueueAtS: maxQAt,
    drainS,
    scheduledOffered: sumIn(scheduled, { startS: 0, endS: scheduled.length }),
    scheduledInPeakWindow: sumIn(scheduled, peak),
    scheduledInFirmwareWindow: sumIn(scheduled, firmware),
    rejected: sumIn(c.rejectedPerS[1], { startS: 0, endS: c.rejectedPerS[1].length }),
  };
}
