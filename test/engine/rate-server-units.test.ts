/** offerUnits / offerUnitsUntil are the fast path of many offer(t, 1, cls) calls: same books, same state afterwards. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateServer } from '../../src/engine/index.js';

describe('RateServer.offerUnits', () => {
  it('keeps exactly the books of one offer per unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0.5, 1, 2, 3.7, 10), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 9_000_000 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        (caps, gaps, probe) => {
          const capacityPerS = Float64Array.from(caps);
          const times = new Float64Array(gaps.length);
          let t = 0;
          gaps.forEach((g, i) => {
            t += g;
            times[i] = t;
          });
          const inHorizon = times.filter((x) => x < caps.length * 1e6);
          const a = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
          const b = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
          for (const x of inHorizon) a.offer(x, 1, 0);
          b.offerUnits(inHorizon, inHorizon.length, 0);
          expect(Array.from(b.offeredPerS[0]!)).toEqual(Array.from(a.offeredPerS[0]!));
          expect(Array.from(b.carriedPerS[0]!)).toEqual(Array.from(a.carriedPerS[0]!));
          expect(b.busyUntilTick).toBe(a.busyUntilTick);
          // The next offer of another class sees the same server.
          const last = inHorizon.length ? inHorizon[inHorizon.length - 1]! : 0;
          const at = Math.min(caps.length * 1e6 - 1, last + probe);
          expect(b.offer(at, 1.5, 1)).toBe(a.offer(at, 1.5, 1));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('offers up to an instant with offerUnitsUntil, in pieces or at once, for both overflow modes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0.5, 1, 2, 3.7, 10), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 900_000 }), { maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 8_000_000 }), { maxLength: 6 }),
        fc.constantFrom('queue' as const, 'reject' as const),
        (caps, gaps, cuts, overflow) => {
          const capacityPerS = Float64Array.from(caps);
          let t = 0;
          const times = Float64Array.from(gaps.map((g) => (t += g))).filter((x) => x < caps.length * 1e6);
          const a = new RateServer({ capacityPerS, overflow, classes: 2 });
          const b = new RateServer({ capacityPerS, overflow, classes: 2 });
          for (const x of times) a.offer(x, 1, 0);
          let next = 0;
          for (const cut of [...cuts].sort((x, y) => x - y)) {
            const got = b.offerUnitsUntil(times, next, times.length, cut, 0);
            let expected = next;
            while (expected < times.length && times[expected]! <= cut) expected++;
            expect(got).toBe(expected);
            next = got;
          }
          expect(b.offerUnitsUntil(times, next, times.length, Infinity, 0)).toBe(times.length);
          expect(Array.from(b.offeredPerS[0]!)).toEqual(Array.from(a.offeredPerS[0]!));
          expect(Array.from(b.carriedPerS[0]!)).toEqual(Array.from(a.carriedPerS[0]!));
          expect(Array.from(b.rejectedPerS[0]!)).toEqual(Array.from(a.rejectedPerS[0]!));
          expect(b.busyUntilTick).toBe(a.busyUntilTick);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses ticks out of order or past the horizon before offering any, naming the index and value', () => {
    const server = new RateServer({ capacityPerS: Float64Array.of(2, 2), overflow: 'queue', classes: 1 });
    expect(() => server.offerUnitsUntil(Float64Array.of(10, 500_000, 400_000), 0, 3, Infinity, 0)).toThrow(
      'RateServer.offerUnits: timesTick[2] = 400000 must be an integer tick ≥ 500000 and before the horizon (2 s)',
    );
    expect(() => server.offerUnits(Float64Array.of(10, 2_000_000), 2, 0)).toThrow(/timesTick\[1\] = 2000000 .* before the horizon/);
    expect(Array.from(server.offeredPerS[0]!)).toEqual([0, 0]); // nothing was offered
    // Ticks after untilTick are not offered, so they are not checked either.
    expect(server.offerUnitsUntil(Float64Array.of(5, 10, 3), 0, 3, 9, 0)).toBe(1);
  });
});
