/**
 * Every headline figure of one capacity (src/stats/capacity-figures.ts) against a hand calculation on
 * a few seconds of hand-made series, and against the plain-loop oracle (test/oracles/figures.ts) on
 * random series. Peaks over 1 min and 1 h are sliding (any 60 / 3,600 consecutive seconds), and each
 * ceiling is judged over its own window, sliding too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Window } from '../../src/model/types.js';
import type { CapacitySeries } from '../../src/sim/run-replication.js';
import { backlogPerS, capacityFigures, offeredTotal, peakWindowMean } from '../../src/stats/capacity-figures.js';
import { capacity, repeat } from '../helpers/results.js';
import { referenceBacklog, referenceCapacityFigures } from '../oracles/figures.js';

const PEAK: Window = { startS: 0, endS: 21_600 }; // 00:00–06:00
const FIRMWARE: Window = { startS: 43_200, endS: 79_200 }; // 12:00–22:00
const figures = (c: CapacitySeries, peak = PEAK, firmware = FIRMWARE) => capacityFigures(c, peak, firmware, 1);

/** Offered `v` in seconds [from, to) of an `n`-second horizon, 0 elsewhere. */
const burst = (n: number, from: number, to: number, v: number) => Array.from({ length: n }, (_, i) => (i >= from && i < to ? v : 0));

describe('a six-second day worked by hand', () => {
  // ceiling 5 TPS; baseline 1 every second; scheduled 0, 2, 4, 7, 1, 0 → offered 1, 3, 5, 8, 2, 1.
  // Queue at 5 TPS with the baseline carried first: second 3 carries 4 of the 7 scheduled, leaving 3
  // queued; second 4 serves those 3 + the 1 new (4 ≤ 5 − 1), so the backlog is 0, 0, 0, 3, 0, 0.
  const c = capacity({
    ceiling: [5, 5, 5, 5, 5, 5],
    baseline: [1, 1, 1, 1, 1, 1],
    scheduled: [0, 2, 4, 7, 1, 0],
    carriedBaseline: [1, 1, 1, 1, 1, 1],
    carriedScheduled: [0, 2, 4, 4, 4, 0],
  });
  const f = figures(c, { startS: 0, endS: 3 }, { startS: 3, endS: 5 });

  it('offered = baseline + scheduled each second', () => {
    expect([...offeredTotal(c)]).toEqual([1, 3, 5, 8, 2, 1]);
  });
  it('peak offered over 1 s is 8 TPS, at second 3', () => {
    expect(f.peakOffered1s).toBe(8);
    expect(f.peakOffered1sAtS).toBe(3);
  });
  it('1 min and 1 h peaks are the mean of the one (partial) block: (1 + 3 + 5 + 8 + 2 + 1) / 6 = 20/6', () => {
    expect(f.peakOffered1min).toBeCloseTo(20 / 6, 12);
    expect(f.peakOffered1h).toBeCloseTo(20 / 6, 12);
    expect(f.peakOffered1hAtS).toBe(0);
  });
  it('peak carried over 1 s is 5 (1 baseline + 4 scheduled), never above the ceiling', () => {
    expect(f.peakCarried1s).toBe(5);
  });
  it('headroom 5 − offered = 4, 2, 0, −3, 3, 4: minimum −3 over 1 s, mean 10/6 over the one minute block', () => {
    expect(f.minHeadroom1s).toBe(-3);
    expect(f.minHeadroom1min).toBeCloseTo(10 / 6, 12);
  });
  it('one second above the ceiling (second 3: 8 > 5); second 2 is exactly at it (5 = 5) and is not above', () => {
    expect(f.secondsAboveCeiling).toBe(1);
  });
  it('backlog 3 at second 3, drained one second later', () => {
    expect([...backlogPerS(c)]).toEqual([0, 0, 0, 3, 0, 0]);
    expect(f.maxQueue).toBe(3);
    expect(f.maxQueueAtS).toBe(3);
    expect(f.drainS).toBe(1);
  });
  it('window sums of scheduled: [0, 3) = 0 + 2 + 4 = 6, [3, 5) = 7 + 1 = 8, day = 14', () => {
    expect(f.scheduledInPeakWindow).toBe(6);
    expect(f.scheduledInFirmwareWindow).toBe(8);
    expect(f.scheduledOffered).toBe(14);
    expect(f.rejected).toBe(0);
  });
});

describe('seconds above the ceiling, at its edge', () => {
  it('a second exactly at the ceiling is not above it; one a thousandth over is', () => {
    const at = figures(capacity({ ceiling: [450, 450, 450], scheduled: [450, 450, 450] }));
    expect(at.secondsAboveCeiling).toBe(0);
    expect(at.minHeadroom1s).toBe(0);
    const over = figures(capacity({ ceiling: [450, 450, 450], scheduled: [450, 450.001, 450] }));
    expect(over.secondsAboveCeiling).toBe(1);
    expect(over.minHeadroom1s).toBeCloseTo(-0.001, 9);
  });
  it('counts every second above, not the bursts: 6 > 5, 9 > 5 and 7 > 5 are three seconds', () => {
    expect(figures(capacity({ ceiling: [5, 5, 5, 5, 5], scheduled: [6, 9, 1, 7, 5] })).secondsAboveCeiling).toBe(3);
  });
});

describe('headroom against the ceiling of each second (maintenance sets it to 0)', () => {
  // ceiling 5, 5, 0, 0, 5, 5 (maintenance in seconds 2–3); offered 1, 1, 2, 0, 1, 1
  // headroom 4, 4, −2, 0, 4, 4: minimum −2 in the maintenance second with load; second 3 is at its 0 ceiling.
  const c = capacity({ ceiling: [5, 5, 0, 0, 5, 5], scheduled: [1, 1, 2, 0, 1, 1], carriedScheduled: [1, 1, 0, 0, 3, 1] });
  const f = figures(c);
  it('minimum headroom −2 and one second above (the 2 units offered during maintenance)', () => {
    expect(f.minHeadroom1s).toBe(-2);
    expect(f.secondsAboveCeiling).toBe(1);
  });
  it('the 2 units wait out the maintenance: backlog 0, 0, 2, 2, 0, 0, drained 2 s after its start', () => {
    expect([...backlogPerS(c)]).toEqual([0, 0, 2, 2, 0, 0]);
    expect(f.maxQueue).toBe(2);
    expect(f.maxQueueAtS).toBe(2);
    expect(f.drainS).toBe(2);
  });
  it('the minute block averages headroom over the ceilings actually in force: (4 + 4 − 2 + 0 + 4 + 4) / 6 = 14/6', () => {
    expect(f.minHeadroom1min).toBeCloseTo(14 / 6, 12);
  });
});

describe('backlog and drain time', () => {
  it('10 units at 4 TPS: backlog 6, 2, 0, 0 — largest 6 at second 0, empty at second 2, drain 2 s', () => {
    const f = figures(capacity({ ceiling: [4, 4, 4, 4], scheduled: [10, 0, 0, 0], carriedScheduled: [4, 4, 2, 0] }));
    expect(f.maxQueue).toBe(6);
    expect(f.maxQueueAtS).toBe(0);
    expect(f.drainS).toBe(2);
  });
  it('the first of two equal largest backlogs is the one reported, and the drain is counted from it', () => {
    // ceiling 3, 3, 3, 1, 1, 1; 6 units at seconds 0 and 2 → backlog 3, 0, 3, 2, 1, 0: largest 3 first at
    // second 0, empty at second 1 → drain 1 s (from the second peak it would be 5 − 2 = 3 s)
    const f = figures(capacity({ ceiling: [3, 3, 3, 1, 1, 1], scheduled: [6, 0, 6, 0, 0, 0], carriedScheduled: [3, 3, 3, 1, 1, 1] }));
    expect(f.maxQueue).toBe(3);
    expect(f.maxQueueAtS).toBe(0);
    expect(f.drainS).toBe(1);
  });
  it('a backlog that never empties inside the horizon has no drain time (null)', () => {
    // 5 units at 1 TPS over 3 s: backlog 4, 3, 2
    const f = figures(capacity({ ceiling: [1, 1, 1], scheduled: [5, 0, 0], carriedScheduled: [1, 1, 1] }));
    expect(f.maxQueue).toBe(4);
    expect(f.drainS).toBeNull();
  });
  it('a discrete baseline queues, a fluid one (a reservation) does not', () => {
    // baseline 10 TPS at a 5 TPS ceiling, carried 5; scheduled 3 in second 0, none carried.
    const spec = { ceiling: [5, 5], baseline: [10, 10], carriedBaseline: [5, 5], scheduled: [3, 0] };
    // discrete: (10 − 5) + 3 = 8, then 8 + 5 = 13; fluid: only the scheduled 3, left queued.
    expect([...backlogPerS(capacity({ ...spec, baselineMode: 'discrete' }))]).toEqual([8, 13]);
    expect([...backlogPerS(capacity({ ...spec, baselineMode: 'fluid' }))]).toEqual([3, 3]);
  });
  it('rejected work is not backlog: 7 offered, 4 carried, 3 rejected leaves nothing queued', () => {
    const f = figures(capacity({ ceiling: [4, 4], scheduled: [7, 0], carriedScheduled: [4, 0], rejectedScheduled: [3, 0], rejectedBaseline: [2, 0], baseline: [2, 0] }));
    expect(f.maxQueue).toBe(0);
    expect(f.drainS).toBe(0);
    expect(f.rejected).toBe(3); // scheduled rejections only: the baseline's 2 are not the SRs'
  });
});

describe('zero load', () => {
  it('gives zero peaks at second 0, the whole ceiling as headroom, and no backlog', () => {
    const f = figures(capacity({ ceiling: repeat(3, 120) }));
    expect(f).toEqual({
      peakOffered1s: 0,
      peakOffered1sAtS: 0,
      peakOffered1min: 0,
      peakOffered1h: 0,
      peakOffered1hAtS: 0,
      peakCarried1s: 0,
      minHeadroom1s: 3,
      minHeadroom1min: 3,
      secondsAboveCeiling: 0,
      secondsSaturated: 0,
      maxQueue: 0,
      maxQueueAtS: 0,
      drainS: 0,
      scheduledOffered: 0,
      scheduledInPeakWindow: 0,
      scheduledInFirmwareWindow: 0,
      rejected: 0,
      windowS: 1,
      requiredPerS: 0,
      requiredAtS: 0,
      baselinePeakWindowPerS: 0,
      upliftPerS: 0,
      windowsAbove: 0,
      minHeadroomWindow: 3,
    });
  });
});

describe('1-minute figures read any 60 consecutive seconds (sliding)', () => {
  it('10 TPS over 00:00:30–00:01:30 fills the minute from 00:00:30: peak 10, min headroom 20 − 10 = 10', () => {
    const f = figures(capacity({ ceiling: repeat(20, 180), scheduled: burst(180, 30, 90, 10) }));
    expect(f.peakOffered1min).toBe(10); // clock minutes would have split it into 5 and 5
    expect(f.minHeadroom1min).toBe(10);
    expect(f.peakOffered1s).toBe(10);
    expect(f.peakOffered1sAtS).toBe(30);
  });
  it('10 TPS over 00:00:30–00:01:00 (30 s): the best minute holds all 30 s, 30 × 10 / 60 = 5', () => {
    const f = figures(capacity({ ceiling: repeat(20, 180), scheduled: burst(180, 30, 60, 10) }));
    expect(f.peakOffered1min).toBe(5);
    expect(f.minHeadroom1min).toBe(15);
  });
  it('a series shorter than the window is one window: 30 s at 6 TPS in 40 s → 30 × 6 / 40 = 4.5', () => {
    const f = figures(capacity({ ceiling: repeat(20, 40), scheduled: burst(40, 10, 40, 6) }));
    expect(f.peakOffered1min).toBe(4.5);
    expect(f.minHeadroom1min).toBe(15.5);
  });
  it('peakWindowMean reports the first window on ties', () => {
    expect(peakWindowMean([1, 1, 3, 3, 3, 3], 2)).toEqual({ value: 3, atS: 2 });
    expect(peakWindowMean([5, 0, 0], 1)).toEqual({ value: 5, atS: 0 });
    expect(peakWindowMean([0, 2, 2, 0, 2, 2], 2)).toEqual({ value: 2, atS: 1 });
  });
});

describe('1-hour figures read any 3,600 consecutive seconds, across midnight too', () => {
  const n = 25 * 3600;
  it('4 TPS over 23:30–00:30 is one busy hour at 4 from 23:30 (clock hours would have split it into 2 and 2)', () => {
    const f = figures(capacity({ ceiling: repeat(10, n), scheduled: burst(n, 84_600, 88_200, 4) }));
    expect(f.peakOffered1h).toBe(4);
    expect(f.peakOffered1hAtS).toBe(84_600); // 23:30
    expect(f.peakOffered1s).toBe(4);
    expect(f.peakOffered1sAtS).toBe(84_600);
  });
  it('4 TPS over 00:00–00:30 of the second day: the best hour holds all of it, 1,800 × 4 / 3,600 = 2, first from 23:30', () => {
    const f = figures(capacity({ ceiling: repeat(10, n), scheduled: burst(n, 86_400, 88_200, 4) }));
    expect(f.peakOffered1h).toBe(2);
    expect(f.peakOffered1hAtS).toBe(84_600);
  });
});

describe('seconds above the ceiling and seconds at it', () => {
  it('a burst of 30/s for 10 s at a ceiling of 20 queues 100 units: 10 s above, 15 s saturated (10 + 100 / 20)', () => {
    const n = 60;
    const offered = burst(n, 10, 20, 30);
    // What a FIFO ceiling of 20/s carries: 20 a second while the 100-unit backlog drains.
    const carried = repeat(0, n).map((_, i) => (i >= 10 && i < 25 ? 20 : 0));
    const f = figures(capacity({ ceiling: repeat(20, n), scheduled: offered, carriedScheduled: carried }));
    expect(f.secondsAboveCeiling).toBe(10);
    expect(f.secondsSaturated).toBe(15);
  });
});

describe('window sums of the scheduled load', () => {
  // One power of ten per boundary second, so any second gained or lost shows in the sum.
  const n = 86_400;
  const scheduled = repeat(0, n);
  const at = { 0: 1e6, 21599: 1, 21600: 10, 43199: 100, 43200: 1000, 79199: 10_000, 79200: 100_000 };
  for (const [s, v] of Object.entries(at)) scheduled[Number(s)] = v;
  const f = figures(capacity({ ceiling: repeat(450, n), scheduled }));

  it('midnight peak 00:00–06:00 = seconds 0 … 21,599: 1,000,000 + 1 (not the 10 at 06:00:00)', () => {
    expect(f.scheduledInPeakWindow).toBe(1_000_001);
  });
  it('firmware window 12:00–22:00 = seconds 43,200 … 79,199: 1,000 + 10,000 (not 100 at 11:59:59 nor 100,000 at 22:00:00)', () => {
    expect(f.scheduledInFirmwareWindow).toBe(11_000);
  });
  it('the day total counts every second: 1,111,111', () => {
    expect(f.scheduledOffered).toBe(1_111_111);
  });
  it('a window past the end of the horizon counts only the seconds inside it', () => {
    // horizon 30,000 s: 00:00–06:00 is whole, 12:00–22:00 lies beyond it
    const short = figures(capacity({ ceiling: repeat(450, 30_000), scheduled: scheduled.slice(0, 30_000) }));
    expect(short.scheduledInPeakWindow).toBe(1_000_001);
    expect(short.scheduledInFirmwareWindow).toBe(0);
    expect(short.scheduledOffered).toBe(1_000_011);
  });
});

describe('a ceiling judged over its own window (sliding), by hand', () => {
  // ceiling 10/s; baseline 2 in every second but the last two; scheduled 0, 12, 12, 0, 0, 10, 0, 0 →
  // offered 2, 14, 14, 2, 2, 12, 0, 0. Per second, seconds 1, 2 and 5 are above 10. Over 3-second
  // windows (starts 0..5), Σ offered = 30, 30, 18, 16, 14, 12 against Σ ceiling 30: starts 0 and 1 touch
  // it, none is above; required = 30 / 3 = 10 from second 0 (the first on a tie); the baseline's
  // busiest 3 s = 2 a second; uplift 8; min headroom 0. Over 2-second windows (starts 0..6): 16, 28,
  // 16, 4, 14, 12, 0 against 20: start 1 is above; required 14; min headroom (20 − 28) / 2 = −4.
  const c = capacity({
    ceiling: repeat(10, 8),
    baseline: [2, 2, 2, 2, 2, 2, 0, 0],
    scheduled: [0, 12, 12, 0, 0, 10, 0, 0],
  });
  it('offered is as stated', () => {
    expect([...offeredTotal(c)]).toEqual([2, 14, 14, 2, 2, 12, 0, 0]);
  });
  it('per 3 s: nothing above, though 3 seconds are', () => {
    const f = capacityFigures(c, PEAK, FIRMWARE, 3);
    expect(f.secondsAboveCeiling).toBe(3);
    expect(f.windowsAbove).toBe(0);
    expect(f.requiredPerS).toBe(10);
    expect(f.requiredAtS).toBe(0);
    expect(f.baselinePeakWindowPerS).toBe(2);
    expect(f.upliftPerS).toBe(8);
    expect(f.minHeadroomWindow).toBe(0);
  });
  it('per 2 s: one window above', () => {
    const f = capacityFigures(c, PEAK, FIRMWARE, 2);
    expect(f.windowsAbove).toBe(1);
    expect(f.requiredPerS).toBe(14);
    expect(f.minHeadroomWindow).toBe(-4);
  });
});

describe('against the plain-loop oracle on random series', () => {
  /** A queue at the ceiling, baseline served first, some scheduled units rejected up front. */
  const arbSeries = fc
    .record({
      n: fc.integer({ min: 1, max: 200 }),
      seed: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 3 })), { minLength: 200, maxLength: 200 }),
      mode: fc.constantFrom('discrete' as const, 'fluid' as const),
      w1: fc.tuple(fc.integer({ min: 0, max: 220 }), fc.integer({ min: 1, max: 220 })),
      w2: fc.tuple(fc.integer({ min: 0, max: 220 }), fc.integer({ min: 1, max: 220 })),
      judged: fc.integer({ min: 1, max: 250 }),
    })
    .map(({ n, seed, mode, w1, w2, judged }) => {
      const rows = seed.slice(0, n);
      const ceiling = rows.map((r) => r[0]);
      const baseline = rows.map((r) => r[1]);
      const scheduled = rows.map((r) => r[2]);
      const rejectedScheduled = rows.map((r) => Math.min(r[3], r[2]));
      const carriedBaseline: number[] = [];
      const carriedScheduled: number[] = [];
      let qb = 0;
      let qs = 0;
      rows.forEach((r, i) => {
        const cap = r[0];
        const cb = mode === 'fluid' ? Math.min(r[1], cap) : Math.min(qb + r[1], cap);
        if (mode !== 'fluid') qb += r[1] - cb;
        const room = mode === 'fluid' ? Math.max(0, cap - r[1]) : cap - cb;
        const cs = Math.min(qs + r[2] - (rejectedScheduled[i] as number), room);
        qs += r[2] - (rejectedScheduled[i] as number) - cs;
        carriedBaseline.push(cb);
        carriedScheduled.push(cs);
      });
      const win = ([start, length]: [number, number]): Window => ({ startS: start, endS: start + length });
      return {
        c: capacity({ ceiling, baseline, scheduled, carriedBaseline, carriedScheduled, rejectedScheduled, baselineMode: mode }),
        peak: win(w1),
        firmware: win(w2),
        judged,
      };
    });

  it('every figure equals the oracle’s', () => {
    let cases = 0;
    fc.assert(
      fc.property(arbSeries, ({ c, peak, firmware, judged }) => {
        cases++;
        const got = capacityFigures(c, peak, firmware, judged);
        const want = referenceCapacityFigures(c, peak, firmware, judged);
        expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
        for (const [k, v] of Object.entries(want)) {
          const g = (got as unknown as Record<string, number | null>)[k];
          if (v === null || g === null) expect(g, k).toBe(v);
          else expect(g, k).toBeCloseTo(v, 9);
        }
        expect([...backlogPerS(c)]).toEqual(referenceBacklog(c));
      }),
      { numRuns: 300, seed: 1917 },
    );
    expect(cases).toBeGreaterThan(0);
  });
});
