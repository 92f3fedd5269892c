/**
 * Test oracle: the headline figures of src/stats/ done the plain way — one obvious loop per figure,
 * straight from the definitions, recomputing sums from scratch rather than carrying them — against
 * which the code's own (faster, shared-helper) versions are checked on random series.
 *
 *   peak over blocks of B s   max over b of (Σ offered[bB … bB+B−1]) / (seconds in the block), first block on ties
 *   min headroom             min over seconds (1 s) or blocks (1 min) of ceiling − offered
 *   seconds above            count of seconds with offered > ceiling (1e-9 round-off allowance)
 *   backlog at second i      Σ_{j ≤ i} (offered − carried − rejected) of the classes that queue
 *   drain                    seconds from the (first) largest backlog to the first later empty second
 *   window sum               Σ scheduled over the seconds of [start, end) that lie in the horizon
 *   deadline share           Σ responses in the seconds before the deadline / max(1, activated)
 *   extra per clock hour     max(0, max over hours [3600h, 3600h + 3600) of Σ (offered − ceiling))
 */
import type { Window } from '../../src/model/types.js';
import type { CapacitySeries } from '../../src/sim/run-replication.js';

function total(c: CapacitySeries, i: number): number {
  return (c.offeredPerS[0][i] as number) + (c.offeredPerS[1][i] as number);
}

function blockPeak(values: readonly number[], blockS: number): { value: number; atS: number } {
  const blocks: { value: number; atS: number }[] = [];
  for (let b = 0; b * blockS < values.length; b++) {
    const slice = values.slice(b * blockS, (b + 1) * blockS);
    let sum = 0;
    for (const v of slice) sum += v;
    blocks.push({ value: sum / slice.length, atS: b * blockS });
  }
  let best = blocks[0] as { value: number; atS: number };
  for (const b of blocks) if (b.value > best.value) best = b;
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
  for (let i = 0; i < series.length; i++) if (i >= w.startS && i < w.endS) sum += series[i] as number;
  return sum;
}

export function referenceCapacityFigures(c: CapacitySeries, peak: Window, firmware: Window) {
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
  // Min headroom over 1-min blocks: the smallest block mean of ceiling − offered.
  let minHeadroom1min = Number.POSITIVE_INFINITY;
  for (let b = 0; b * 60 < n; b++) {
    const slice = headroom.slice(b * 60, (b + 1) * 60);
    minHeadroom1min = Math.min(minHeadroom1min, slice.reduce((a, x) => a + x, 0) / slice.length);
  }
  const p1s = blockPeak(offered, 1);
  const p1h = blockPeak(offered, 3600);
  return {
    peakOffered1s: p1s.value,
    peakOffered1sAtS: p1s.atS,
    peakOffered1min: blockPeak(offered, 60).value,
    peakOffered1h: p1h.value,
    peakOffered1hAtS: p1h.atS,
    peakCarried1s: Math.max(...carried),
    minHeadroom1s: Math.min(...headroom),
    minHeadroom1min,
    secondsAboveCeiling: offered.filter((o, i) => o > (c.ceilingPerS[i] as number) + 1e-9).length,
    maxQueue,
    maxQueueAtS,
    drainS,
    scheduledOffered: windowSum(c.offeredPerS[1], { startS: 0, endS: n }),
    scheduledInPeakWindow: windowSum(c.offeredPerS[1], peak),
    scheduledInFirmwareWindow: windowSum(c.offeredPerS[1], firmware),
    rejected: windowSum(c.rejectedPerS[1], { startS: 0, endS: n }),
  };
}

/** Share of `activated` answered in the seconds strictly before each deadline second. */
export function referenceDeadlineShares(responsesPerS: ArrayLike<number>, deadlinesS: readonly number[], activated: number): number[] {
  return deadlinesS.map((d) => {
    let answered = 0;
    for (let sec = 0; sec < responsesPerS.length; sec++) if (sec < d) answered += responsesPerS[sec] as number;
    return answered / Math.max(1, activated);
  });
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
