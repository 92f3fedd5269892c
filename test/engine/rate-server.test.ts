import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateServer } from '../../src/engine/index.js';

const S = 1_000_000; // ticks per second
const server = (capacityPerS: number[], overflow: 'queue' | 'reject' = 'queue', classes = 1) => new RateServer({ capacityPerS: Float64Array.from(capacityPerS), overflow, classes });

/** Units offered but neither carried nor rejected by the end of each second, for one class or all. */
function backlog(r: RateServer, cls?: number): number[] {
  const classes = cls === undefined ? r.offeredPerS.map((_, c) => c) : [cls];
  let left = 0;
  return Array.from(r.offeredPerS[0]!, (_, s) => {
    for (const c of classes) left += r.offeredPerS[c]![s]! - r.carriedPerS[c]![s]! - r.rejectedPerS[c]![s]!;
    return left;
  });
}

describe('RateServer: hand-computed cases', () => {
  it('450/s: 1 350 units offered at t=0 finish at 3 s, 450 carried in each second', () => {
    const r = server(Array(10).fill(450));
    expect(r.offer(0, 1350, 0)).toBe(3 * S);
    expect([...r.carriedPerS[0]!.slice(0, 4)]).toEqual([450, 450, 450, 0]);
    expect(r.offeredPerS[0]![0]).toBe(1350);
    expect(r.busyUntilTick).toBe(3 * S);
  });

  it('an idle server starts at the offer instant; a busy one after the work ahead', () => {
    const r = server([100, 100]);
    expect(r.offer(0.25 * S, 50, 0)).toBe(0.75 * S); // idle: starts at 0.25 s, 50 units take 0.5 s
    expect(r.offer(0.5 * S, 30, 0)).toBe(1.05 * S); // queued behind: 25 units in second 0, 5 in second 1
    expect([...r.carriedPerS[0]!]).toEqual([75, 5]);
  });

  it('fractional capacities: 0.5/s takes 2 s per unit; 3/s finishes one unit at ⅓ s, rounded to the tick', () => {
    const slow = server([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(slow.offer(0, 1, 0)).toBe(2 * S);
    expect(slow.offer(2.5 * S, 1, 0)).toBe(4.5 * S);
    expect([...slow.carriedPerS[0]!]).toEqual([0.5, 0.5, 0.25, 0.5, 0.25, 0]);
    expect(server([3]).offer(0, 1, 0)).toBe(333_333);
  });

  it('skips zero-capacity seconds (maintenance)', () => {
    const r = server([10, 0, 0, 10]);
    expect(r.offer(0, 15, 0)).toBe(3.5 * S);
    expect([...r.carriedPerS[0]!]).toEqual([10, 0, 0, 5]);
    const idle = server([10, 0, 10]);
    expect(idle.offer(1.5 * S, 2, 0)).toBe(2.2 * S); // arrives during maintenance: served once it ends
  });

  it("'reject' turns away work that would not finish within its arrival second, changing nothing", () => {
    const r = server([100, 100], 'reject');
    expect(r.offer(0, 80, 0)).toBe(0.8 * S);
    expect(r.offer(0.1 * S, 30, 0)).toBe(-1);
    expect(r.offer(0.2 * S, 20, 0)).toBe(1 * S); // exactly fills second 0: accepted
    expect(r.offer(0.9 * S, 1, 0)).toBe(-1);
    expect(r.offer(1 * S, 50, 0)).toBe(1.5 * S);
    expect([...r.rejectedPerS[0]!]).toEqual([31, 0]);
    expect([...r.carriedPerS[0]!]).toEqual([100, 50]);
    expect(server([0, 10], 'reject').offer(0, 1, 0)).toBe(-1);
  });

  it('work that runs past the horizon returns Infinity; the books stop at the horizon', () => {
    const r = server([10, 10]);
    expect(r.offer(0, 25, 0)).toBe(Infinity);
    expect(r.offer(1.5 * S, 1, 0)).toBe(Infinity);
    expect(r.busyUntilTick).toBe(Infinity);
    expect([...r.carriedPerS[0]!]).toEqual([10, 10]);
    expect([...backlog(r)]).toEqual([15, 6]);
  });

  it('serves classes FIFO together and books each unit to its own class', () => {
    const r = server([10, 10, 10], 'queue', 2);
    expect(r.offer(0, 15, 1)).toBe(1.5 * S);
    expect(r.offer(0, 10, 0)).toBe(2.5 * S);
    expect([...r.carriedPerS[1]!]).toEqual([10, 5, 0]);
    expect([...r.carriedPerS[0]!]).toEqual([0, 5, 5]);
    expect([...backlog(r, 0)]).toEqual([10, 5, 0]);
    expect([...backlog(r, 1)]).toEqual([5, 0, 0]);
  });

  it('fails loudly, naming the value', () => {
    expect(() => server([10, -1])).toThrow('capacityPerS[1] must be finite and ≥ 0, got -1');
    expect(() => server([10], 'queue', 0)).toThrow('classes must be a positive integer, got 0');
    const r = server([10, 10]);
    r.offer(S, 1, 0);
    expect(() => r.offer(S - 1, 1, 0)).toThrow("timeTick must be an integer ≥ the previous offer's (1000000), got 999999");
    expect(() => r.offer(2 * S, 1, 0)).toThrow('timeTick 2000000 is past the horizon (2 s)');
    expect(() => r.offer(S, 1, 1)).toThrow('cls must be an integer in [0, 1), got 1');
    expect(() => r.offer(S, -2, 0)).toThrow('units must be finite and ≥ 0, got -2');
  });
});

/**
 * Reference: the same FIFO fluid queue in cumulative-capacity coordinates K(t) = ∫₀ᵗ C. Each offer's
 * work occupies [start, start + units] of K, start = max(K(t), end of the previous work), and
 * finishes at the earliest t with K(t) = start + units.
 */
function reference(cap: number[], offers: Array<[number, number, number]>, overflow: 'queue' | 'reject') {
  const cum = [0];
  for (const c of cap) cum.push(cum.at(-1)! + c);
  const kAt = (tick: number) => {
    const a = Math.floor(tick / S);
    return cum[a]! + (cap[a]! * (tick - a * S)) / S;
  };
  const tickAt = (k: number) => {
    const s = cum.findIndex((c, i) => i > 0 && c >= k) - 1; // the second in which K reaches k
    return s < 0 ? Infinity : s * S + Math.round(((k - cum[s]!) / cap[s]!) * S);
  };
  const carried = [0, 1].map(() => cap.map(() => 0));
  let end = 0;
  const finish = offers.map(([tick, units, cls]) => {
    const start = Math.max(kAt(tick), end);
    const a = Math.floor(tick / S);
    if (overflow === 'reject' && start + units > cum[a + 1]!) return -1;
    end = start + units;
    cap.forEach((_, s) => (carried[cls]![s]! += Math.max(0, Math.min(end, cum[s + 1]!) - Math.max(start, cum[s]!))));
    return tickAt(end);
  });
  return { finish, carried, pastHorizon: Math.max(0, end - cum.at(-1)!) };
}

describe('RateServer matches the fluid FIFO queue (property)', () => {
  const scenario = fc.record({
    cap: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 8 }),
    offers: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1 }))),
    overflow: fc.constantFrom('queue' as const, 'reject' as const),
  });

  it('same finish ticks, same carried per class and second; carried ≤ capacity; units conserved', () => {
    fc.assert(
      fc.property(scenario, ({ cap, offers, overflow }) => {
        const timed = offers.map(([at, units, cls]) => [Math.floor(at * cap.length * S), units, cls] as [number, number, number]).sort((x, y) => x[0] - y[0]);
        const r = server(cap, overflow, 2);
        const got = timed.map(([tick, units, cls]) => r.offer(tick, units, cls));
        const want = reference(cap, timed, overflow);
        got.forEach((f, i) => {
          if (Number.isFinite(want.finish[i]!)) expect(Math.abs(f - want.finish[i]!)).toBeLessThanOrEqual(1);
          else expect(f).toBe(want.finish[i]);
        });
        const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
        let offered = 0;
        let carriedOrRejected = 0;
        for (const cls of [0, 1]) {
          r.carriedPerS[cls]!.forEach((c, s) => expect(c).toBeCloseTo(want.carried[cls]![s]!, 9));
          offered += sum(r.offeredPerS[cls]!);
          carriedOrRejected += sum(r.carriedPerS[cls]!) + sum(r.rejectedPerS[cls]!);
        }
        cap.forEach((c, s) => expect(r.carriedPerS[0]![s]! + r.carriedPerS[1]![s]!).toBeLessThanOrEqual(c + 1e-9));
        expect(offered).toBeCloseTo(carriedOrRejected + want.pastHorizon, 9);
        expect(backlog(r).at(-1)!).toBeCloseTo(want.pastHorizon, 9);
      }),
      { numRuns: 300 },
    );
  });
});
