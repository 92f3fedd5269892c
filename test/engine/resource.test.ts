import { describe, expect, it } from 'vitest';
import { Resource } from '../../src/engine/index.js';

describe('Resource: c servers, FIFO queue', () => {
  it('grants free servers, queues the rest and hands a released server to the oldest waiter', () => {
    const r = new Resource(2);
    expect([r.request(10), r.request(11), r.request(12), r.request(13)]).toEqual([true, true, false, false]);
    expect([r.inUse, r.queueLength]).toEqual([2, 2]);
    expect(r.release()).toBe(12); // the server passes straight on: inUse stays 2
    expect([r.inUse, r.queueLength]).toEqual([2, 1]);
    expect(r.release()).toBe(13);
    expect(r.release()).toBe(-1);
    expect(r.release()).toBe(-1);
    expect([r.inUse, r.queueLength]).toEqual([0, 0]);
  });

  it('keeps FIFO order while the ring wraps and grows', () => {
    const r = new Resource(1);
    r.request(0);
    const served: number[] = [];
    let next = 1;
    // Interleave: queue 3, serve 1, many times, so the ring both wraps and doubles.
    for (let round = 0; round < 100; round++) {
      for (let k = 0; k < 3; k++) r.request(next++);
      served.push(r.release());
    }
    while (r.queueLength > 0) served.push(r.release());
    expect(served).toEqual(Array.from({ length: next - 1 }, (_, i) => i + 1));
  });

  it('fails loudly', () => {
    expect(() => new Resource(0)).toThrow('servers must be a positive integer, got 0');
    expect(() => new Resource(1).release()).toThrow('no server is in use');
    expect(() => new Resource(1).request(-1)).toThrow('entity must be an integer in [0, 2^31), got -1');
  });
});
