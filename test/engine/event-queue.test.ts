import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/index.js';

type Item = { timeTick: number; priority: number; seq: number };

function drain(q: EventQueue): number[] {
  const out: number[] = [];
  while (q.size > 0) {
    out.push(q.topPayload());
    q.pop();
  }
  return out;
}

describe('EventQueue: (timeTick, priority, seq) order', () => {
  it('orders by time, then priority, then insertion', () => {
    const q = new EventQueue(2); // small, so it has to grow
    q.push(5, 0, 1);
    q.push(3, 1, 2);
    q.push(3, 0, 3);
    q.push(3, 1, 4);
    q.push(0, 9, 5);
    expect(q.topPriority()).toBe(9);
    expect(drain(q)).toEqual([5, 3, 2, 4, 1]);
  });

  it('pops in the order of a stable sort by (time, priority), with pops interleaved', () => {
    const op = fc.oneof(fc.record({ timeTick: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: 0, max: 3 }) }), fc.constant('pop' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(1);
        const model: Item[] = [];
        let seq = 0;
        const key = (a: Item, b: Item) => a.timeTick - b.timeTick || a.priority - b.priority || a.seq - b.seq;
        for (const o of ops) {
          if (o === 'pop') {
            if (model.length === 0) continue;
            model.sort(key);
            const expected = model.shift()!;
            expect([q.topTimeTick(), q.topPriority(), q.topPayload()]).toEqual([expected.timeTick, expected.priority, expected.seq]);
            q.pop();
          } else {
            model.push({ ...o, seq });
            q.push(o.timeTick, o.priority, seq++);
          }
        }
        model.sort(key);
        expect(drain(q)).toEqual(model.map((m) => m.seq));
      }),
    );
  });
});
