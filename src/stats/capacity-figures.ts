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

// The per-second series of one capacity all cover its horizon (one entry per second): the loops
// below index them directly. They run for every placement of a comparison, so they are plain loops.

/** a[i] + b[i] for each second. */
function sumOf(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < out.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

/** Total offered per second (baseline + scheduled). */
export function offeredTotal(c: CapacitySeries): Float64Array {
  return sumOf(c.offeredPerS[0], c.offeredPerS[1]);
}

/** Backlog at the end of each second; a fluid baseline is a reservation and never queues. */
export function backlogPerS(c: CapacitySeries): Float64Array {
  const out = new Float64Array(c.ceilingPerS.length);
  const queued = c.baselineMode !== 'fluid';
  const [ob, os] = c.offeredPerS;
  const [cb, cs] = c.carriedPerS;
  const [rb, rs] = c.rejectedPerS;
  let q = 0;
  for (let i = 0; i < out.length; i++) {
    if (queued) q += ob[i]! - cb[i]! - rb[i]!;
    q += os[i]! - cs[i]! - rs[i]!;
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
  const headroom = new Float64Array(offered.length);
  const shortfall = new Float64Array(offered.length); // −headroom
  for (let i = 0; i < offered.length; i++) {
    headroom[i] = c.ceilingPerS[i]! - offered[i]!;
    shortfall[i] = -headroom[i]!;
  }
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
  const headroomMin = peakBlockMean(shortfall, 60);
  return {
    peakOffered1s: p1s.value,
    peakOffered1sAtS: p1s.atS,
    peakOffered1min: peakBlockMean(offered, 60).value,
    peakOffered1h: p1h.value,
    peakOffered1hAtS: p1h.atS,
    peakCarried1s: peakBlockMean(sumOf(c.carriedPerS[0], c.carriedPerS[1]), 1).value,
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
