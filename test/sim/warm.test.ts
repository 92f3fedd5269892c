/**
 * Reading parked events' SR records ahead (EventHandler.warm) is only about the cache: the events
 * delivered, their order and every result are the same with it and without.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/sim/run-replication.js';
import { shipped, variant } from '../helpers/scenarios.js';

const small = variant(await shipped('p0-midnight-burst'), (d) => {
  d.workload.srvsPerDay = 20_000;
  d.day.horizonS = 30 * 3600;
});

describe('warm', () => {
  it('changes no event, no order and no result', () => {
    const traced = (warm: boolean) => runReplication(small, { seed: 3, replication: 1, trace: true, warm }).fingerprint;
    expect(traced(true)).toBe(traced(false));
    const plain = (warm: boolean) => runReplication(small, { seed: 3, replication: 1, warm });
    const [a, b] = [plain(true), plain(false)];
    expect(a.counters.attempts).toBeGreaterThan(a.counters.activated); // retries happened: parked events were warmed
    expect(a).toEqual(b);
  });
});
