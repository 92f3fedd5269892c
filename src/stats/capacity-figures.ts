/**
 * Headline figures of one capacity in one replication, from its per-second series.
 * Offered load = what arrived in the second (baseline + scheduled); carried = what the ceiling served.
 */
import { DAY_S, type Window } from '../model/types.js';
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
  /** Seconds whose offered load was above the ceiling. */
  readonly secondsAboveCeiling: number;
  /** Seconds the ceiling was fully used (carried = ceiling > 0): saturated, whatever was offered in them. */
  readonly secondsSaturated: number;
  readonly maxQueue: number;
  readonly maxQueueAtS: number;
  /** Seconds from the largest backlog until it is gone; null when it never drains in the horizon. */
  readonly drainS: number | null;
  readonly scheduledOffered: number;
  /** Scheduled load in the peak and firmware windows, every day's occurrence of each. */
  readonly scheduledInPeakWindow: number;
  readonly scheduledInFirmwareWindow: number;
  readonly rejected: number;
  /** Seconds of the window the ceiling holds over (Capacity.windowS): the figures below judge that window, sliding. */
  readonly windowS: number;
  /** Required capacity: the busiest window's mean offered load per second, and the window's first second. */
  readonly requiredPerS: number;
  readonly requiredAtS: number;
  /** The busiest window of the baseline alone, per second. */
  readonly baselinePeakWindowPerS: number;
  /** requiredPerS − baselinePeakWindowPerS: what the placement adds over today's busiest baseline window. */
  readonly upliftPerS: number;
  /** Windows (one per first second) whose mean offered load is above their mean ceiling: the verdict. */
  readonly windowsAbove: number;
  /** Smallest mean ceiling − mean offered over any window (negative = above). */
  readonly minHeadroomWindow: number;
}

/** A window in words: 1 → '1 s', 900 → '15 min', 3600 → '1 h'. */
export function windowLabel(windowS: number): string {
  if (windowS % 3600 === 0) return `${windowS / 3600} h`;
  if (windowS % 60 === 0) return `${windowS / 60} min`;
  return `${windowS} s`;
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

/**
 * Largest mean over any `windowS` consecutive seconds (a sliding window, not clock-aligned blocks),
 * and its first second; the first such window on ties. A series shorter than the window is one window.
 */
export function peakWindowMean(series: ArrayLike<number>, windowS: number): { value: number; atS: number } {
  const n = series.length;
  const w = Math.min(windowS, n);
  if (w <= 0) return { value: Number.NEGATIVE_INFINITY, atS: 0 };
  let sum = 0;
  for (let i = 0; i < w; i++) sum += series[i] ?? 0;
  let best = sum;
  let at = 0;
  for (let start = 1; start + w <= n; start++) {
    sum += (series[start + w - 1] ?? 0) - (series[start - 1] ?? 0);
    if (sum > best + 1e-9 * Math.max(1, Math.abs(best))) {
      best = sum;
      at = start;
    }
  }
  return { value: best / w, atS: at };
}

/** Σ series over every day's occurrence of window w (the series may cover several days). */
function sumIn(series: ArrayLike<number>, w: Window): number {
  let sum = 0;
  for (let day = 0; day * DAY_S < series.length; day++) {
    for (let i = day * DAY_S + w.startS; i < Math.min(day * DAY_S + w.endS, series.length); i++) sum += series[i] ?? 0;
  }
  return sum;
}

function sumAll(series: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < series.length; i++) sum += series[i] ?? 0;
  return sum;
}

/** Over every window of `w` seconds (by first second): how many have Σ offered > Σ ceiling, and the smallest mean headroom. */
function judgeWindows(offered: Float64Array, ceiling: Float64Array, w: number): { above: number; minHeadroom: number } {
  const n = offered.length;
  const width = Math.max(1, Math.min(w, n));
  let load = 0;
  let cap = 0;
  for (let i = 0; i < width; i++) {
    load += offered[i]!;
    cap += ceiling[i]!;
  }
  let above = 0;
  let minHeadroom = Number.POSITIVE_INFINITY;
  for (let start = 0; ; start++) {
    const h = cap - load;
    // Sums of up to 3 600 terms: a relative tolerance keeps rounding from counting a window that only touches its ceiling.
    if (h < -1e-9 * Math.max(1, cap)) above++;
    if (h < minHeadroom) minHeadroom = h;
    const next = start + width;
    if (next >= n) break;
    load += offered[next]! - offered[start]!;
    cap += ceiling[next]! - ceiling[start]!;
  }
  return { above, minHeadroom: minHeadroom / width };
}

export function capacityFigures(c: CapacitySeries, peak: Window, firmware: Window, windowS: number): CapacityFigures {
  const offered = offeredTotal(c);
  const headroom = new Float64Array(offered.length);
  const shortfall = new Float64Array(offered.length); // −headroom
  for (let i = 0; i < offered.length; i++) {
    headroom[i] = c.ceilingPerS[i]! - offered[i]!;
    shortfall[i] = -headroom[i]!;
  }
  const backlog = backlogPerS(c);
  const p1s = peakWindowMean(offered, 1);
  const p1h = peakWindowMean(offered, 3600);
  const carried = sumOf(c.carriedPerS[0], c.carriedPerS[1]);
  let above = 0;
  let saturated = 0;
  let maxQ = 0;
  let maxQAt = 0;
  let minHeadroom = Number.POSITIVE_INFINITY;
  for (let i = 0; i < offered.length; i++) {
    const h = headroom[i] ?? 0;
    if (h < -1e-9) above++;
    const ceiling = c.ceilingPerS[i] ?? 0;
    if (ceiling > 0 && (carried[i] ?? 0) >= ceiling * (1 - 1e-9)) saturated++;
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
  const headroomMin = peakWindowMean(shortfall, 60);
  const required = peakWindowMean(offered, windowS);
  const baselinePeak = peakWindowMean(c.offeredPerS[0], windowS).value;
  const judged = judgeWindows(offered, c.ceilingPerS, windowS);
  return {
    peakOffered1s: p1s.value,
    peakOffered1sAtS: p1s.atS,
    peakOffered1min: peakWindowMean(offered, 60).value,
    peakOffered1h: p1h.value,
    peakOffered1hAtS: p1h.atS,
    peakCarried1s: peakWindowMean(carried, 1).value,
    minHeadroom1s: minHeadroom,
    minHeadroom1min: -headroomMin.value,
    secondsAboveCeiling: above,
    secondsSaturated: saturated,
    maxQueue: maxQ,
    maxQueueAtS: maxQAt,
    drainS,
    scheduledOffered: sumAll(scheduled),
    scheduledInPeakWindow: sumIn(scheduled, peak),
    scheduledInFirmwareWindow: sumIn(scheduled, firmware),
    rejected: sumAll(c.rejectedPerS[1]),
    windowS,
    requiredPerS: required.value,
    requiredAtS: required.atS,
    baselinePeakWindowPerS: baselinePeak,
    upliftPerS: required.value - baselinePeak,
    windowsAbove: judged.above,
    minHeadroomWindow: judged.minHeadroom,
  };
}
