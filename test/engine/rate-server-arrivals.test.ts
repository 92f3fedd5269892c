/**
 * Attached arrivals (RateServer.attachArrivals) are offered ahead of each offer exactly as separate
 * one-unit offers would be — with or without the arrivals-alone shortcut, which copies untouched
 * stretches instead of replaying them: the same books, finish ticks and pointer, bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalsAlone, RateServer } from '../../src/engine/index.js';

const S = 1_000_000;

/** Arrivals and scheduled offers over `caps.length` seconds: quiet stretches, bursts, equal ticks. */
const scenario = fc.record({
  caps: fc.array(fc.constantFrom(0, 0.5, 1, 2, 3.7, 10, 40, 40, 40), { minLength: 1, maxLength: 40, size: 'max' }),
  gaps: fc.array(fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 2_500_000 }), fc.constant(0)), { maxLength: 120, size: 'max' }),
  offers: fc.array(fc.record({ at: fc.integer({ min: 0, max: 40 * S - 1 }), units: fc.constantFrom(0, 0.25, 1, 3, 11, 60) }), { maxLength: 12 }),
});

function books(s: RateServer) {
  return [s.offeredPerS, s.carriedPerS, s.rejectedPerS].map((per) => per.map((a) => Array.from(a)));
}

describe('RateServer.attachArrivals', () => {
  it('keeps the books of one offer per arrival, with and without the arrivals-alone copy', () => {
    let copiedSeconds = 0;
    fc.assert(
      fc.property(scenario, ({ caps, gaps, offers }) => {
        const capacityPerS = Float64Array.from(caps);
        const h = caps.length * S;
        let t = 0;
        const ticks = Float64Array.from(gaps.map((g) => (t += g))).filter((x) => x < h);
        const scheduled = offers.filter((o) => o.at < h).sort((x, y) => x.at - y.at);
        const plain = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
        const attached = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
        const copied = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
        attached.attachArrivals(ticks, 0);
        copied.attachArrivals(ticks, 0, arrivalsAlone(capacityPerS, ticks));
        let next = 0;
        for (const o of scheduled) {
          while (next < ticks.length && ticks[next]! <= o.at) plain.offer(ticks[next++]!, 1, 0);
          const finish = plain.offer(o.at, o.units, 1);
          expect(attached.offer(o.at, o.units, 1)).toBe(finish);
          expect(copied.offer(o.at, o.units, 1)).toBe(finish);
          expect(copied.pointer).toEqual(plain.pointer);
        }
        while (next < ticks.length) plain.offer(ticks[next++]!, 1, 0);
        attached.offerArrivalsUntil(h - 1);
        copied.offerArrivalsUntil(h - 1);
        expect(copied.arrivalsOffered).toBe(ticks.length);
        expect(books(attached)).toEqual(books(plain));
        expect(books(copied)).toEqual(books(plain));
        expect(copied.pointer).toEqual(plain.pointer);
        copiedSeconds += copied.secondsCopied;
      }),
      { numRuns: 1500 },
    );
    expect(copiedSeconds).toBeGreaterThan(1000); // the shortcut was taken, not only the replay
  });

  it('copies the quiet stretches of a long day (the shortcut is taken, and changes nothing)', () => {
    const capacityPerS = new Float64Array(3600).fill(5);
    const ticks = Float64Array.from({ length: 3000 }, (_, k) => k * 1_200_000 + ((k * 7919) % 1_000_000));
    const alone = arrivalsAlone(capacityPerS, ticks);
    const plain = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
    const copied = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
    copied.attachArrivals(ticks, 0, alone);
    // A burst at 10 min queues across seconds; the arrivals before and after are copied.
    for (const x of ticks.filter((x) => x <= 600 * S)) plain.offer(x, 1, 0);
    expect(copied.offer(600 * S, 12, 1)).toBe(plain.offer(600 * S, 12, 1));
    for (const x of ticks.filter((x) => x > 600 * S)) plain.offer(x, 1, 0);
    copied.offerArrivalsUntil(3600 * S - 1);
    expect(books(copied)).toEqual(books(plain));
    expect(copied.secondsCopied).toBeGreaterThan(3500);
  });

  it('refuses an arrivals-alone record of other capacities or other arrivals', () => {
    const capacityPerS = Float64Array.of(2, 2);
    const ticks = Float64Array.of(1, 1_500_000);
    const server = new RateServer({ capacityPerS, overflow: 'queue', classes: 1 });
    expect(() => server.attachArrivals(ticks, 0, arrivalsAlone(Float64Array.of(2, 3), ticks))).toThrow(/other arrivals or other capacities/);
    expect(() => server.attachArrivals(ticks, 0, arrivalsAlone(capacityPerS, Float64Array.of(1, 1_500_000)))).toThrow(/other arrivals/);
    expect(() => server.attachArrivals(Float64Array.of(5, 4), 0)).toThrow(/timesTick\[1\] = 4/);
  });
});
