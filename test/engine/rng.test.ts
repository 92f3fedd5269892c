import { sampleCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../../src/engine/index.js';
import { unitFromBits } from '../../src/engine/rng.js';

const N = 1_000_000;

describe('KeyedRng: a draw is a pure function of (seed, replication, keyHi, keyLo, purpose, index)', () => {
  it('gives the same value for the same inputs, whatever was drawn before', () => {
    const a = new KeyedRng(7, 3);
    const first = a.u(1, 2, 3, 4);
    for (let i = 0; i < 1000; i++) a.u(9, i, 0, 0);
    expect(a.u(1, 2, 3, 4)).toBe(first);
    expect(new KeyedRng(7, 3).u(1, 2, 3, 4)).toBe(first);
  });

  it('gives a different stream for another replication or seed', () => {
    const base = new KeyedRng(7, 0);
    const otherRep = new KeyedRng(7, 1);
    const otherSeed = new KeyedRng(8, 0);
    const xs = Array.from({ length: 10_000 }, (_, i) => base.u(0, i, 0, 0));
    const ys = Array.from({ length: 10_000 }, (_, i) => otherRep.u(0, i, 0, 0));
    const zs = Array.from({ length: 10_000 }, (_, i) => otherSeed.u(0, i, 0, 0));
    expect(xs.filter((x, i) => x === ys[i]).length).toBe(0);
    expect(Math.abs(sampleCorrelation(xs, ys))).toBeLessThan(0.04);
    expect(Math.abs(sampleCorrelation(xs, zs))).toBeLessThan(0.04);
  });

  it('is uniform on (0, 1): chi-square over 100 bins of 1e6 draws below the 0.999 quantile (148.23)', () => {
    const rng = new KeyedRng(12345, 0);
    const bins = new Float64Array(100);
    for (let i = 0; i < N; i++) bins[Math.floor(rng.u(0, i, 0, 0) * 100)]!++;
    const expected = N / 100;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(148.23);
    expect(chi2).toBeGreaterThan(61.14); // 0.001 quantile: not suspiciously even either
  });

  it('never returns 0 or 1, even at the extreme bit patterns', () => {
    expect(unitFromBits(0, 0)).toBeGreaterThan(0);
    expect(unitFromBits(0xffffffff, 0xffffffff)).toBeLessThan(1);
    expect(unitFromBits(-1, -1)).toBe(unitFromBits(0xffffffff, 0xffffffff));
  });

  it('draws for neighbouring indices, keys and purposes are uncorrelated (|r| < 4/√n)', () => {
    const rng = new KeyedRng(99, 0);
    const n = 100_000;
    const limit = 4 / Math.sqrt(n);
    const series = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    const base = series((i) => rng.u(5, i, 1, 0));
    const pairs: Array<[string, number[]]> = [
      ['next index', series((i) => rng.u(5, i, 1, 1))],
      ['next keyLo', series((i) => rng.u(5, i + 1, 1, 0))],
      ['next keyHi', series((i) => rng.u(6, i, 1, 0))],
      ['next purpose', series((i) => rng.u(5, i, 2, 0))],
    ];
    for (const [, other] of pairs) expect(Math.abs(sampleCorrelation(base, other))).toBeLessThan(limit);
    // and along one stream: lag-1 autocorrelation over the index
    const stream = series((i) => rng.u(5, 0, 1, i));
    expect(Math.abs(sampleCorrelation(stream.slice(1), stream.slice(0, -1)))).toBeLessThan(limit);
  });

  it('exp(mean) has that mean and variance mean² (1e6 draws)', () => {
    const rng = new KeyedRng(3, 0);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < N; i++) {
      const x = rng.exp(2.5, 0, i, 7, 0);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / N;
    expect(Math.abs(mean - 2.5)).toBeLessThan((4 * 2.5) / Math.sqrt(N));
    expect(sumSq / N - mean * mean).toBeCloseTo(6.25, 1);
  });

  it('normal(mean, sd) puts the right shares below its quantiles', () => {
    const rng = new KeyedRng(4, 0);
    // Φ(z) for z = −1.959964, −1, 0, 1, 1.959964
    const cuts: Array<[number, number]> = [
      [-1.959964, 0.025],
      [-1, 0.158655],
      [0, 0.5],
      [1, 0.841345],
      [1.959964, 0.975],
    ];
    const below = new Float64Array(cuts.length);
    for (let i = 0; i < N; i++) {
      const z = (rng.normal(10, 2, 0, i, 0, 0) - 10) / 2;
      cuts.forEach(([c], k) => {
        if (z < c) below[k]!++;
      });
    }
    cuts.forEach(([, p], k) => expect(Math.abs(below[k]! / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N)));
  });

  it('lognormal(mu, sigma) has median e^mu', () => {
    const rng = new KeyedRng(5, 0);
    const n = 100_000;
    let under = 0;
    for (let i = 0; i < n; i++) if (rng.lognormal(Math.log(3), 0.8, 0, i, 0, 0) < 3) under++;
    expect(Math.abs(under / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });

  it('fails loudly at construction, naming the value', () => {
    expect(() => new KeyedRng(-1, 0)).toThrow('seed must be an integer in [0, 2^32), got -1');
    expect(() => new KeyedRng(1, 2 ** 32)).toThrow('replication must be an integer in [0, 2^32), got 4294967296');
    expect(() => new KeyedRng(1.5, 0)).toThrow(RangeError);
  });
});

describe('KeyedRng factored draws', () => {
  it('uKeyed and uStream give exactly the values of u', () => {
    const rng = new KeyedRng(20220209, 3);
    for (const [hi, lo, purpose, index] of [
      [0, 0, 0, 0],
      [123, 456, 7, 8],
      [2 ** 32 - 1, 99, 3, 1_000_000],
    ] as const) {
      const v = rng.u(hi, lo, purpose, index);
      expect(rng.uKeyed(rng.keyA(hi, lo), rng.keyB(hi, lo), purpose, index)).toBe(v);
      expect(rng.uStream(rng.streamA(hi, lo, purpose), rng.streamB(hi, lo, purpose), index)).toBe(v);
    }
  });
});
