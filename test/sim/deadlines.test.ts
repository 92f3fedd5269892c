/**
 * "Answered by 06:00" counted by hand. With no ceiling at all, a fixed read of 4 DLMS commands and a
 * fixed round trip per command, every attempt succeeds and each SR is answered exactly D = wake-up +
 * 4 round trips after its activation a (see retries.test.ts for the fixed round trip). A deadline means its first occurrence after the activation:
 *
 *   a < 06:00  → answered by 06:00 iff a + D < 06:00 (a response at 06:00:00 exactly is after it)
 *   a ≥ 06:00  → the next morning's 06:00: answered
 *
 * so over a placement of 05:00–07:00 the SRs that miss 06:00 are exactly those activated in
 * [06:00 − D, 06:00), counted here from the day's activation instants, apart from the simulator.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../../src/engine/index.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { summarise } from '../../src/stats/summarise.js';
import { prepareDay } from '../../src/workload/day.js';
import { expectInvariants } from '../helpers/invariants.js';
import { quiet, shipped, variant, window } from '../helpers/scenarios.js';

const base = await shipped();
const L = 2.5; // round trip per DLMS command, s
const W = 30; // wake-up of the MOC cohort, s
const DLMS = 4; // commands of a read
const D = W + DLMS * L; // 40 s
const N = 20_000;

const s = variant(base, (d) => {
  quiet(d);
  d.capacities = [];
  d.workload.srvsPerDay = N;
  d.day.warmupDays = 0;
  d.day.deadlinesS = [6 * 3600, 8 * 3600, 5.5 * 3600];
  d.behaviour.wan.roundTripMedianS = L;
  d.behaviour.wan.roundTripP95S = L * (1 + 1e-9);
  for (const c of d.cohorts) c.wakeUpS = c.id === 'MOC' ? W : 0;
  for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: DLMS };
  window(d, 5 * 3600, 7 * 3600);
});

describe('business deadlines', () => {
  const rep = { seed: 21, replication: 0 };
  const r = runReplication(s, rep);
  const table = prepareDay(s, new KeyedRng(rep.seed, rep.replication)).srs;
  const count = (test: (aS: number) => boolean) => {
    let n = 0;
    for (let i = 0; i < table.size; i++) if (test(table.activationTick(i) / 1e6)) n++;
    return n;
  };

  it('every SR is answered D after its activation', () => {
    expectInvariants(s, [r], summarise(s, [r]));
    expect(r.counters.responded).toBe(N);
    expect(r.completionS.min).toBe(D);
    expect(r.completionS.max).toBe(D);
  });

  it('06:00: all but the SRs activated in [06:00 − D, 06:00), which answer at or after it', () => {
    const miss = count((a) => a >= 6 * 3600 - D && a < 6 * 3600);
    expect(miss).toBeGreaterThan(50); // ≈ N × 40 / 7 200 = 111
    expect(r.byDeadline[0]).toBe(N - miss);
  });

  it('08:00: every SR (all activated before 07:00, answered 40 s later)', () => {
    expect(r.byDeadline[1]).toBe(N);
  });

  it('05:30: SRs activated before 05:30 − D, and every SR activated from 05:30 on (answered by the next 05:30)', () => {
    expect(r.byDeadline[2]).toBe(count((a) => a < 5.5 * 3600 - D) + count((a) => a >= 5.5 * 3600));
  });
});
