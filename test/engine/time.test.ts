import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TICKS_PER_S, roundHalfUp, sFromTicks, ticksFromS } from '../../src/engine/index.js';

describe('time: 1 tick = 1 µs, one rounding rule (nearest tick, halves up)', () => {
  it('converts whole and fractional seconds', () => {
    expect(TICKS_PER_S).toBe(1_000_000);
    expect(ticksFromS(1)).toBe(1_000_000);
    expect(ticksFromS(1.5)).toBe(1_500_000);
    expect(sFromTicks(2_500_000)).toBe(2.5);
  });

  it('rounds to the nearest tick, halves up', () => {
    expect(ticksFromS(1.4e-6)).toBe(1);
    expect(ticksFromS(1.6e-6)).toBe(2);
    expect(ticksFromS(2.5e-6)).toBe(3);
    expect(ticksFromS(0.5e-6)).toBe(1);
  });

  it('is exact for a day and far beyond', () => {
    const dayTicks = ticksFromS(86_400);
    expect(dayTicks).toBe(86_400_000_000);
    expect(Number.isSafeInteger(ticksFromS(285 * 365 * 86_400))).toBe(true);
  });
});

describe('roundHalfUp: Math.round without the branch', () => {
  it('agrees with Math.round on halves, near-halves and huge values', () => {
    for (const x of [0.5, 1.5, 2.5, -0.5, -2.5, 0.49999999999999994, 1.4999999999999998, 2 ** 52 + 1, 2 ** 53 - 1, 1e-300]) {
      expect(roundHalfUp(x)).toBe(Math.round(x) + 0); // + 0 turns Math.round's −0 into +0
    }
  });

  it('agrees with Math.round on any double (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => roundHalfUp(x) === Math.round(x) + 0));
  });
});
