/**
 * Events parked outside the heap (more than a bucket ahead) are delivered in exactly the order the
 * heap alone would give: (time, priority, insertion sequence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/index.js';
import { BUCKET_TICKS } from '../../src/engine/far-events.js';

describe('far events and the in-order lane', () => {
  it('keep the total order (time, priority, seq) across buckets and the lane, ties included', () => {
    const event = fc.record({
      // Coarse times so that ties across buckets and within them are common.
      at: fc.integer({ min: 0, max: 400 }).map((k) => k * (BUCKET_TICKS / 4)),
      priority: fc.integer({ min: 0, max: 2 }),
      // Events scheduled from a handler, this far after the handler's own time.
      children: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 40 }).map((k) => k * (BUCKET_TICKS / 8)),
          fc.integer({ min: 0, max: 2 }),
        ),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        // Reference: a plain list, the minimum (time, priority, seq) taken each step.
        const reference = (): number[] => {
          const pending: { t: number; p: number; seq: number; id: number; children: [number, number][] }[] = [];
          let seq = 0;
          let nextId = events.length;
          events.forEach((e, id) => pending.push({ t: e.at, p: e.priority, seq: seq++, id, children: e.children }));
          const out: number[] = [];
          while (pending.length > 0) {
            let best = 0;
            pending.forEach((x, j) => {
              const b = pending[best]!;
              if (x.t < b.t || (x.t === b.t && (x.p < b.p || (x.p === b.p && x.seq < b.seq)))) best = j;
            });
            const [e] = pending.splice(best, 1);
            out.push(e!.id);
            for (const [dt, p] of e!.children) pending.push({ t: e!.t + dt, p, seq: seq++, id: nextId++, children: [] });
          }
          return out;
        };
        const sim = new Simulator();
        events.forEach((e, id) => sim.schedule(e.at, e.priority, 0, id));
        const children = new Map<number, [number, number][]>(events.map((e, id) => [id, e.children]));
        let nextId = events.length;
        const delivered: number[] = [];
        sim.run(
          {
            handle(_kind, id, t) {
              delivered.push(id);
              for (const [dt, p] of children.get(id) ?? []) {
                children.set(nextId, []);
                // Half the children go through the in-order lane: the order must not change.
                if ((nextId & 1) === 0) sim.scheduleInOrder(t + dt, p, 0, nextId++);
                else sim.schedule(t + dt, p, 0, nextId++);
              }
            },
          },
          Infinity,
        );
        expect(delivered).toEqual(reference());
        expect(sim.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('counts parked events as pending and leaves them for a later run', () => {
    const sim = new Simulator();
    sim.schedule(10 * BUCKET_TICKS, 0, 1, 7);
    sim.schedule(5, 0, 1, 8);
    const seen: number[] = [];
    const h = { handle: (_k: number, e: number) => void seen.push(e) };
    expect(sim.run(h, BUCKET_TICKS)).toBe(1);
    expect(sim.pending).toBe(1);
    expect(sim.run(h, Infinity)).toBe(1);
    expect(seen).toEqual([8, 7]);
  });
});

describe('InOrderLane', () => {
  it('keeps FIFO order while it wraps and grows', async () => {
    const { InOrderLane } = await import('../../src/engine/in-order-lane.js');
    const lane = new InOrderLane();
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 97 * (round % 7); k++) lane.push(next, next, next++);
      for (let k = 0; k < 300 && lane.size > 0; k++) {
        out.push(lane.headPayload());
        lane.shift();
      }
    }
    while (lane.size > 0) {
      out.push(lane.headPayload());
      lane.shift();
    }
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(lane.accepts(next - 1, 0)).toBe(false);
    expect(lane.accepts(next, 0)).toBe(true);
  });

  it('warm: each parked event is warmed once, a bucket or less before it is delivered; near events are not; order unchanged', () => {
    const schedule = (sim: Simulator) => {
      // Entity = index; kinds 0..2; times from now to 5 buckets ahead, some scheduled from handlers.
      for (let id = 0; id < 200; id++) sim.schedule(((id * 7919) % 500) * (BUCKET_TICKS / 100), id % 2, id % 3, id);
    };
    const run = (withWarm: boolean) => {
      const sim = new Simulator();
      schedule(sim);
      const delivered: [number, number, number][] = [];
      const warmed = new Map<number, { kind: number; at: number }>();
      let nextId = 1000;
      const handler = {
        handle(kind: number, id: number, t: number) {
          delivered.push([kind, id, t]);
          if (id < 100) sim.schedule(t + (id % 4) * BUCKET_TICKS + 1, 0, 1, nextId++);
        },
        ...(withWarm
          ? {
              warm(kind: number, id: number) {
                expect(warmed.has(id)).toBe(false);
                warmed.set(id, { kind, at: sim.now });
                return id;
              },
            }
          : {}),
      };
      sim.run(handler, Infinity);
      return { delivered, warmed };
    };
    const plain = run(false);
    const { delivered, warmed } = run(true);
    expect(delivered).toEqual(plain.delivered);
    expect(warmed.size).toBeGreaterThan(50);
    for (const [kind, id, t] of delivered) {
      const w = warmed.get(id);
      if (t < BUCKET_TICKS) expect(w).toBeUndefined(); // never parked: the first bucket goes to the heap
      if (w === undefined) continue;
      expect(w.kind).toBe(kind);
      expect(w.at).toBeLessThanOrEqual(t);
      expect(t - w.at).toBeLessThan(2 * BUCKET_TICKS);
    }
  });
});
