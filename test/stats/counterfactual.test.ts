/**
 * Counterfactual capacity (src/stats/counterfactual.ts): the extra per second and per clock hour a
 * ceiling would need, simulated (from hand-made series) and fluid (from a small scenario worked by
 * hand), their t-intervals over replications and their prices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterfactual, extraPerClockHour, extraPerSecond, fluidExtra, fluidOfferedPerS } from '../../src/stats/counterfactual.js';
import { capacity, repeat, result } from '../helpers/results.js';
import { quiet, shipped, variant, window } from '../helpers/scenarios.js';
import { referenceExtraPerClockHour, referenceExtraPerSecond } from '../oracles/figures.js';

const base = await shipped();
/** `v` in seconds [from, to) of an `n`-second series, `rest` elsewhere. */
const span = (n: number, from: number, to: number, v: number, rest = 0) => Array.from({ length: n }, (_, i) => (i >= from && i < to ? v : rest));

describe('extra per second (simulated)', () => {
  it('ceiling 5, 5, 0 (maintenance) and offered 3, 7, 1: max(0, −2, 2, 1) = 2', () => {
    expect(extraPerSecond(capacity({ ceiling: [5, 5, 0], scheduled: [3, 7, 1] }))).toBe(2);
  });
  it('counts the baseline: 4 + 4 at a ceiling of 5 needs 3 more', () => {
    expect(extraPerSecond(capacity({ ceiling: [5], baseline: [4], scheduled: [4] }))).toBe(3);
  });
  it('zero load, or load exactly at the ceiling, needs nothing', () => {
    expect(extraPerSecond(capacity({ ceiling: [5, 5] }))).toBe(0);
    expect(extraPerSecond(capacity({ ceiling: [5, 5], scheduled: [5, 5] }))).toBe(0);
  });
});

describe('extra per clock hour (simulated)', () => {
  it('1 over a 10 ceiling for every second of 00:00–01:00 is 3,600; the next hour is below (3,599 × −1 + (9 − 1,000))', () => {
    const ceiling = repeat(10, 7200);
    ceiling[3600] = 1000;
    const offered = span(7200, 0, 3600, 11, 9);
    expect(extraPerClockHour(capacity({ ceiling, scheduled: offered }))).toBe(3600);
  });
  it('6 DLMS/s over 00:30–01:30 at a 4/s ceiling falls into two clock hours of 1,800 × 6 − 3,600 × 4 = −3,600: nothing per clock hour', () => {
    const c = capacity({ ceiling: repeat(4, 7200), scheduled: span(7200, 1800, 5400, 6) });
    expect(extraPerClockHour(c)).toBe(0);
    expect(extraPerSecond(c)).toBe(2);
  });
  it('the same load over 01:00–02:00 exactly: 3,600 × 6 − 3,600 × 4 = 7,200', () => {
    expect(extraPerClockHour(capacity({ ceiling: repeat(4, 7200), scheduled: span(7200, 3600, 7200, 6) }))).toBe(7200);
  });
  it('a partial last hour sums its own seconds: 1,800 s at 5 over the ceiling = 9,000', () => {
    expect(extraPerClockHour(capacity({ ceiling: repeat(4, 5400), scheduled: span(5400, 3600, 5400, 9) }))).toBe(9000);
  });
  it('an hour of maintenance (ceiling 0) with 1 unit a second needs 3,600', () => {
    expect(extraPerClockHour(capacity({ ceiling: span(7200, 0, 3600, 0, 10), scheduled: repeat(1, 7200) }))).toBe(3600);
  });
  it('agrees with the plain-loop oracle on random series', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8999 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 1, max: 50 })), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (n, bursts, ceil) => {
          cases++;
          const scheduled = repeat(0, n);
          for (const [at, len, v] of bursts) for (let i = at; i < Math.min(n, at + len); i++) scheduled[i] = (scheduled[i] as number) + v;
          const c = capacity({ ceiling: repeat(ceil, n), scheduled, baseline: repeat(1, n) });
          expect(extraPerClockHour(c)).toBeCloseTo(referenceExtraPerClockHour(c), 9);
          expect(extraPerSecond(c)).toBe(referenceExtraPerSecond(c));
        },
      ),
      { numRuns: 60, seed: 314 },
    );
    expect(cases).toBeGreaterThan(0);
  });
});

describe('fluid extra from a small scenario', () => {
  // 3,600 SRs, 50/50 SRV 4.3 / 4.4.3 with 6 DLMS commands each, all to MOC (Secure, DLMS), uniform
  // over 00:00–01:00, no baseline: 2 transactions × 3,600 / 3,600 s = 2 TPS at Secure, 6 × 3,600 / 3,600 s =
  // 6 DLMS/s at the DCO. Secure's ceiling 1.5 TPS, the DCO's 4 DLMS/s.
  const small = variant(base, (d) => {
    quiet(d);
    d.workload.srvsPerDay = 3600;
    for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: 6 };
    window(d, 0, 3600);
    d.capacities[0]!.ceilingPerS = 1.5;
    d.capacities[1]!.ceilingPerS = 4;
    for (const c of d.capacities) c.maintenance = [];
    d.costs = { perTpsMonthGbp: 100, perMillionDlmsPerHourMonthGbp: 50 };
  });

  it('Secure: 2 − 1.5 = 0.5 TPS a second, 0.5 × 3,600 = 1,800 in the hour', () => {
    expect(fluidExtra(small, 0).perS).toBeCloseTo(0.5, 9);
    expect(fluidExtra(small, 0).perHour).toBeCloseTo(1800, 6);
  });
  it('DCO: 6 − 4 = 2 DLMS/s, 21,600 − 14,400 = 7,200 DLMS in the clock hour', () => {
    expect(fluidExtra(small, 1).perS).toBeCloseTo(2, 9);
    expect(fluidExtra(small, 1).perHour).toBeCloseTo(7200, 6);
  });
  it('a maintenance window 00:00–00:30 at the DCO: 6 over a 0 ceiling, 21,600 − 1,800 × 4 = 14,400 in the hour', () => {
    const m = variant(small, (d) => {
      d.capacities[1]!.maintenance = [{ startS: 0, endS: 1800 }];
    });
    expect(fluidExtra(m, 1).perS).toBeCloseTo(6, 9);
    expect(fluidExtra(m, 1).perHour).toBeCloseTo(14_400, 6);
  });
  it('placed over 00:30–01:30, the DLMS load splits into two clock hours below their ceiling: 2 a second, 0 per hour', () => {
    const straddle = variant(small, (d) => window(d, 1800, 5400));
    expect(fluidExtra(straddle, 1).perS).toBeCloseTo(2, 9);
    expect(fluidExtra(straddle, 1).perHour).toBe(0);
  });
  it('adds a fluid baseline of 1 DLMS/s in 00:00–01:00: 7 − 4 = 3 a second, 7 × 3,600 − 14,400 = 10,800 an hour', () => {
    const withBaseline = variant(small, (d) => {
      d.capacities[1]!.baseline = { mode: 'fluid', bucketS: 3600, ratePerS: [1, ...repeat(0, 23)], firmwarePerS: repeat(0, 24), firmware: false };
    });
    const rate = fluidOfferedPerS(withBaseline, 1);
    expect(rate.length).toBe(86_400); // the day (the load ends long before 24:00)
    expect(rate[0]).toBeCloseTo(7, 9);
    expect(rate[3599]).toBeCloseTo(7, 9);
    expect(rate[3600]).toBe(0);
    expect(fluidExtra(withBaseline, 1).perS).toBeCloseTo(3, 9);
    expect(fluidExtra(withBaseline, 1).perHour).toBeCloseTo(10_800, 6);
  });
  it('all 3,600 SRs dispatched over 60 s at 00:00: 7,200 / 60 = 120 TPS, 118.5 above 1.5', () => {
    const burst = variant(small, (d) => {
      d.placement = { kind: 'fixed', atS: 0, dispatchS: 60 };
    });
    expect(fluidExtra(burst, 0).perS).toBeCloseTo(118.5, 9);
  });

  describe('one row per capacity over two replications', () => {
    // Secure: offered 3, 7, 1 / 0, 12, 0 at ceilings 5, 5, 0 → Δ/s 2 and 7 → 4.5 ± 12.706 × 5 / 2 = 31.765.
    // DCO (2 h): 6 DLMS/s over 00:00–01:00 → 7,200 per clock hour; over 00:30–01:30 → 0. Δ/s 2 in both.
    const rows = counterfactual(small, [
      result({ horizonS: 3, capacities: [capacity({ ceiling: [5, 5, 0], scheduled: [3, 7, 1] }), capacity({ currency: 'dlms', ceiling: repeat(4, 7200), scheduled: span(7200, 0, 3600, 6) })] }),
      result({
        horizonS: 3,
        replication: 1,
        capacities: [capacity({ ceiling: [5, 5, 0], scheduled: [0, 12, 0] }), capacity({ currency: 'dlms', ceiling: repeat(4, 7200), scheduled: span(7200, 1800, 5400, 6) })],
      }),
    ]);
    const [secure, dco] = rows;

    it('Secure: Δ/s 4.5 ± 31.765, priced at £100 per TPS-month: £450 ± 3,176.5 a month, £5,400 ± 38,118 a year', () => {
      expect(rows.length).toBe(2);
      expect(secure!.capacity).toBe(small.capacities[0]!.id);
      expect(secure!.currency).toBe('transactions');
      expect(secure!.extraPerS.mean).toBe(4.5);
      expect(secure!.extraPerS.halfWidth).toBeCloseTo(31.765, 9);
      expect(secure!.costPerMonthGbp!.mean).toBeCloseTo(450, 9);
      expect(secure!.costPerMonthGbp!.halfWidth).toBeCloseTo(3176.5, 6);
      expect(secure!.costPerYearGbp!.mean).toBeCloseTo(5400, 9);
      expect(secure!.costPerYearGbp!.halfWidth).toBeCloseTo(38_118, 6);
      expect(secure!.fluidExtraPerS).toBeCloseTo(0.5, 9);
      expect(secure!.extraPerHour).toBeUndefined();
      expect(secure!.note).toContain('£100 per TPS per month');
    });
    it('DCO: Δ/h 7,200 and 0 → 3,600 ± 12.706 × 7,200 / 2 = 45,741.6; £50 per million DLMS/h-month → £0.18 a month, £2.16 a year', () => {
      expect(dco!.currency).toBe('dlms');
      expect(dco!.extraPerS).toEqual({ mean: 2, halfWidth: 0, n: 2 });
      expect(dco!.extraPerHour!.mean).toBe(3600);
      expect(dco!.extraPerHour!.halfWidth).toBeCloseTo(45_741.6, 6);
      expect(dco!.fluidExtraPerHour).toBeCloseTo(7200, 6);
      expect(dco!.costPerMonthGbp!.mean).toBeCloseTo(0.18, 12);
      expect(dco!.costPerMonthGbp!.halfWidth).toBeCloseTo(45_741.6 * 5e-5, 9);
      expect(dco!.costPerYearGbp!.mean).toBeCloseTo(2.16, 12);
    });
    it('without prices, no cost and a note saying so', () => {
      const unpriced = variant(small, (d) => {
        d.costs = {};
      });
      const r = counterfactual(unpriced, [result({ horizonS: 3, capacities: [capacity({ ceiling: [5, 5, 0] }), capacity({ currency: 'dlms', ceiling: [4, 4, 4] })] })]);
      expect(r.map((x) => [x.costPerMonthGbp, x.costPerYearGbp])).toEqual([
        [null, null],
        [null, null],
      ]);
      expect(r[0]!.note).toContain('no price');
      expect(r[0]!.extraPerS).toEqual({ mean: 0, halfWidth: null, n: 1 });
    });
    it('refuses no replications', () => {
      expect(() => counterfactual(small, [])).toThrow(RangeError);
    });
  });
});
