import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram, KeyedRng } from '../../src/engine/index.js';

/** The value the histogram approximates: the ⌈q·n⌉-th smallest (at least the 1st). */
const exactQuantile = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
const QS = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
const RELATIVE_ERROR = 1 / 128; // half a bucket: buckets are at most 1/64 of their lower edge wide

function fill(values: number[]): Histogram {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h;
}

describe('Histogram: log-linear, 64 sub-buckets per power of two, 1e-6 … 1e7', () => {
  it('quantiles of 1 … 100 000 are within 1/128 of the exact ones; count, sum, min, max exact', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const h = fill(values);
    for (const q of QS) expect(Math.abs(h.quantile(q) / exactQuantile(values, q) - 1)).toBeLessThanOrEqual(RELATIVE_ERROR);
    expect([h.count, h.sum, h.min, h.max, h.mean]).toEqual([100_000, 5_000_050_000, 1, 100_000, 50_000.5]);
  });

  it('holds the same bound for log-uniform data spanning 1e-6 … 1e7', () => {
    const rng = new KeyedRng(11, 0);
    const values = Array.from({ length: 200_000 }, (_, i) => 10 ** (-6 + 13 * rng.u(0, i, 0, 0)));
    const h = fill(values);
    values.sort((a, b) => a - b);
    for (const q of QS) expect(Math.abs(h.quantile(q) / exactQuantile(values, q) - 1)).toBeLessThanOrEqual(RELATIVE_ERROR);
  });

  it('holds the bound for any data in range (property)', () => {
    const value = fc.double({ min: 1e-6, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const h = fill(values);
        values.sort((a, b) => a - b);
        expect(Math.abs(h.quantile(q) / exactQuantile(values, q) - 1)).toBeLessThanOrEqual(RELATIVE_ERROR);
      }),
    );
  });

  it('answers min and max exactly at q = 0 and q = 1, and keeps out-of-range values', () => {
    const h = fill([0, 1e-9, 3, 5e7, Infinity]);
    expect(h.quantile(0)).toBe(0);
    expect(h.quantile(0.4)).toBeLessThan(1e-6); // the underflow bucket
    expect(h.quantile(0.6)).toBeCloseTo(3, 1);
    expect(h.quantile(0.8)).toBe(Infinity); // the overflow bucket answers max
    expect(h.quantile(1)).toBe(Infinity);
    expect(new Histogram().quantile(0.5)).toBeNaN();
  });

  it('merge(a, b) equals recording everything in one histogram', () => {
    const rng = new KeyedRng(12, 0);
    const values = Array.from({ length: 10_000 }, (_, i) => Math.round(rng.exp(1000, 0, i, 0, 0)));
    const a = fill(values.slice(0, 3_000));
    const b = fill(values.slice(3_000));
    expect(a.merge(b).toArray()).toEqual(fill(values).toArray()); // integers, so even the sum is exact
  });

  it('round-trips through toArray / fromArray, and rejects another layout', () => {
    const h = fill([0.5, 2, 2, 1e6]);
    const copy = Histogram.fromArray(Array.from(h.toArray()));
    expect(copy.toArray()).toEqual(h.toArray());
    expect([copy.count, copy.min, copy.max, copy.quantile(0.5)]).toEqual([4, 0.5, 1e6, h.quantile(0.5)]);
    expect(() => Histogram.fromArray(new Float64Array(10))).toThrow(RangeError);
  });

  it('fails loudly on values it cannot hold', () => {
    expect(() => new Histogram().record(-1)).toThrow('value must be ≥ 0, got -1');
    expect(() => new Histogram().record(NaN)).toThrow('value must be ≥ 0, got NaN');
    expect(() => new Histogram().quantile(1.5)).toThrow('q must be in [0, 1], got 1.5');
  });
});
