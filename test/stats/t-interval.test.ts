/**
 * The 95% t-interval over replications (src/stats/t-interval.ts) against printed t-table values and
 * hand arithmetic: half-width = t(0.975, R − 1) · s / √R, s the sample standard deviation (R − 1).
 */
import { describe, expect, it } from 'vitest';
import { t975, tInterval } from '../../src/stats/t-interval.js';
import { meanAndSd } from '../oracles/figures.js';

describe('t(0.975, df) from a printed t table', () => {
  it('matches the table at df = 1, 2, 4, 9, 29, 30', () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [4, 2.776],
      [9, 2.262],
      [29, 2.045],
      [30, 2.042],
    ];
    expect(table.length).toBeGreaterThan(0);
    for (const [df, t] of table) expect(t975(df), `df ${df}`).toBe(t);
  });
  it('falls to the normal 1.96 beyond df = 30, and refuses df < 1', () => {
    expect(t975(31)).toBe(1.96);
    expect(() => t975(0)).toThrow(RangeError);
    expect(() => t975(Number.NaN)).toThrow(RangeError);
  });
});

describe('mean ± half-width', () => {
  it('R = 2, values 10 and 20: mean 15, s = √50 = 7.0711, half-width 12.706 × 7.0711 / √2 = 12.706 × 5 = 63.53', () => {
    const i = tInterval([10, 20]);
    expect(i.mean).toBe(15);
    expect(i.halfWidth).toBeCloseTo(63.53, 9);
    expect(i.n).toBe(2);
  });
  it('R = 5, values 1 … 5: mean 3, s = √2.5 = 1.5811, half-width 2.776 × 1.5811 / √5 = 2.776 × 0.70711 = 1.96293', () => {
    const i = tInterval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.halfWidth).toBeCloseTo(2.776 * Math.sqrt(2.5 / 5), 12);
    expect(i.halfWidth).toBeCloseTo(1.96293, 5);
  });
  it('R = 3, values 1, 2, 3: half-width 4.303 × 1 / √3 = 2.48434', () => {
    expect(tInterval([1, 2, 3]).halfWidth).toBeCloseTo(2.48434, 5);
  });
  it('equal values have zero half-width', () => {
    expect(tInterval([7, 7, 7, 7])).toEqual({ mean: 7, halfWidth: 0, n: 4 });
  });
  it('R = 1 gives the value and no half-width', () => {
    expect(tInterval([475.2])).toEqual({ mean: 475.2, halfWidth: null, n: 1 });
  });
  it('a non-finite value (a backlog that never drains) gives an infinite mean and no half-width', () => {
    expect(tInterval([3, Number.POSITIVE_INFINITY])).toEqual({ mean: Number.POSITIVE_INFINITY, halfWidth: null, n: 2 });
  });
  it('refuses no values', () => {
    expect(() => tInterval([])).toThrow(RangeError);
  });
  it('agrees with the two-loop mean and sd and the printed table for R = 2 … 40 (1.96 beyond df = 30)', () => {
    // t(0.975, df), df = 1 … 30, as printed in any t table.
    const printed = [
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
      2.045, 2.042,
    ];
    const cases = Array.from({ length: 39 }, (_, k) => Array.from({ length: k + 2 }, (_, i) => ((i * 37 + k * 11) % 17) + 0.25 * i));
    expect(cases.length).toBeGreaterThan(0);
    for (const values of cases) {
      const { mean, sd } = meanAndSd(values);
      const r = values.length;
      const t = printed[r - 2] ?? 1.96;
      const got = tInterval(values);
      expect(got.mean).toBeCloseTo(mean, 12);
      expect(got.halfWidth, `R = ${r}`).toBeCloseTo((t * sd) / Math.sqrt(r), 10);
    }
  });
});
