/**
 * The command path worked out by hand. N = 100 SRs all activate at 00:00:00 (fixed placement, no
 * dispatch spread); the DCO is the only capacity, C DLMS commands a second, queueing, no baseline;
 * every read is n = 5 commands, every first attempt succeeds, the round trip per command is a fixed
 * L = 2 s and no cohort wakes up. Then (scheduled-services.ts):
 *
 *   SR k's first command (k = 0..99, FIFO at the same instant) ends at q_k = (k + 1) / C;
 *   its command j (1-based) is offered at (j − 1)·(q_k + L), and its outcome comes at n·(q_k + L).
 *
 * So the DCO's offered load per second is the count of (k, j) with ⌊(j − 1)(q_k + L)⌋ = s, and SR k
 * completes n·(q_k + L) after its activation — counted here from that formula, apart from the simulator.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/types.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { expectInvariants } from '../helpers/invariants.js';
import { quiet, shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
const N = 100;
const READ = 5;
const L = 2;

function burst(ceilingPerS: number): Scenario {
  return variant(base, (d) => {
    quiet(d);
    d.capacities = d.capacities.filter((c) => c.currency === 'dlms');
    const dco = d.capacities[0]!;
    dco.ceilingPerS = ceilingPerS;
    dco.overflow = 'queue';
    dco.maintenance = [];
    d.workload.srvsPerDay = N;
    d.placement = { kind: 'fixed', atS: 0, dispatchS: 0 };
    d.day.warmupDays = 0;
    d.day.horizonS = 3600;
    d.behaviour.wan.roundTripMedianS = L;
    d.behaviour.wan.roundTripP95S = L * (1 + 1e-9);
    for (const c of d.cohorts) c.wakeUpS = 0;
    for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: READ };
  });
}

/** The closed form: commands offered per second, and each SR's completion time in seconds. */
function expected(ceilingPerS: number): { perS: Map<number, number>; completionS: number[] } {
  const perS = new Map<number, number>();
  const completionS: number[] = [];
  for (let k = 0; k < N; k++) {
    const q = (k + 1) / ceilingPerS;
    for (let j = 1; j <= READ; j++) {
      const sec = Math.floor((j - 1) * (q + L));
      perS.set(sec, (perS.get(sec) ?? 0) + 1);
    }
    completionS.push(READ * (q + L));
  }
  return { perS, completionS };
}

describe('the command path: each command goes when the previous one has come back', () => {
  for (const ceiling of [1e6, 50]) {
    it(`at a ceiling of ${ceiling} commands/s the DCO's load per second and the completions follow the closed form`, () => {
      const s = burst(ceiling);
      const r = runReplication(s, { seed: 7, replication: 0 });
      expectInvariants(s, [r]);
      const { perS, completionS } = expected(ceiling);
      const offered = r.capacities[0]!.offeredPerS[1];
      const seen = new Map<number, number>();
      offered.forEach((v, sec) => {
        if (v > 0) seen.set(sec, v);
      });
      expect([...seen.entries()]).toEqual([...perS.entries()].sort((a, b) => a[0] - b[0]));
      expect(r.counters.dlmsCommands).toBe(N * READ);
      expect(r.counters.responded).toBe(N);
      // Completion times to the histogram's resolution: min and max are kept exactly.
      expect(r.completionS.min).toBeCloseTo(Math.min(...completionS), 5);
      expect(r.completionS.max).toBeCloseTo(Math.max(...completionS), 5);
      expect(r.completionS.sum / N).toBeCloseTo(completionS.reduce((a, b) => a + b, 0) / N, 5);
    });
  }

  it('spreads a read over its round trips: no second sees more than one command of each SR', () => {
    // At 1e6/s the five commands of every SR land in seconds 0, 2, 4, 6 and 8 — N each — where the
    // batch of old put all 5·N in second 0.
    const r = runReplication(burst(1e6), { seed: 7, replication: 0 });
    const offered = r.capacities[0]!.offeredPerS[1];
    expect([0, 2, 4, 6, 8].map((sec) => offered[sec])).toEqual([N, N, N, N, N]);
    expect(Math.max(...offered)).toBe(N);
  });
});
