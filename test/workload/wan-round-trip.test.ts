/**
 * The round trip per DLMS command the SRs draw (once per attempt) is lognormal with the configured median and p95 — read off the draws
 * themselves, not off the formula that makes them:
 *
 *   - keyed draws (`drawSrs`' first-attempt latencies, and the retries' keyed uniforms through
 *     `roundTripTicks`, as scheduled-services.ts draws them): the sample median and p95 bracket the
 *     configured values within a distribution-free order-statistic interval (test/oracles/binomial.ts)
 *     computed here from the sample size;
 *   - a uniform grid u_i = (i + ½)/n: `roundTripTicks` is non-decreasing, and exactly m = #{i : u_i < p}
 *     grid points lie below the p-quantile, so x_p lies between the m-th and (m + 1)-th grid values.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRng, TICKS_PER_S } from '../../src/engine/index.js';
import type { Scenario } from '../../src/model/types.js';
import { scheduleGroups } from '../../src/workload/groups.js';
import { PURPOSE } from '../../src/workload/purposes.js';
import { buildRoutes } from '../../src/workload/routes.js';
import { drawSrs, roundTripTicks, wanDraws } from '../../src/workload/sr-draws.js';
import { shipped, variant } from '../helpers/scenarios.js';
import { binomialPmf, quantileRanks } from '../oracles/binomial.js';

const N = 100_000;
const ALPHA = 1e-6; // a correct sampler fails one seed in a million

const base = await shipped();
const scenarios: { name: string; s: Scenario; medianS: number; p95S: number }[] = [
  { name: 'shipped (median 3 s, p95 16 s)', s: variant(base, (d) => void (d.workload.srvsPerDay = N)), medianS: 3, p95S: 16 },
  {
    name: 'wide (median 4 s, p95 300 s)',
    s: variant(base, (d) => {
      d.workload.srvsPerDay = N;
      d.behaviour.wan.roundTripMedianS = 4;
      d.behaviour.wan.roundTripP95S = 300;
    }),
    medianS: 4,
    p95S: 300,
  },
];

/** Sorted copy. */
const sorted = (a: ArrayLike<number>): Float64Array => Float64Array.from(a).sort();

function expectBracketed(sample: Float64Array, p: number, targetS: number, what: string): void {
  const n = sample.length;
  const { lo, hi, coverage } = quantileRanks(n, p, ALPHA);
  expect(coverage, `${what}: interval coverage`).toBeGreaterThanOrEqual(1 - ALPHA);
  // The interval is about n·p ± 5·sqrt(n·p·(1 − p)) ranks: not so wide that it says nothing.
  expect(hi - lo, `${what}: interval width in ranks`).toBeLessThan(12 * Math.sqrt(n * p * (1 - p)));
  const target = targetS * TICKS_PER_S;
  expect(sample[lo - 1], `${what}: X_(${lo}) ≤ configured ${targetS} s`).toBeLessThanOrEqual(target);
  expect(sample[hi - 1], `${what}: X_(${hi}) ≥ configured ${targetS} s`).toBeGreaterThanOrEqual(target);
}

describe('the order-statistic oracle', () => {
  it('agrees with hand-computed binomial tails', () => {
    // n = 10, p = ½: P(B ≤ 1) = (1 + 10)/1024, P(B = 5) = 252/1024.
    const pmf = binomialPmf(10, 0.5);
    expect(pmf[0]! + pmf[1]!).toBeCloseTo(11 / 1024, 14);
    expect(pmf[5]).toBeCloseTo(252 / 1024, 14);
    // α = 0.05: P(B ≤ 1) = 0.0107 ≤ 0.025 < P(B ≤ 2) = 0.0547, so lo = 2; symmetrically hi = 9;
    // coverage P(2 ≤ B ≤ 8) = 1 − 2·11/1024.
    expect(quantileRanks(10, 0.5, 0.05)).toEqual({ lo: 2, hi: 9, coverage: expect.closeTo(1 - 22 / 1024, 12) });
  });
});

describe('round-trip draws per DLMS command', () => {
  for (const { name, s, medianS, p95S } of scenarios) {
    it(`${name}: first attempts' sample median and p95 bracket the configured values`, () => {
      const groups = scheduleGroups(s);
      const d = drawSrs(new KeyedRng(4, 0), groups, buildRoutes(s, groups), wanDraws(s));
      expect(d.firstRoundTripTicks.length).toBe(N);
      const sample = sorted(d.firstRoundTripTicks);
      expectBracketed(sample, 0.5, medianS, 'median');
      expectBracketed(sample, 0.95, p95S, 'p95');
    });

    it(`${name}: retries' keyed draws (attempts 1–3) bracket them too`, () => {
      const groups = scheduleGroups(s);
      expect(groups.length).toBeGreaterThan(0);
      const wan = wanDraws(s);
      const rng = new KeyedRng(4, 1);
      for (const k of [1, 2, 3]) {
        const out: number[] = [];
        for (const g of groups) {
          for (let local = 0; local < g.count; local++) out.push(roundTripTicks(wan, rng.u(g.key, local, PURPOSE.wanLatency, k)));
        }
        expect(out).toHaveLength(N);
        const sample = sorted(out);
        expectBracketed(sample, 0.5, medianS, `attempt ${k} median`);
        expectBracketed(sample, 0.95, p95S, `attempt ${k} p95`);
      }
    });

    it(`${name}: on a uniform grid the configured quantiles sit between neighbouring grid values`, () => {
      const wan = wanDraws(s);
      const n = 10_000;
      const grid = Array.from({ length: n }, (_, i) => roundTripTicks(wan, (i + 0.5) / n));
      for (let i = 1; i < n; i++) if (grid[i]! < grid[i - 1]!) expect.fail(`round trip decreases at grid point ${i}`);
      for (const [p, targetS] of [
        [0.5, medianS],
        [0.95, p95S],
      ] as const) {
        // m = #{i : (i + ½)/n < p} = ⌈p·n − ½⌉ (n = 10 000: no grid point equals p = 0.5 or 0.95).
        const m = Math.ceil(p * n - 0.5);
        expect(grid[m - 1], `grid value ${m} ≤ configured`).toBeLessThanOrEqual(targetS * TICKS_PER_S);
        expect(grid[m], `grid value ${m + 1} ≥ configured`).toBeGreaterThanOrEqual(targetS * TICKS_PER_S);
      }
    });
  }
});
