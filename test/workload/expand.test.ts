import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder, hash32 } from '../../src/workload/groups.js';
import { activationMs, unpackSorted } from '../oracles/expand-day.js';
import { placementSegments } from '../../src/workload/placement.js';

describe('unpackSorted', () => {
  it('orders exactly as a plain sort of the packed keys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 86_399_999 }), fc.integer({ min: 0, max: 2 ** 23 - 1 })), { maxLength: 500 }), (pairs) => {
        const keys = Float64Array.from(pairs.map(([ms, id]) => ms * 2 ** 23 + id));
        const expected = Float64Array.from(keys).sort();
        const { timesTick, srIds } = unpackSorted(keys);
        expect(Array.from(timesTick)).toEqual(Array.from(expected, (k) => Math.floor(k / 2 ** 23) * 1000));
        expect(Array.from(srIds)).toEqual(Array.from(expected, (k) => k % 2 ** 23));
      }),
    );
  });
});

describe('largestRemainder', () => {
  it('splits a total exactly, proportionally', () => {
    expect(largestRemainder(2_700_000, [0.5, 0.5])).toEqual([1_350_000, 1_350_000]);
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (n, shares) => {
        const counts = largestRemainder(n, shares);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
        const sum = shares.reduce((a, b) => a + b, 0);
        counts.forEach((c, i) => expect(Math.abs(c - (n * shares[i]!) / sum)).toBeLessThan(1 + 1e-9));
      }),
    );
  });
  it('keys groups by name, not by position', () => {
    expect(hash32('4.3\u0000MOC')).toBe(hash32('4.3\u0000MOC'));
    expect(hash32('4.3\u0000MOC')).not.toBe(hash32('4.4.3\u0000MOC'));
  });
});

describe('placement', () => {
  it('maps u through the inverse CDF of the windows, on a 1 ms grid', () => {
    const seg = placementSegments(
      {
        kind: 'uniform',
        windows: [
          { startS: 21_600, endS: 43_200 },
          { startS: 79_200, endS: 86_400 },
        ],
      },
      'MOC',
    );
    expect(activationMs(seg, 1e-12)).toBe(21_600_000);
    expect(activationMs(seg, 0.5)).toBe(21_600_000 + 14_400_000);
    expect(activationMs(seg, 0.75 + 1e-12)).toBe(79_200_000);
    expect(activationMs(seg, 1 - 1e-12)).toBe(86_399_999);
  });
  it('releases a fixed instant over its dispatch time', () => {
    expect(activationMs(placementSegments({ kind: 'fixed', atS: 0, dispatchS: 60 }, 'MOC'), 0.5)).toBe(30_000);
    expect(activationMs(placementSegments({ kind: 'fixed', atS: 3600, dispatchS: 0 }, 'MOC'), 0.9)).toBe(3_600_000);
  });
});
