/**
 * Test oracle: the headline figures of src/stats/ done the plain way — one obvious loop per figure,
 * straight from the definitions, recomputing sums from scratch rather than carrying them — against
 * which the code's own (faster, shared-helper) versions are checked on random series.
 *
 *   peak over B s            max over every start a of (Σ offered[a … a+B−1]) / B (sliding), first start on ties
 *   min headroom             min over seconds (1 s) or any 60 consecutive seconds (1 min) of ceiling − offered
 *   seconds above            count of seconds with offered > ceiling (1e-9 round-off allowance)
 *   seconds saturated        count of seconds with ceiling > 0 and carried ≥ ceiling (1e-9 relative allowance)
 *   backlog at second i      Σ_{j ≤ i} (offered − carried − rejected) of the classes that queue
 *   drain                    seconds from the (first) largest backlog to the first later empty second
 *   window sum               Σ scheduled over the seconds of every day's [start, end) that lie in the series
 *   extra per clock hour     max(0, max over hours [3600h, 3600h + 3600) of Σ (offered − ceiling))
 *   judged at window W       for every start a (W seconds, or the whole series if shorter): Σ ceiling − Σ
 *                            offered over [a, a + W), summed afresh; windows above = those below −1e-9·max(1, Σ ceiling),
 *                            min headroom = the smallest / W; required = the peak over W s; uplift = that − the
 *                            baseline's own peak over W s
 */
import type { Window } from '../../src/model/types.js';
import type { CapacitySeries } from '../../src/sim/run-replication.js';

function total(c: CapacitySeries, i: number): number {
  return (c.offeredPerS[0][i] as number) + (c.offeredPerS[1][i] as number);
}

function slidingPeak(values: readonly number[], windowS: number): { value: number; atS: number } {
  const w = Math.min(windowS, values.length);
  let best = { value: Number.NEGATIVE_INFINITY, atS: 0 };
  for (let a = 0; a + w <= values.length; a++) {
    let sum = 0;
    for (let i = a; i < a + w; i++) sum += values[i] as number;
    if (a === 0 || sum / w > best.value + 1e-9 * Math.max(1, Math.abs(best.value))) best = { value: sum / w, atS: a };
  }
  return best;
}

/** Backlog at the end of second i, summed from second 0 each time (fluid baselines never queue). */
export function referenceBacklog(c: CapacitySeries): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.ceilingPerS.length; i++) {
    let q = 0;
    for (let j = 0; j <= i; j++) {
      for (const cls of [0, 1] as const) {
        if (cls === 0 && c.baselineMode === 'fluid') continue;
        q += (c.offeredPerS[cls][j] as number) - (c.carriedPerS[cls][j] as number) - (c.rejectedPerS[cls][j] as number);
      }
    }
    out.push(q < 1e-6 ? 0 : q);
  }
  return out;
}

function windowSum(series: ArrayLike<number>, w: Window): number {
  let sum = 0;
  for (let i = 0; i < series.length; i++) if (i % 86_400 >= w.startS && i % 86_400 < w.endS) sum += series[i] as number;
  return sum;
}

export function referenceCapacityFigures(c: CapacitySeries, peak: Window, firmware: Window, windowS = 1) {
  const n = c.ceilingPerS.length;
  const offered = Array.from({ length: n }, (_, i) => total(c, i));
  const headroom = offered.map((o, i) => (c.ceilingPerS[i] as number) - o);
  const carried = Array.from({ length: n }, (_, i) => (c.carriedPerS[0][i] as number) + (c.carriedPerS[1][i] as number));
  const backlog = referenceBacklog(c);
  let maxQueue = 0;
  let maxQueueAtS = 0;
  backlog.forEach((q, i) => {
    if (q > maxQueue) {
      maxQueue = q;
      maxQueueAtS = i;
    }
  });
  let drainS: number | null = 0;
  if (maxQueue > 0) {
    drainS = null;
    for (let j = maxQueueAtS + 1; j < n; j++) {
      if (backlog[j] === 0) {
        drainS = j - maxQueueAtS;
        break;
      }
    }
  }
  // Min headroom over any 60 consecutive seconds: the smallest such mean of ceiling − offered.
  const minHeadroom1min = -slidingPeak(
    headroom.map((h) => -h),
    60,
  ).value;
  const p1s = slidingPeak(offered, 1);
  const p1h = slidingPeak(offered, 3600);
  const w = Math.min(windowS, n);
  let windowsAbove = 0;
  let minHeadroomWindow = Number.POSITIVE_INFINITY;
  for (let a = 0; a + w <= n; a++) {
    let cap = 0;
    let load = 0;
    for (let i = a; i < a + w; i++) {
      cap += c.ceilingPerS[i] as number;
      load += offered[i] as number;
    }
    if (cap - load < -1e-9 * Math.max(1, cap)) windowsAbove++;
    minHeadroomWindow = Math.min(minHeadroomWindow, (cap - load) / w);
  }
  const required = slidingPeak(offered, windowS);
  const baselinePeak = slidingPeak([...c.offeredPerS[0]], windowS).value;
  return {
    peakOffered1s: p1s.value,
    peakOffered1sAtS: p1s.atS,
    peakOffered1min: slidingPeak(offered, 60).value,
    peakOffered1h: p1h.value,
    peakOffered1hAtS: p1h.atS,
    peakCarried1s: Math.max(...carried),
    minHeadroom1s: Math.min(...headroom),
    minHeadroom1min,
    secondsAboveCeiling: offered.filter((o, i) => o > (c.ceilingPerS[i] as number) + 1e-9).length,
    secondsSaturated: carried.filter((x, i) => (c.ceilingPerS[i] as number) > 0 && x >= (c.ceilingPerS[i] as number) * (1 - 1e-9)).length,
    maxQueue,
    maxQueueAtS,
    drainS,
    scheduledOffered: windowSum(c.offeredPerS[1], { startS: 0, endS: n }),
    scheduledInPeakWindow: windowSum(c.offeredPerS[1], peak),
    scheduledInFirmwareWindow: windowSum(c.offeredPerS[1], firmware),
    rejected: windowSum(c.rejectedPerS[1], { startS: 0, endS: n }),
    windowS,
    requiredPerS: required.value,
    requiredAtS: required.atS,
    baselinePeakWindowPerS: baselinePeak,
    upliftPerS: required.value - baselinePeak,
    windowsAbove,
    minHeadroomWindow,
  };
}

/** max(0, max over seconds of offered − ceiling). */
export function referenceExtraPerSecond(c: CapacitySeries): number {
  let worst = 0;
  for (let i = 0; i < c.ceilingPerS.length; i++) worst = Math.max(worst, total(c, i) - (c.ceilingPerS[i] as number));
  return worst;
}

/** max(0, max over clock hours h of Σ_{i in [3600h, 3600h + 3600)} offered − ceiling). */
export function referenceExtraPerClockHour(c: CapacitySeries): number {
  const n = c.ceilingPerS.length;
  let worst = 0;
  for (let h = 0; h * 3600 < n; h++) {
    let excess = 0;
    for (let i = 0; i < n; i++) if (Math.floor(i / 3600) === h) excess += total(c, i) - (c.ceilingPerS[i] as number);
    worst = Math.max(worst, excess);
  }
  return worst;
}

/** Sample mean and standard deviation (n − 1), as two plain loops. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (values.length - 1)) };
}
